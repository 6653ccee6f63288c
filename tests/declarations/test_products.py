"""Vendors register, edit, archive and restore the products they declare for."""

import pytest
from django.urls import reverse
from django.utils import translation

from declarations.errors import DeclarationError
from declarations.models import Product
from declarations.services import archive_product, start_declaration
from tests.factories import ProductFactory

NEW = reverse("declarations:product_create")
with translation.override("en"):
    NEW_EN = reverse("declarations:product_create")


def product_url(name, product):
    return reverse(f"declarations:{name}", kwargs={"product_pk": product.pk})


def valid(**overrides):
    data = {
        "name": "デモ業務クラウド",
        "version": "2026.4",
        "kind": "software",
        "roles": ["operator", "developer"],
        "description": "自治体向けの業務 SaaS。",
        "url": "https://cloud.example.jp/",
    }
    return data | overrides


def test_an_editor_adds_a_product_with_two_roles(client, alice, acme):
    client.force_login(alice)
    response = client.post(NEW, valid())
    product = Product.objects.get()
    assert response.status_code == 302
    assert response["Location"] == product_url("product_detail", product)
    assert product.organization == acme
    assert product.roles == ["developer", "operator"]  # in the order of the choices
    assert product.kind == "software" and product.version == "2026.4"


def test_a_product_needs_at_least_one_role(client, alice):
    client.force_login(alice)
    response = client.post(NEW_EN, valid(roles=[]))
    assert response.status_code == 200
    assert response.context["form"].errors["roles"] == ["Choose at least one role."]
    assert not Product.objects.exists()


def test_a_product_url_must_be_a_web_address(client, alice):
    client.force_login(alice)
    response = client.post(NEW, valid(url="not a url"))
    assert "url" in response.context["form"].errors
    assert b'href="#id_url"' in response.content  # the error summary links to the field


def test_an_admin_edits_a_product_and_the_form_starts_from_what_is_stored(
    client, ada, acme_product
):
    client.force_login(ada)
    form = client.get(product_url("product_edit", acme_product)).context["form"]
    assert form.initial["roles"] == ["developer", "operator"]
    client.post(product_url("product_edit", acme_product), valid(name="Acme Cloud Pro"))
    acme_product.refresh_from_db()
    assert acme_product.name == "Acme Cloud Pro"


def test_archived_products_are_hidden_unless_asked_for(client, vera, acme):
    current = ProductFactory(organization=acme, name="Current")
    archived = archive_product(product=ProductFactory(organization=acme, name="Retired"))
    client.force_login(vera)
    listed = client.get(reverse("declarations:product_list")).context["page_obj"]
    assert list(listed) == [current]
    listed = client.get(reverse("declarations:product_list") + "?archived=1").context["page_obj"]
    assert set(listed) == {current, archived}


def test_an_editor_archives_and_restores_a_product(client, alice, acme_product):
    client.force_login(alice)
    client.post(product_url("product_archive", acme_product))
    acme_product.refresh_from_db()
    assert acme_product.archived_at is not None
    client.post(product_url("product_unarchive", acme_product))
    acme_product.refresh_from_db()
    assert acme_product.archived_at is None


def test_an_archived_product_cannot_get_a_new_declaration(client, alice, acme_product, minimum):
    archive_product(product=acme_product)
    with translation.override("en"), pytest.raises(DeclarationError, match="archived"):
        start_declaration(product=acme_product, package=minimum, user=alice)
    client.force_login(alice)
    response = client.post(product_url("declaration_start", acme_product), {"package": "minimum"})
    assert response.status_code == 200
    assert not acme_product.declarations.exists()


def test_the_product_page_lists_its_declarations_with_the_progress_of_the_draft(
    client, vera, acme_draft
):
    client.force_login(vera)
    response = client.get(product_url("product_detail", acme_draft.product))
    assert response.context["declarations"] == [acme_draft]
    assert response.context["draft"] == acme_draft
    assert response.context["declarations"][0].progress.total == 13


def test_a_signatory_reads_products_but_cannot_add_edit_or_archive_them(client, sam, acme_product):
    client.force_login(sam)
    assert client.get(reverse("declarations:product_list")).status_code == 200
    assert client.get(product_url("product_detail", acme_product)).status_code == 200
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, valid()).status_code == 403
    assert client.get(product_url("product_edit", acme_product)).status_code == 403
    assert client.post(product_url("product_archive", acme_product)).status_code == 403
    assert Product.objects.count() == 1


def test_another_vendors_products_are_not_found(client, otto, acme_product):
    client.force_login(otto)
    assert client.get(product_url("product_detail", acme_product)).status_code == 404
    assert client.post(product_url("product_archive", acme_product)).status_code == 404
    assert acme_product not in client.get(reverse("declarations:product_list")).context["page_obj"]


def test_roles_are_listed_with_the_languages_comma(acme_product):
    from django.utils import translation

    with translation.override("en"):
        assert acme_product.get_roles_display() == "Developer, Operator"
    with translation.override("ja"):
        assert "、" in acme_product.get_roles_display()
