"""A procurer ticks two declarations in the registry, compares them, and sees the table."""

import pytest
from playwright.sync_api import expect

from declarations.models import Answer
from tests.browser.conftest import sign_in
from tests.declarations.registry import publish
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def two_declarations(live_guideline, portal_pki, settings, tmp_path):
    from guidelines.models import Package

    settings.MEDIA_ROOT = tmp_path / "media"
    vendor = OrganizationFactory(name_ja="比較テスト株式会社")
    minimum = Package.objects.get(edition__label="2024-09", kind="minimum")
    standard = Package.objects.get(edition__label="2024-09", kind="standard")
    first = publish(vendor, "比較ゲートウェイ", minimum)
    second = publish(vendor, "比較ポータル", standard, status="not_applicable")
    assert Answer.objects.filter(declaration=second, status="not_applicable").exists()
    buyer = OrganizationFactory(kind="procurer", name_ja="比較調達庁")
    MembershipFactory(organization=buyer, user=UserFactory(email="buyer@compare.test"))
    return first, second


def test_a_procurer_compares_two_declarations_from_the_registry(page, two_declarations):
    first, second = two_declarations
    sign_in(page, "buyer@compare.test")
    page.goto("/registry/")
    page.get_by_label(f"{first.serial} を比較").check()
    page.get_by_label(f"{second.serial} を比較").check()
    page.get_by_role("button", name="選択した宣言を比較").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("宣言の比較")
    table = page.locator("#compare-table")
    expect(table.locator("thead th.compare-declaration")).to_have_count(2)
    expect(table).to_contain_text("比較ゲートウェイ")
    expect(table).to_contain_text("比較ポータル")
    # (1)-1 is in Standard only: the Minimum declaration's cell says so in words.
    expect(table.locator('tr[data-code="(1)-1"]')).to_contain_text("パッケージ対象外")
    expect(table.locator('tr[data-code="(1)-2"]')).to_contain_text("該当なし")
    expect(page.locator("#compare-csv")).to_be_visible()
    expect(page.locator("#compare-print")).to_be_visible()  # shown by its script
