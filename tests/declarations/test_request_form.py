"""The request form: validation, prefilling from the registry, and no 500 on bad input."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from declarations.models import DeclarationRequest

NEW = reverse("declarations:request_create")


def _data(acme, **overrides):
    data = {
        "corporate_number": acme.corporate_number,
        "language": "ja",
        "product_description": "Acme Cloud 3.2",
        "package_kind": "standard",
        "deadline": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "reference": "R-1",
        "note": "よろしくお願いします。",
    }
    return {**data, **overrides}


def test_a_procurer_requests_a_declaration_through_the_form(client, pat, acme, ada):
    client.force_login(pat)
    response = client.post(NEW, _data(acme))
    made = DeclarationRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/requests/{made.pk}/"
    assert made.vendor == acme and made.product is None
    assert made.product_description == "Acme Cloud 3.2" and made.reference == "R-1"


def test_full_width_and_hyphenated_corporate_numbers_are_accepted(client, pat, acme):
    number = acme.corporate_number
    typed = f"{number[:4]}-{number[4:8]}-{number[8:]}".translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    )
    client.force_login(pat)
    assert client.post(NEW, _data(acme, corporate_number=typed)).status_code == 302
    assert DeclarationRequest.objects.get().corporate_number == number


@pytest.mark.parametrize(
    "field,value",
    [
        ("corporate_number", "1234567890123"),  # wrong check digit
        ("corporate_number", "12\x0045"),
        ("product_description", "Acme\x00Cloud"),
        ("product_description", "x" * 501),
        ("note", "note\x00"),
        ("note", "x" * 2001),
        ("reference", "r" * 101),
        ("reference", "R\u202e1"),
        ("deadline", "2020-01-01"),
        ("deadline", "99999-01-01"),
        ("deadline", "\x00"),
        ("package_kind", "platinum"),
        ("invited_email", "not an address\x00"),
        ("product", "99999999999999999999999999"),
        ("product", "1\x00"),
    ],
)
def test_bad_input_gives_a_form_error_never_a_500(client, pat, acme, field, value):
    client.force_login(pat)
    response = client.post(NEW, _data(acme, **{field: value}))
    assert DeclarationRequest.objects.count() == 0
    if field == "product":  # a hidden field: a bad value is dropped, the description stands
        return
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'id="error-summary"' in response.content.decode()


def test_the_deadline_must_be_after_today(client, pat, acme):
    client.force_login(pat)
    today = timezone.localdate().isoformat()
    response = client.post(NEW, _data(acme, deadline=today))
    assert response.context["form"].errors["deadline"]


def test_a_product_must_be_named(client, pat, acme):
    client.force_login(pat)
    response = client.post(NEW, _data(acme, product_description=""))
    assert response.context["form"].errors["product_description"]


def test_a_procurers_number_is_not_a_vendors(client, pat, rival_buyer_org):
    client.force_login(pat)
    response = client.post(NEW, _data(rival_buyer_org))
    assert response.context["form"].errors["corporate_number"]


def test_the_registry_summary_offers_procurers_to_request_a_declaration(client, pat, published):
    client.force_login(pat)
    summary = client.get(reverse("declarations:registry_summary", args=[published.serial]))
    link = f"{NEW}?serial={published.serial}"
    assert link in summary.content.decode()
    form = client.get(link).context["form"]
    assert form.initial["product"] == published.product
    assert form.initial["corporate_number"] == published.organization.corporate_number
    assert form.initial["package_kind"] == "minimum"


def test_vendors_are_not_offered_to_request(client, otto, published):
    client.force_login(otto)
    summary = client.get(reverse("declarations:registry_summary", args=[published.serial]))
    assert 'id="request-declaration"' not in summary.content.decode()


def test_a_nonsense_serial_prefills_nothing(client, pat):
    client.force_login(pat)
    for serial in ("\x00", "x" * 10_000, "JPD-2026-AAAA-AAAA"):
        response = client.get(NEW, {"serial": serial})
        assert response.status_code == 200 and response.context["form"].initial == {}


def test_a_product_from_the_registry_is_requested_by_its_id(client, pat, acme, acme_product):
    client.force_login(pat)
    client.post(NEW, _data(acme, product=acme_product.pk, product_description=""))
    assert DeclarationRequest.objects.get().product == acme_product


def test_another_vendors_product_is_not_taken(client, pat, acme, other_corp):
    from tests.factories import ProductFactory

    theirs = ProductFactory(organization=other_corp)
    client.force_login(pat)
    response = client.post(NEW, _data(acme, product=theirs.pk, product_description=""))
    assert response.context["form"].errors["product_description"]


def test_an_overlong_product_name_gets_one_error_not_two(client, pat, acme, guideline):
    client.force_login(pat)
    response = client.post(
        "/en/requests/new/",
        {"corporate_number": acme.corporate_number, "product_description": "x" * 1000,
         "package_kind": "standard", "deadline": "2099-01-01"},
    )  # fmt: skip
    errors = response.context["form"].errors["product_description"]
    assert len(errors) == 1 and "500" in errors[0]


def test_the_product_name_is_marked_required_when_no_product_was_picked(client, pat, guideline):
    client.force_login(pat)
    response = client.get("/en/requests/new/")
    assert response.context["form"].fields["product_description"].required
    (tag,) = re.findall(
        r"<input[^>]*id=\"id_product_description\"[^>]*>", response.content.decode()
    )
    assert " required" in tag
