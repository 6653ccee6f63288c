"""A signatory without a second factor sets one up on the way to attesting, then attests."""

import re

import pytest
from playwright.sync_api import expect

from declarations.models import Declaration
from portal.two_factor import current_code, secret_for_humans
from tests.browser.conftest import acme_minimum_draft, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def draft(live_guideline, portal_pki, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return acme_minimum_draft()


def _key_from_page(page) -> str:
    import base64
    import binascii

    shown = page.locator("#two-factor-secret").inner_text()
    return binascii.hexlify(base64.b32decode(shown.replace(" ", ""))).decode()


def test_a_signatory_sets_up_an_authenticator_on_the_way_and_attests(page, draft):
    sign_in(page, "sam@acme.test", PASSWORD)
    page.goto(f"/declarations/{draft.pk}/attest/")

    # Sent to set up two-factor authentication, told why.
    expect(page.locator("#two-factor-needed")).to_be_visible()
    expect(page.locator("img.two-factor-qr")).to_be_visible()
    key = _key_from_page(page)
    assert secret_for_humans(key) == page.locator("#two-factor-secret").inner_text()
    page.get_by_label("アプリのコード").fill(current_code(key))
    page.locator('button[name="confirm"]').click()

    # The recovery codes, once; then back to the attestation.
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.locator("#codes-saved").click()
    expect(page).to_have_url(re.compile(rf"/declarations/{draft.pk}/attest/$"))

    page.fill('input[name="signatory_name"]', "署名 三郎")
    page.fill('input[name="signatory_title"]', "代表取締役")
    page.check('input[name="confirm"]')
    page.fill('input[name="password"]', PASSWORD)
    page.locator('button[name="attest"]').click()
    expect(page.locator("#serial")).to_contain_text("JPD-")
    draft.refresh_from_db()
    assert draft.status == Declaration.Status.PUBLISHED
