"""An editor who opens the attestation page in a browser gets a page of the portal,
styled and in the page's language, with a way on — not a bare "403 Forbidden"."""

import pytest
from playwright.sync_api import expect

from declarations.services import start_declaration
from guidelines.models import Package
from tests.browser.conftest import sign_in
from tests.conftest import answer_everything

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "prefix,lang,heading", [("", "ja", "許可されていません"), ("/en", "en", "Not allowed")]
)
def test_an_editor_on_the_attestation_page_sees_a_styled_translated_403(
    page, live_guideline, acme_product, alice, prefix, lang, heading
):
    minimum = Package.objects.get(kind="minimum")
    draft = start_declaration(product=acme_product, package=minimum, user=alice)
    answer_everything(draft)
    sign_in(page, alice.email, prefix=prefix)

    response = page.goto(f"{prefix}/declarations/{draft.pk}/attest/")
    assert response.status == 403
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("#forbidden")).to_be_visible()
    expect(page.locator("h1")).to_contain_text(heading)
    # The portal's own page: its stylesheet applied, its navigation and footer there.
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
    expect(page.locator("nav").first).to_be_visible()
    expect(page.locator("#footer-accessibility")).to_be_visible()
    # And a way on: the home, which lists the draft and who may sign it.
    page.locator(f"#forbidden a[href='{prefix}/']").click()
    expect(page.locator(f"#home-draft-{draft.pk}")).to_be_visible()
