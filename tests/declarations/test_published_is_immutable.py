"""What a published declaration says can never change, by any path."""

import pytest
from django.db import transaction
from django.urls import reverse

from declarations.models import Answer, Declaration, ImmutableDeclarationError


def test_saving_an_answer_of_a_published_declaration_raises(published):
    answer = published.answers.first()
    answer.explanation = "changed"
    with pytest.raises(ImmutableDeclarationError):
        answer.save()


def test_bulk_updates_and_deletes_of_its_answers_raise(published):
    with pytest.raises(ImmutableDeclarationError), transaction.atomic():
        Answer.objects.filter(declaration=published).update(explanation="changed")
    with pytest.raises(ImmutableDeclarationError), transaction.atomic():
        Answer.objects.filter(declaration=published).delete()


def test_its_content_fields_cannot_change_but_its_status_can(published):
    published.signatory_name = "someone else"
    with pytest.raises(ImmutableDeclarationError):
        published.save()
    published.refresh_from_db()
    published.canonical_json = "{}"
    with pytest.raises(ImmutableDeclarationError):
        published.save()
    published.refresh_from_db()
    published.pdf_state = Declaration.PdfState.FAILED
    published.save()  # bookkeeping of the PDF may move


def test_a_published_declaration_cannot_be_deleted(published):
    with pytest.raises(ImmutableDeclarationError):
        published.delete()


def test_the_answer_pages_refuse_edits_after_publishing(client, published, alice):
    client.force_login(alice)
    answer = published.answers.select_related("statement").first()
    before = answer.explanation
    url = reverse(
        "declarations:declaration_answer",
        args=[published.pk, answer.statement.category.number],
    )
    client.post(url, {f"a{answer.pk}-status": "not_applicable"})
    answer.refresh_from_db()
    assert answer.explanation == before and answer.status == "conformant"


def test_the_admin_shows_declarations_read_only(client, published, root):
    client.force_login(root)
    url = reverse("admin:declarations_declaration_change", args=[published.pk])
    page = client.get(url)
    assert page.status_code == 200 and b'name="signatory_name"' not in page.content
    assert client.post(url, {"signatory_name": "x"}).status_code == 403
    delete = reverse("admin:declarations_declaration_delete", args=[published.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
