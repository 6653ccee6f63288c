"""A PDF that keeps failing — even by killing its worker, which no error handler
sees — stops after a few attempts: failed, and people told, not queued for ever."""

import time_machine

from declarations import services, tasks
from declarations.models import Declaration
from portal.models import OutgoingEmail

P = Declaration.PdfState


def test_a_pdf_at_its_attempt_limit_is_failed_and_the_site_admins_are_told(published, root):
    # As if the worker had died mid-render on every attempt: counted, never finished.
    Declaration.objects.filter(pk=published.pk).update(
        pdf_state=P.PENDING, pdf_attempts=services.PDF_MAX_ATTEMPTS
    )
    tasks.generate_pdf.delay(published.pk)

    published.refresh_from_db()
    assert published.pdf_state == P.FAILED
    assert f"gave up after {services.PDF_MAX_ATTEMPTS} attempts" in published.pdf_error
    to_admin = OutgoingEmail.objects.get(recipient=root.email)
    assert published.serial in to_admin.subject
    assert f"/admin/declarations/declaration/{published.pk}/change/" in to_admin.body
    assert OutgoingEmail.objects.filter(recipient=published.attested_by.email).exists()


def test_the_vendors_retry_starts_the_count_again(
    published, sam, root, django_capture_on_commit_callbacks
):
    Declaration.objects.filter(pk=published.pk).update(
        pdf_state=P.PENDING, pdf_attempts=services.PDF_MAX_ATTEMPTS
    )
    tasks.generate_pdf.delay(published.pk)
    published.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.retry_pdf(declaration=published, user=sam)
    published.refresh_from_db()
    assert published.pdf_state == P.READY
    assert published.pdf_attempts == 1


def test_the_sweep_does_not_queue_again_what_it_has_just_queued(published):
    Declaration.objects.filter(pk=published.pk).update(pdf_state=P.PENDING, pdf_file="")
    with time_machine.travel(published.updated_at + tasks.STALE_AFTER * 2):
        assert tasks.missing_pdf_ids() == [published.pk]
        services.mark_pdfs_queued([published.pk])
        assert tasks.missing_pdf_ids() == []
