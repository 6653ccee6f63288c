"""A signatory adds a security key, signs out, signs in again with the key as the second
factor and reaches the attestation: in chromium, with the DevTools Protocol's virtual
authenticator standing in for the key, under the enforced Content-Security-Policy."""

import re
from urllib.parse import urlsplit

import pytest
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from portal.audit import AuditEvent
from tests.browser.accessibility import Audit
from tests.browser.conftest import acme_minimum_draft
from tests.browser.test_content_security_policy import PolicyWatch
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def draft(live_guideline, settings, live_server):
    # A key is bound to the host it was made on: the live server's.
    settings.OTP_WEBAUTHN_RP_ID = urlsplit(live_server.url).hostname
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    return acme_minimum_draft()


def _with_a_security_key(page) -> None:
    """A platform authenticator (a passkey) that says yes whenever it is asked."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def _password(page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("メールアドレス").fill("sam@acme.test")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_a_signatory_adds_a_key_and_passes_the_second_factor_step_with_it(
    browser, live_server, draft
):
    page = browser.new_context(base_url=live_server.url, locale="ja-JP").new_page()
    page.set_default_timeout(10_000)
    watch = PolicyWatch(page)
    axe = Audit(origin=live_server.url, prefix="")
    _with_a_security_key(page)

    # Signed in with the password alone (no second factor yet), the key is added by name.
    _password(page)
    watch.visit("/accounts/two-factor/")
    page.get_by_label("キーの名前").fill("このノートパソコン")
    page.locator("#add-security-key").click()

    # A first second factor: recovery codes, once; then the key is listed.
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    watch.check("the recovery codes after the first key")
    page.locator("#codes-saved").click()
    expect(page.locator("#security-key-list")).to_contain_text("このノートパソコン")
    watch.check("the overview with the key")
    axe.check(page, "the overview with the key")
    page.locator("#security-key-list a").click()
    expect(page.locator("#last-second-factor")).to_be_visible()
    axe.check(page, "removing the only key")
    watch.check("removing the only key")
    assert WebAuthnCredential.objects.get(user__email="sam@acme.test").name == "このノートパソコン"

    # Signed out and in again: the password leads to the second-factor step only.
    page.get_by_role("button", name="ログアウト").click()
    _password(page)
    page.goto(f"/declarations/{draft.pk}/attest/")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/\?next="))
    watch.check("the second-factor step")
    axe.check(page, "the second-factor step with a key")
    page.locator("#use-security-key").click()

    # The key passes it, and the way leads on to the attestation.
    expect(page).to_have_url(re.compile(rf"/declarations/{draft.pk}/attest/$"))
    expect(page.locator('input[name="signatory_name"]')).to_be_visible()
    watch.check("the attestation page")
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert AuditEvent.Kind.SECURITY_KEY_ADDED in kinds
    assert AuditEvent.Kind.SECURITY_KEY_REFUSED not in kinds
    assert not axe.problems, "\n\n".join(axe.problems)


def test_a_browser_without_webauthn_says_so_instead_of_offering_the_key(
    browser, live_server, draft
):
    page = browser.new_context(base_url=live_server.url, locale="ja-JP").new_page()
    page.set_default_timeout(10_000)
    page.add_init_script("delete window.PublicKeyCredential;")
    _password(page)
    page.goto("/accounts/two-factor/")
    expect(page.locator("[data-webauthn-error]")).to_contain_text(
        "このブラウザではセキュリティキーやパスキーを使えません"
    )
    expect(page.locator("#add-security-key")).to_be_disabled()
