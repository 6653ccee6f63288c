"""Editors and admins delete a draft after confirming; nobody else can."""

from declarations.models import Answer, Declaration

from .drafting import url


def test_an_editor_confirms_and_deletes_a_draft_with_its_answers(client, alice, acme_draft):
    client.force_login(alice)
    assert client.get(url("declaration_delete", acme_draft)).status_code == 200
    response = client.post(url("declaration_delete", acme_draft))
    assert response.status_code == 302
    assert not Declaration.objects.exists() and not Answer.objects.exists()


def test_after_deleting_the_product_can_get_a_new_draft(client, ada, acme_draft):
    client.force_login(ada)
    client.post(url("declaration_delete", acme_draft))
    response = client.post(
        f"/products/{acme_draft.product_id}/declarations/new/", {"package": "standard"}
    )
    assert response.status_code == 302
    assert Declaration.objects.get().package.kind == "standard"


def test_a_published_declaration_cannot_be_deleted(client, alice, acme_draft):
    Declaration.objects.filter(pk=acme_draft.pk).update(status=Declaration.Status.PUBLISHED)
    client.force_login(alice)
    client.post(url("declaration_delete", acme_draft))
    assert Declaration.objects.filter(pk=acme_draft.pk).exists()


def test_signatories_and_viewers_cannot_delete_a_draft(client, sam, vera, acme_draft):
    for reader in (sam, vera):
        client.force_login(reader)
        assert client.get(url("declaration_delete", acme_draft)).status_code == 403
        assert client.post(url("declaration_delete", acme_draft)).status_code == 403
    assert Declaration.objects.filter(pk=acme_draft.pk).exists()
