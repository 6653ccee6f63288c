"""A vendor editor drafts a declaration in the browser, from product to review.

The live server speaks Japanese and the catalogue may not know the drafting
strings yet, so elements are found by the names, values and ids of the form
fields and buttons, which stay put whatever the language.
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from declarations.services import start_declaration
from guidelines.models import Package
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def save(page, action: str) -> None:
    page.locator(f"button[name=action][value={action}]").click()


@pytest.mark.parametrize("prefix,lang", [("", "ja"), ("/en", "en")])
def test_an_editor_adds_a_product_and_answers_a_minimum_declaration_until_it_is_ready(
    page, live_guideline, alice, prefix, lang
):
    sign_in(page, alice.email, prefix=prefix)

    page.goto(f"{prefix}/products/new/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.fill("#id_name", "ブラウザ試験クラウド")
    page.fill("#id_version", "1.0")
    page.check("input[name=kind][value=software]")
    page.check("input[name=roles][value=developer]")
    page.check("input[name=roles][value=operator]")
    save(page, "save")
    expect(page.locator("h1")).to_contain_text("ブラウザ試験クラウド")

    page.locator("#start-declaration").click()
    page.check("input[name=package][value=minimum]")
    save(page, "start")
    expect(page.locator("#draft-progress")).to_have_attribute("aria-valuenow", "0")
    page.locator("#resume").click()

    target = (datetime.date.today() + datetime.timedelta(days=200)).isoformat()
    pages = 0
    while True:
        pages += 1
        # Count the forms only once this page is the one the click led to:
        # count() does not wait, and the previous page may still be showing.
        page.wait_for_url(f"**/categories/{pages}/")
        forms = page.locator("section.statement-answer")
        expect(forms.first).to_be_visible()
        for index in range(forms.count()):
            forms.nth(index).locator("input[type=radio][value=conformant]").check()
        if pages == 1:
            # One gap: (1)-2 is not conformant yet, with a plan and a date.
            page.check("input[name=s1-2-status][value=not_conformant]")
            page.fill("#id_s1-2-explanation", "コード署名は未導入。")
            page.fill("#id_s1-2-remediation_plan", "リリースパイプラインにコード署名を導入する。")
            page.fill("#id_s1-2-target_date", target)
        if page.locator("button[name=action][value=next]").count():
            save(page, "next")
        else:
            save(page, "review")
            page.wait_for_url("**/review/")
            break

    assert pages == 4  # Minimum has statements in categories (1) to (4)
    expect(page.locator("#ready-for-attestation")).to_be_visible()
    expect(page.locator("#draft-progress")).to_have_attribute("aria-valuenow", "100")
    expect(page.locator("#review-1-2")).to_contain_text("コード署名は未導入。")

    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.goto(f"{prefix}/declarations/")
    expect(page.locator("#declaration-table [role=progressbar]")).to_have_attribute(
        "aria-valuenow", "100"
    )


def test_a_procurer_cannot_reach_a_vendors_draft(page, live_guideline, alice, pat, acme_product):
    minimum = Package.objects.get(kind="minimum")
    draft = start_declaration(product=acme_product, package=minimum, user=alice)
    sign_in(page, pat.email)
    for name in ("declarations:declaration_detail", "declarations:declaration_review"):
        response = page.goto(reverse(name, kwargs={"declaration_pk": draft.pk}))
        assert response.status == 404
    response = page.goto(
        reverse(
            "declarations:declaration_answer",
            kwargs={"declaration_pk": draft.pk, "category_number": 1},
        )
    )
    assert response.status == 404
