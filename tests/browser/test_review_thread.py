"""On a published declaration, a procurer opens a thread on statement (2)-1, a vendor
member replies, the procurer resolves it; the open-thread counts follow each step."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def declaration(live_guideline, published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return published


def test_a_procurer_asks_the_vendor_replies_and_the_procurer_resolves(
    page, browser, live_server, declaration, pat, alice
):
    detail = f"/declarations/{declaration.pk}/"
    sign_in(page, pat.email)
    page.goto(detail)
    total = page.locator("#open-thread-total")
    row = page.locator("#answer-threads-2-1")
    expect(total).to_have_text("未解決 0 件")
    expect(page.locator("#no-threads")).to_be_visible()

    row.get_by_role("link", name="質問する").click()
    expect(page.get_by_label("対象")).to_have_value("(2)-1")
    page.get_by_label("説明の依頼").check()
    page.get_by_label("件名").fill("SBOM の提供形式")
    page.get_by_label("メッセージ").fill("SBOM はどの形式で提供されますか。\n<b>SPDX</b> ですか。")
    page.get_by_label("リンク").fill("https://example.jp/procurement/sbom")
    page.get_by_role("button", name="スレッドを開始する").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("SBOM の提供形式")
    expect(page.locator("[data-thread-state]")).to_have_text("未解決")
    expect(page.locator(".message-body")).to_contain_text("<b>SPDX</b>")  # text, not markup
    expect(page.get_by_role("link", name="https://example.jp/procurement/sbom")).to_have_attribute(
        "rel", "noopener nofollow"
    )
    page.goto(detail)
    expect(total).to_have_text("未解決 1 件")
    expect(row.locator("[data-open-count]")).to_have_text("1")

    # The vendor's editor sees the count in the list, opens the thread and replies.
    vendor = browser.new_context(base_url=live_server.url, locale="ja-JP").new_page()
    sign_in(vendor, alice.email)
    vendor.goto("/declarations/")
    count = vendor.locator('#declaration-table td[data-open-threads="1"]')
    expect(count).to_have_text("1")
    count.get_by_role("link").click()
    vendor.get_by_role("link", name="SBOM の提供形式").click()
    vendor.get_by_role("textbox", name="メッセージ").fill(
        "SPDX 2.3 の JSON 形式で、リリースごとに提供します。"
    )
    vendor.get_by_role("button", name="送信").click()
    expect(vendor.locator("#messages > li")).to_have_count(2)
    expect(vendor.locator("#resolve")).to_have_count(0)  # only the procurer resolves
    vendor.context.close()

    # The procurer reads the reply and resolves the thread.
    page.reload()
    page.locator("#thread-table").get_by_role("link", name="SBOM の提供形式").click()
    expect(page.locator("#messages")).to_contain_text("SPDX 2.3 の JSON 形式")
    page.get_by_role("button", name="解決済みにする").click()
    expect(page.locator("[data-thread-state]")).to_have_text("解決済み")
    expect(page.locator("#thread-resolved")).to_be_visible()

    page.goto(detail)
    expect(total).to_have_text("未解決 0 件")
    expect(row.locator("[data-open-count]")).to_have_text("0")
    page.goto("/threads/")
    expect(page.locator("#count-open")).to_have_text("0")
    expect(page.locator("#count-resolved")).to_have_text("1")
    page.locator("#filter-resolved").click()
    expect(page.locator("#thread-table")).to_contain_text("SBOM の提供形式")
    page.locator("#filter-open").click()
    expect(page.locator("#empty-state")).to_be_visible()
