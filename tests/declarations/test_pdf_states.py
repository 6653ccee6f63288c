"""The PDF's own small machine: none → pending → ready | failed, failed → pending."""

from celery import current_app

from declarations import services
from declarations.models import Declaration
from declarations.publishing.lifecycle import PDF_ALLOWED

P = Declaration.PdfState


def _set(declaration, state):
    Declaration.objects.filter(pk=declaration.pk).update(pdf_state=state)


def test_the_table_of_moves():
    assert {
        (P.NONE, P.PENDING),
        (P.PENDING, P.READY),
        (P.PENDING, P.FAILED),
        (P.FAILED, P.PENDING),
    } == PDF_ALLOWED


def test_a_failed_pdf_is_not_stored_without_a_retry(published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    _set(published, P.FAILED)
    assert services.store_pdf(declaration_id=published.pk, signed=b"%PDF-1.7") == P.FAILED
    published.refresh_from_db()
    assert not published.pdf_file and published.pdf_state == P.FAILED


def test_a_ready_pdf_is_neither_failed_nor_retried(published, sam):
    _set(published, P.READY)
    services.fail_pdf(declaration_id=published.pk, error=RuntimeError("late"))
    assert not services.retry_pdf(declaration=published, user=sam)
    published.refresh_from_db()
    assert published.pdf_state == P.READY


def test_a_failed_or_ready_pdf_starts_no_new_attempt(published):
    for state in (P.FAILED, P.READY):
        _set(published, state)
        assert services.begin_pdf_attempt(declaration_id=published.pk) is None


def test_the_services_queue_a_task_that_exists():
    assert services.PDF_TASK in current_app.tasks
