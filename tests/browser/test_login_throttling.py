"""Guessing a password in a real browser: after the allowed failures the right password
is refused too, and the page says why and when to try again — in Japanese."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _try(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン", exact=True).click()
    page.wait_for_load_state()


def test_after_too_many_wrong_passwords_even_the_right_one_is_paused(page, live_server, sam):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(page, sam.email, "not the password")
        expect(page.locator("#locked-out")).to_have_count(0)
    _try(page, sam.email, "not the password")  # the last one allowed
    _try(page, sam.email, PASSWORD)

    expect(page.locator("#locked-out")).to_be_visible()
    expect(page.locator("#locked-out")).to_contain_text("パスワード")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    page.goto("/declarations/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
