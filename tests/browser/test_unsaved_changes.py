"""Leaving the answer form after an edit asks first; after saving it does not."""

import pytest
from playwright.sync_api import expect

from declarations.services import start_declaration
from guidelines.models import Package
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def answer_page(page, live_guideline, acme_product, alice):
    minimum = Package.objects.get(kind="minimum")
    draft = start_declaration(product=acme_product, package=minimum, user=alice)
    sign_in(page, alice.email)
    page.goto(f"/declarations/{draft.pk}/categories/1/")
    dialogs: list[str] = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", stay)
    return page, draft, dialogs


def _leave(page, draft) -> None:
    page.locator(f'.breadcrumb a[href="/declarations/{draft.pk}/"]').click()


def test_leaving_after_an_edit_warns_and_stays(answer_page):
    page, draft, dialogs = answer_page
    page.fill("#id_s1-2-explanation", "書きかけの説明")
    _leave(page, draft)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith("/categories/1/")
    expect(page.locator("#id_s1-2-explanation")).to_have_value("書きかけの説明")


def test_saving_does_not_warn_nor_does_leaving_afterwards(answer_page):
    page, draft, dialogs = answer_page
    page.check("input[name=s1-2-status][value=conformant]")
    page.locator("button[name=action][value=save]").click()
    page.wait_for_load_state()
    expect(page.locator("input[name=s1-2-status][value=conformant]")).to_be_checked()
    _leave(page, draft)
    page.wait_for_url(f"**/declarations/{draft.pk}/")
    assert dialogs == []


def test_leaving_untouched_does_not_warn(answer_page):
    page, draft, dialogs = answer_page
    _leave(page, draft)
    page.wait_for_url(f"**/declarations/{draft.pk}/")
    assert dialogs == []
