"""Each role signs in, lands on its home and finds its primary action there; a
signatory goes from the home to the complete draft and finds "Sign and publish"."""

import re

import pytest
from playwright.sync_api import expect

from declarations.services import start_declaration
from guidelines.models import Package
from tests.browser.conftest import give_authenticator, sign_in
from tests.conftest import answer_everything

pytestmark = pytest.mark.browser


@pytest.fixture
def draft(live_guideline, acme_product, alice):
    minimum = Package.objects.get(kind="minimum")
    return start_declaration(product=acme_product, package=minimum, user=alice)


def _lands_home(page) -> None:
    page.wait_for_url(re.compile(r"/$"))
    expect(page.locator("h1")).to_contain_text("ようこそ")


def test_an_editor_lands_on_the_vendor_home_and_goes_on_answering(page, draft, alice):
    sign_in(page, alice.email)
    _lands_home(page)
    expect(page.locator(f"#home-draft-{draft.pk} [role=progressbar]")).to_be_visible()
    primary = page.locator("#home-primary-vendor")
    expect(primary).to_contain_text("回答を続ける")
    primary.click()
    page.wait_for_url(f"**/declarations/{draft.pk}/")
    expect(page.locator("#resume")).to_be_visible()


def test_a_signatory_goes_from_the_home_to_the_complete_draft_and_signs_it(page, draft, sam):
    answer_everything(draft)
    give_authenticator(sam)
    sign_in(page, sam.email)
    _lands_home(page)
    expect(page.locator(f"#home-draft-{draft.pk}")).to_contain_text("署名できます")
    page.locator("#home-primary-vendor").click()
    page.wait_for_url(f"**/declarations/{draft.pk}/")
    sign = page.locator("#draft-actions #attest-link")
    expect(sign).to_contain_text("署名して公開")
    sign.click()
    page.wait_for_url(f"**/declarations/{draft.pk}/attest/")
    expect(page.locator('input[name="signatory_name"]')).to_be_visible()


def test_a_procurer_lands_on_the_search_box_and_searches_the_registry(page, live_guideline, pat):
    sign_in(page, pat.email)
    _lands_home(page)
    expect(page.locator("#home-requests .empty-state")).to_be_visible()
    page.locator("#home-search-q").fill("Acme")
    page.locator("#home-primary-procurer").click()
    page.wait_for_url(re.compile(r"/registry/\?q=Acme"))
    expect(page.locator("#registry-search")).to_be_visible()


def test_staff_land_on_what_waits_for_them(page, live_guideline, root):
    from tests.factories import OrganizationFactory

    waiting = OrganizationFactory(status="pending", name_ja="審査待ち株式会社")
    give_authenticator(root)
    sign_in(page, root.email)
    _lands_home(page)
    expect(page.locator(f"#home-organization-{waiting.pk}")).to_contain_text("審査待ち株式会社")
    page.locator("#home-primary-staff").click()
    page.wait_for_url(re.compile(r"/admin/portal/organization/\?status__exact=pending"))
    expect(page.locator("#result_list")).to_contain_text("審査待ち株式会社")
