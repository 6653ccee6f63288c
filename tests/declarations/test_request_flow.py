"""A request follows the declaration: requested → accepted → drafting → fulfilled, or declined."""

import datetime

import pytest
from django.utils import timezone

from declarations.errors import DeclarationError
from declarations.models import Declaration, DeclarationRequest
from declarations.services.requests import (
    accept_request,
    create_request,
    decline_request,
    start_draft_for_request,
)
from tests.conftest import answer_everything, attest

from .requesting import request_from

R = DeclarationRequest.Status


def test_a_new_request_tells_the_vendors_admins_and_signatories(
    pat, acme_product, ada, sam, alice, vera, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = request_from(pat, acme_product, reference="R-2026-01")
    assert made.status == R.REQUESTED and made.vendor == acme_product.organization
    assert sorted(m.to[0] for m in mailoutbox) == ["ada@acme.test", "sam@acme.test"]
    assert "R-2026-01" in mailoutbox[0].body
    assert [e.to_status for e in made.events.all()] == [R.REQUESTED]


def test_the_vendor_accepts_then_starts_the_draft_from_the_request(
    pat, acme_product, ada, sam, guideline, mailoutbox, django_capture_on_commit_callbacks
):
    made = request_from(pat, acme_product)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = accept_request(declaration_request=made, user=ada)
    assert accepted.status == R.ACCEPTED
    assert [m.to[0] for m in mailoutbox if "accepted" in m.subject or "承諾" in m.subject] == [
        "pat@buyer.test"
    ]
    drafting = start_draft_for_request(declaration_request=made, user=sam, product=acme_product)
    assert drafting.status == R.DRAFTING
    draft = drafting.declaration
    assert draft.is_draft and draft.product == acme_product and draft.package.kind == "standard"
    assert [e.to_status for e in made.events.all()] == [R.REQUESTED, R.ACCEPTED, R.DRAFTING]


def test_attesting_the_draft_fulfils_the_request_in_the_same_transaction(
    pat, acme_product, sam, portal_pki, mailoutbox, django_capture_on_commit_callbacks
):
    made = request_from(pat, acme_product)
    drafting = start_draft_for_request(declaration_request=made, user=sam, product=acme_product)
    answer_everything(drafting.declaration)
    with django_capture_on_commit_callbacks(execute=True):
        published = attest(drafting.declaration, sam)
    made.refresh_from_db()
    assert made.status == R.FULFILLED and made.declaration == published
    assert any(published.serial in m.subject and m.to == ["pat@buyer.test"] for m in mailoutbox)


def test_a_failed_attestation_fulfils_nothing(pat, acme_product, sam, portal_pki):
    made = request_from(pat, acme_product)
    drafting = start_draft_for_request(declaration_request=made, user=sam, product=acme_product)
    with pytest.raises(DeclarationError):
        attest(drafting.declaration, sam)  # nothing answered
    made.refresh_from_db()
    assert made.status == R.DRAFTING


def test_a_declaration_in_force_fulfils_a_new_request_at_once(
    pat, published, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = request_from(pat, published.product, package_kind="minimum")
    assert made.status == R.FULFILLED and made.declaration == published
    # The procurer hears of it; the vendor has nothing to do.
    assert [m.to[0] for m in mailoutbox] == ["pat@buyer.test"]
    assert published.serial in mailoutbox[0].subject


def test_a_minimum_declaration_does_not_fulfil_a_standard_request(pat, published):
    made = request_from(pat, published.product, package_kind="standard")
    assert made.status == R.REQUESTED


def test_linking_a_product_with_a_declaration_in_force_fulfils_the_request(pat, published, ada):
    made = create_request(
        user=pat,
        corporate_number=published.organization.corporate_number,
        product_description="Acme のクラウド",
        package_kind="minimum",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
    )
    assert made.status == R.REQUESTED and made.product is None
    done = start_draft_for_request(declaration_request=made, user=ada, product=published.product)
    assert done.status == R.FULFILLED and done.declaration == published
    assert Declaration.objects.drafts().filter(product=published.product).count() == 0


def test_a_product_with_a_draft_continues_that_draft(pat, acme_draft, sam):
    made = request_from(pat, acme_draft.product, package_kind="minimum")
    drafting = start_draft_for_request(
        declaration_request=made, user=sam, product=acme_draft.product
    )
    assert drafting.declaration == acme_draft


def test_declining_needs_a_reason(
    pat, acme_product, ada, mailoutbox, django_capture_on_commit_callbacks
):
    made = request_from(pat, acme_product)
    with pytest.raises(DeclarationError):
        decline_request(declaration_request=made, user=ada, reason="   ")
    made.refresh_from_db()
    assert made.status == R.REQUESTED
    with django_capture_on_commit_callbacks(execute=True):
        declined = decline_request(
            declaration_request=made, user=ada, reason="製品は販売終了です。"
        )
    assert declined.status == R.DECLINED and declined.decline_reason == "製品は販売終了です。"
    assert declined.events.last().reason == "製品は販売終了です。"
    assert any("製品は販売終了です。" in m.body and m.to == ["pat@buyer.test"] for m in mailoutbox)


def test_the_decline_page_without_a_reason_shows_a_form_error(client, pat, acme_product, sam):
    made = request_from(pat, acme_product)
    client.force_login(sam)
    response = client.post(f"/requests/{made.pk}/decline/", {"reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    made.refresh_from_db()
    assert made.status == R.REQUESTED


def test_editors_and_viewers_read_but_cannot_answer(pat, acme_product, alice, vera):
    made = request_from(pat, acme_product)
    for user in (alice, vera):
        with pytest.raises(DeclarationError):
            accept_request(declaration_request=made, user=user)


def test_a_declined_request_cannot_be_accepted(pat, acme_product, ada):
    made = request_from(pat, acme_product)
    decline_request(declaration_request=made, user=ada, reason="対象外")
    with pytest.raises(DeclarationError):
        accept_request(declaration_request=made, user=ada)


def test_the_vendor_starts_the_draft_through_the_pages(client, pat, acme_product, sam, guideline):
    made = request_from(pat, acme_product)
    client.force_login(sam)
    response = client.post(f"/requests/{made.pk}/start/", {"product": acme_product.pk})
    made.refresh_from_db()
    assert made.status == R.DRAFTING
    assert response.status_code == 302
    assert response["Location"] == f"/declarations/{made.declaration_id}/"


def test_another_vendors_product_cannot_be_linked(client, pat, acme_product, sam, other_corp):
    from tests.factories import ProductFactory

    theirs = ProductFactory(organization=other_corp)
    made = request_from(pat, acme_product)
    client.force_login(sam)
    response = client.post(f"/requests/{made.pk}/start/", {"product": theirs.pk})
    assert response.status_code == 200 and response.context["form"].errors["product"]
    with pytest.raises(DeclarationError):
        start_draft_for_request(declaration_request=made, user=sam, product=theirs)


def _request_for_a_new_product(pat, acme):
    from declarations.services.requests import create_request

    return create_request(
        user=pat,
        corporate_number=acme.corporate_number,
        product_description="Acme Gateway 2027",
        package_kind="minimum",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )


def test_an_admin_registers_the_requested_product_and_starts_its_draft_in_one_step(
    client, pat, acme, ada, guideline
):
    made = _request_for_a_new_product(pat, acme)
    client.force_login(ada)
    page = client.get(f"/requests/{made.pk}/start/").content.decode()
    assert 'id="new-product-form"' in page and 'value="Acme Gateway 2027"' in page

    response = client.post(
        f"/requests/{made.pk}/start/",
        {"new-name": "Acme Gateway", "new-version": "2027", "new-kind": "software",
         "new-roles": ["developer"]},
    )  # fmt: skip
    made.refresh_from_db()
    assert response.status_code == 302, response.context["product_form"].errors
    assert made.status == R.DRAFTING
    assert (made.product.name, made.product.version) == ("Acme Gateway", "2027")
    assert made.declaration.product == made.product and made.declaration.is_draft


def test_a_signatory_may_not_register_products_from_a_request(client, pat, acme, sam, guideline):
    made = _request_for_a_new_product(pat, acme)
    client.force_login(sam)
    assert 'id="new-product-form"' not in client.get(f"/requests/{made.pk}/start/").content.decode()
    response = client.post(
        f"/requests/{made.pk}/start/",
        {"new-name": "Acme Gateway", "new-kind": "software", "new-roles": ["developer"]},
    )
    assert response.status_code == 200
    assert response.context["product_form"].non_field_errors()
    made.refresh_from_db()
    assert made.product is None and made.declaration is None
