"""A procurer signs in, lands on their home, searches the registry from it, finds a
vendor by typing its name in hiragana, narrows to Standard declarations in force, reads
one, downloads its PDF and verifies it; once the vendor withdraws it, the same PDF and
the badge say so."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from declarations.documents.signing import verify_pdf
from declarations.management.commands.seed_demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(live_guideline, portal_pki, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)  # tasks run eagerly: the PDFs are made here


def test_a_procurer_finds_reads_downloads_and_verifies_a_declaration_then_sees_it_withdrawn(
    page, browser, live_server, demo, tmp_path
):
    sign_in(page, "procurer@demo.example", DEMO_PASSWORD)
    expect(page).to_have_url("/")
    page.locator("#home-search-q").fill("でもそふと")  # the vendor is デモソフトウェア
    page.locator("#home-primary-procurer").click()
    expect(page.get_by_role("heading", name="自己適合宣言の登録簿")).to_be_visible()
    expect(page.get_by_label("検索", exact=True)).to_have_value("でもそふと")

    page.get_by_label("パッケージ", exact=True).select_option("standard")
    page.get_by_label("状態", exact=True).select_option("in_force")
    page.locator("#registry-submit").click()

    expect(page.locator("#result-count")).to_have_text("1 件")
    table = page.get_by_role("table")
    expect(table).to_contain_text("株式会社デモソフトウェア")
    expect(table).to_contain_text("有効")
    table.get_by_role("link", name="デモ認証ゲートウェイ").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("デモ認証ゲートウェイ")
    expect(page.locator("#status-line")).to_contain_text("有効です")
    expect(page.locator("#supersedes-link")).to_be_visible()  # it is a renewal
    expect(page.locator("#answers")).to_contain_text("DAST を全サービスに導入し")
    expect(page.locator("#answer-counts")).to_be_visible()

    with page.expect_download() as info:
        page.locator("#pdf-download").click()
    path = tmp_path / "declaration.pdf"
    info.value.save_as(path)
    check = verify_pdf(path.read_bytes())
    assert check.ok and check.trusted and check.covers_whole_file
    summary_url = page.url
    serial = page.locator("#verify-link").get_attribute("href").rstrip("/").rsplit("/", 1)[-1]

    def verify_upload():
        page.goto("/verify/")
        page.get_by_label("宣言のPDF").set_input_files(path)
        page.get_by_role("button", name="PDF を検証する").click()
        return page.locator("#verdict")

    verdict = verify_upload()
    expect(verdict).to_have_attribute("data-outcome", "current")
    expect(verdict).to_contain_text("真正であり、有効です。")

    # The vendor's signatory withdraws it, in a browser of their own.
    vendor = browser.new_context(base_url=live_server.url, locale="ja-JP").new_page()
    sign_in(vendor, "signatory@demo.example", DEMO_PASSWORD)
    vendor.goto(summary_url)
    vendor.locator("#own-declaration").click()
    vendor.get_by_role("link", name="撤回", exact=True).click()
    vendor.get_by_label("理由").fill("販売を終了したため。")
    vendor.get_by_role("button", name="撤回", exact=True).click()
    expect(vendor.locator(".alert-success")).to_contain_text("撤回しました")
    vendor.context.close()

    verdict = verify_upload()
    expect(verdict).to_have_attribute("data-outcome", "not_current")
    expect(verdict).to_contain_text("真正ですが、現在は有効ではありません。")
    expect(verdict).to_contain_text("販売を終了したため。")
    badge = page.request.get(f"/registry/{serial}/badge.svg")
    assert badge.status == 200 and "撤回" in badge.text()


def test_anyone_finds_a_vendor_typed_in_half_width_katakana(page, demo):
    page.goto("/en/registry/")
    page.get_by_label("Search", exact=True).fill("ｻﾝﾌﾟﾙ")  # サンプル制御システムズ
    page.locator("#registry-submit").click()
    expect(page.get_by_role("table")).to_contain_text("Sample Control Systems Co., Ltd.")
    expect(page.locator("#result-count")).to_have_text("3 declarations")
