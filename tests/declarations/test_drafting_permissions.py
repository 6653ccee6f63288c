"""Spot checks of who may see and do what with products and drafts.

Outsiders (another vendor, a procurer, site staff without a membership) get
404 for a draft, so they cannot even learn that it exists; viewers and
signatories read drafts but get 403 on every write. The full URL × role matrix
lives elsewhere.
"""

import pytest
from django.urls import reverse

from .drafting import CONFORMANT, answer_url, page_data, url

READERS = ["sam", "vera"]
WRITERS = ["alice", "ada"]
OUTSIDERS = ["otto", "pat", "root"]


def as_user(client, request, name):
    user = request.getfixturevalue(name)
    client.force_login(user)
    return user


@pytest.mark.parametrize("name", OUTSIDERS)
def test_outsiders_never_see_a_draft(client, request, acme_draft, name):
    as_user(client, request, name)
    for page in ("declaration_detail", "declaration_review", "declaration_delete"):
        assert client.get(url(page, acme_draft)).status_code == 404
    assert client.get(answer_url(acme_draft, 1)).status_code == 404
    assert client.post(answer_url(acme_draft, 1), {}).status_code == 404
    product = reverse("declarations:product_detail", kwargs={"product_pk": acme_draft.product_id})
    assert client.get(product).status_code == 404


@pytest.mark.parametrize("name", READERS)
def test_viewers_and_signatories_read_a_draft_but_cannot_change_it(
    client, request, acme_draft, name
):
    as_user(client, request, name)
    assert client.get(url("declaration_detail", acme_draft)).status_code == 200
    assert client.get(url("declaration_review", acme_draft)).status_code == 200
    page = client.get(answer_url(acme_draft, 1))
    assert page.status_code == 200
    assert "<fieldset disabled>" in page.content.decode()
    data = page_data(acme_draft, 1, every=CONFORMANT)
    assert client.post(answer_url(acme_draft, 1), data).status_code == 403
    assert (
        client.post(url("declaration_package", acme_draft), {"package": "standard"}).status_code
        == 403
    )
    start = reverse("declarations:declaration_start", kwargs={"product_pk": acme_draft.product_id})
    assert client.get(start).status_code == 403
    assert not acme_draft.answers.exclude(status="").exists()


@pytest.mark.parametrize("name", WRITERS)
def test_editors_and_admins_answer_a_draft(client, request, acme_draft, name):
    user = as_user(client, request, name)
    response = client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, every=CONFORMANT))
    assert response.status_code == 302
    assert set(acme_draft.answers.exclude(status="").values_list("updated_by", flat=True)) == {
        user.pk
    }


def test_anonymous_visitors_are_sent_to_sign_in(client, acme_draft):
    response = client.get(answer_url(acme_draft, 1))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_post_only_urls_refuse_get(client, alice, acme_draft):
    client.force_login(alice)
    assert client.get(url("declaration_package", acme_draft)).status_code == 405
    archive = reverse("declarations:product_archive", kwargs={"product_pk": acme_draft.product_id})
    assert client.get(archive).status_code == 405
