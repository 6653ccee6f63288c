"""The forms where a person types at length load the unsaved-changes warning, from a
static file (the Content-Security-Policy forbids inline script)."""

import pytest
from django.urls import reverse

from .requesting import request_from
from .reviews import open_thread

pytestmark = pytest.mark.django_db

SCRIPT = "/static/js/unsaved-changes.js"


def _page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_answer_and_product_forms_warn(client, alice, acme_draft, acme_product):
    for url in (
        reverse("declarations:declaration_answer", args=[acme_draft.pk, 1]),
        reverse("declarations:product_create"),
        reverse("declarations:product_edit", args=[acme_product.pk]),
    ):
        page = _page(client, alice, url)
        assert "data-warn-unsaved" in page and SCRIPT in page, url


def test_the_request_forms_warn(client, pat, sam, acme_product):
    assert "data-warn-unsaved" in _page(client, pat, reverse("declarations:request_create"))
    declaration_request = request_from(pat, acme_product)
    page = _page(
        client, sam, reverse("declarations:request_decline", args=[declaration_request.pk])
    )
    assert 'id="decline-form" data-warn-unsaved' in page and SCRIPT in page


def test_the_thread_forms_warn(client, pat, sam, complete_draft, portal_pki):
    from tests.conftest import attest

    published = attest(complete_draft, sam)
    assert "data-warn-unsaved" in _page(
        client, pat, reverse("declarations:thread_start", args=[published.pk])
    )
    thread = open_thread(published, pat)
    page = _page(client, pat, reverse("declarations:thread_detail", args=[thread.pk]))
    assert 'id="reply-form" data-warn-unsaved' in page and SCRIPT in page


def test_pages_without_such_a_form_do_not_load_it(client, alice):
    assert SCRIPT not in _page(client, alice, "/")
