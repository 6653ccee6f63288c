"""A vendor's list of declarations: product, package, status, progress, newest first."""

from django.urls import reverse

from declarations.services import start_declaration
from tests.factories import ProductFactory

from .drafting import CONFORMANT, answer_url, page_data

LIST = reverse("declarations:declaration_list")


def test_the_list_shows_each_draft_with_its_package_and_progress(client, alice, acme_draft):
    client.force_login(alice)
    client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, every=CONFORMANT))
    response = client.get(LIST)
    [row] = response.context["declarations"]
    assert row == acme_draft
    assert (row.progress.answered, row.progress.total) == (3, 13)
    html = response.content.decode()
    assert "Acme Cloud 3.2" in html and "ミニマム要求パッケージ" in html
    assert 'aria-valuenow="23"' in html


def test_the_list_shows_25_declarations_a_page(client, acme, alice, minimum):
    for product in ProductFactory.create_batch(27, organization=acme):
        start_declaration(product=product, package=minimum, user=alice)
    client.force_login(alice)
    assert len(client.get(LIST).context["declarations"]) == 25
    assert len(client.get(LIST + "?page=2").context["declarations"]) == 2


def test_an_empty_list_invites_to_choose_a_product(client, alice):
    client.force_login(alice)
    html = client.get(LIST).content.decode()
    assert 'id="empty-state"' in html
    assert f'href="{reverse("declarations:product_list")}"' in html


def test_another_vendors_declarations_are_not_listed(client, otto, acme_draft):
    client.force_login(otto)
    assert list(client.get(LIST).context["declarations"]) == []


def test_a_procurer_has_no_vendor_list(client, pat, acme_draft):
    client.force_login(pat)
    assert client.get(LIST).status_code == 404
