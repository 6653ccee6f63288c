"""Playwright driving Debian's chromium, headless, against a live server.

The browser is the system's (installed by `make test`), never one that
Playwright downloads. The sync Playwright API runs an event loop in the test
thread, so Django's async-safety guard is relaxed for these tests only.
"""

import os
import time

import pytest
from django.core.management import call_command

from declarations.services import start_declaration
from guidelines.models import Package
from portal.models import Role
from tests.browser.chromium import CHROMIUM_FLAGS, chromium_path
from tests.conftest import FIXTURE, PASSWORD, answer_everything
from tests.factories import MembershipFactory, OrganizationFactory, ProductFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _chromium_path() -> str:
    path = chromium_path()
    if not path:
        pytest.fail("Debian's chromium is not installed; `make test` installs it (chromium).")
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=_chromium_path(), headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="ja-JP")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def live_guideline(transactional_db):
    call_command("loaddata", str(FIXTURE), verbosity=0)


def acme_minimum_draft():
    """Alice's draft for Acme Cloud against the Minimum package, every statement
    answered; Sam signs for Acme."""
    acme = OrganizationFactory(name_ja="アクメ株式会社", name_en="Acme Corp")
    alice = MembershipFactory(
        user=UserFactory(email="alice@acme.test"), organization=acme, role=Role.EDITOR
    ).user
    MembershipFactory(
        user=UserFactory(email="sam@acme.test"), organization=acme, role=Role.SIGNATORY
    )
    product = ProductFactory(organization=acme, name="Acme Cloud")
    package = Package.objects.get(kind=Package.Kind.MINIMUM)
    declaration = start_declaration(product=product, package=package, user=alice)
    answer_everything(declaration)
    return declaration


def sign_in(page, email: str, password: str = PASSWORD, *, prefix: str = "") -> None:
    """Sign in on the login page of a language ("" Japanese, "/en" English)."""
    page.goto(f"{prefix}/accounts/login/")
    label = {
        "": ("メールアドレス", "パスワード", "ログイン"),
        "/en": ("Email address", "Password", "Sign in"),
    }
    email_label, password_label, button = label[prefix]
    page.get_by_label(email_label).fill(email)
    page.get_by_label(password_label).fill(password)
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/two-factor/verify/" in page.url:
        enter_code(page, email, prefix=prefix)


def give_authenticator(user):
    """An authenticator app for ``user`` (as set up on /accounts/two-factor/): signing in
    then asks for its code, which ``sign_in`` enters. Signatories need one to attest."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def next_code(email: str) -> str:
    """The code the person's authenticator app shows, one its device has not used yet."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from portal.two_factor import current_code

    device = TOTPDevice.objects.get(user__email=email, confirmed=True)
    step_now = int(time.time()) // device.step
    return current_code(device.key, step_offset=max(0, device.last_t + 1 - step_now))


def enter_code(page, email: str, *, prefix: str = "") -> None:
    """Give the code after the password, as the person would from their app."""
    label, button = {"": ("コード", "続ける"), "/en": ("Code", "Continue")}[prefix]
    page.get_by_label(label).fill(next_code(email))
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_url(lambda url: "/two-factor/verify/" not in url)
