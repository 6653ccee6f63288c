"""What a published declaration says can never change, by any path."""

import pytest
from django.db import transaction
from django.urls import reverse

from declarations.drafting.answers import AnswerChange
from declarations.errors import DeclarationError
from declarations.models import Answer, Declaration, ImmutableDeclarationError
from declarations.services import save_answers
from tests.conftest import login_verified

from .drafting import NOT_APPLICABLE, answer_url, page_data, url


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


def test_the_answer_page_refuses_edits_after_publishing(client, published, alice):
    client.force_login(alice)
    answer = published.answers.select_related("statement").first()
    before = (answer.status, answer.explanation, answer.version)
    number = answer.statement.category.number
    # Exactly what the browser sends from the page, with a changed answer.
    data = page_data(published, number, {answer.statement.code: NOT_APPLICABLE})
    response = client.post(answer_url(published, number), data, follow=True)
    assert response.redirect_chain[-1][0] == url("declaration_detail", published)
    notices = [str(m) for m in response.context["messages"]]
    assert any("its answers are fixed" in n or "回答は確定" in n for n in notices), notices
    answer.refresh_from_db()
    assert (answer.status, answer.explanation, answer.version) == before


def test_the_service_refuses_answers_to_a_published_declaration_too(published, alice):
    answer = published.answers.first()
    change = AnswerChange(answer_id=answer.pk, version=answer.version, status="not_applicable")
    with pytest.raises(DeclarationError):
        save_answers(declaration=published, changes=[change], user=alice)


def test_a_bulk_update_of_a_published_declaration_raises(published):
    with pytest.raises(ImmutableDeclarationError), transaction.atomic():
        Declaration.objects.filter(pk=published.pk).update(signatory_name="someone else")
    with pytest.raises(ImmutableDeclarationError), transaction.atomic():
        Declaration.objects.filter(pk=published.pk).update(digest="0" * 64)
    with pytest.raises(ImmutableDeclarationError), transaction.atomic():
        Declaration.objects.filter(pk=published.pk).delete()
    published.refresh_from_db()
    assert published.signatory_name == "署名 三郎"


def test_a_bulk_update_may_still_move_its_status_and_pdf_bookkeeping(published):
    Declaration.objects.filter(pk=published.pk).update(
        pdf_state=Declaration.PdfState.FAILED, reminder_sent_at=None
    )
    published.refresh_from_db()
    assert published.pdf_state == Declaration.PdfState.FAILED


def test_a_bulk_update_of_drafts_is_allowed(acme_draft):
    assert Declaration.objects.filter(pk=acme_draft.pk).update(renewal_of=None) == 1


def test_the_admin_shows_declarations_read_only(client, published, root):
    login_verified(client, root)
    url = reverse("admin:declarations_declaration_change", args=[published.pk])
    page = client.get(url)
    assert page.status_code == 200 and b'name="signatory_name"' not in page.content
    assert client.post(url, {"signatory_name": "x"}).status_code == 403
    delete = reverse("admin:declarations_declaration_delete", args=[published.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_the_admin_links_the_pdf_download_and_shows_statuses_in_words(
    client, published, root, settings, tmp_path
):
    from declarations import tasks

    settings.MEDIA_ROOT = tmp_path / "media"
    tasks.generate_pdf.delay(published.pk)
    login_verified(client, root)
    page = client.get(reverse("admin:declarations_declaration_change", args=[published.pk]))
    html = page.content.decode()
    assert reverse("declarations:pdf", args=[published.pk]) in html and "/media/" not in html
    assert "公開済み" in html and "→ published" not in html
