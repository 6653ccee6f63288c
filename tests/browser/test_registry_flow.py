"""A procurer signs in, lands on the registry, finds a vendor by typing its name in
hiragana, narrows to Standard declarations in force, reads one and downloads its PDF."""

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


def test_a_procurer_finds_a_declaration_reads_its_answers_and_downloads_the_pdf(
    page, demo, tmp_path
):
    sign_in(page, "procurer@demo.example", DEMO_PASSWORD)
    expect(page).to_have_url("/registry/")
    expect(page.get_by_role("heading", name="自己適合宣言の登録簿")).to_be_visible()

    page.get_by_label("検索", exact=True).fill("でもそふと")  # the vendor is デモソフトウェア
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


def test_anyone_finds_a_vendor_typed_in_half_width_katakana(page, demo):
    page.goto("/en/registry/")
    page.get_by_label("Search", exact=True).fill("ｻﾝﾌﾟﾙ")  # サンプル制御システムズ
    page.locator("#registry-submit").click()
    expect(page.get_by_role("table")).to_contain_text("Sample Control Systems Co., Ltd.")
    expect(page.locator("#result-count")).to_have_text("3 declarations")
