"""Making the signed PDF of a published declaration, exactly once."""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import documents, emails
from .models import Declaration

logger = logging.getLogger(__name__)
P = Declaration.PdfState

# A PENDING PDF older than this is presumed lost (its task never ran).
STALE_AFTER = timedelta(minutes=10)


def generate(declaration_id: int, *, final_attempt: bool) -> str:
    """Render and sign; store it once. Returns the resulting PDF state.

    Idempotent: a declaration whose PDF is ready is left alone, and the row
    lock when storing means two workers racing produce one file.
    """
    declaration = Declaration.objects.select_related("edition").get(pk=declaration_id)
    if declaration.pdf_state == P.READY or declaration.is_draft:
        return declaration.pdf_state
    Declaration.objects.filter(pk=declaration_id).update(pdf_attempts=F("pdf_attempts") + 1)
    try:
        signed = documents.render_signed(declaration)
    except Exception as error:
        if final_attempt:
            _fail(declaration_id, error)
        raise
    with transaction.atomic():
        locked = Declaration.objects.select_for_update().get(pk=declaration_id)
        if locked.pdf_state == P.READY:
            return P.READY
        locked.pdf_file.save(f"{locked.serial}.pdf", ContentFile(signed), save=False)
        locked.pdf_sha256 = hashlib.sha256(signed).hexdigest()
        locked.pdf_state = P.READY
        locked.pdf_error = ""
        locked.save(
            update_fields=["pdf_file", "pdf_sha256", "pdf_state", "pdf_error", "updated_at"]
        )
        transaction.on_commit(lambda: emails.pdf_ready(locked))
    return P.READY


def _fail(declaration_id: int, error: Exception) -> None:
    logger.exception("PDF of declaration %s failed for good", declaration_id)
    with transaction.atomic():
        locked = Declaration.objects.select_for_update().get(pk=declaration_id)
        if locked.pdf_state == P.READY:
            return
        locked.pdf_state = P.FAILED
        locked.pdf_error = f"{type(error).__name__}: {error}"[:2000]
        locked.save(update_fields=["pdf_state", "pdf_error", "updated_at"])
        transaction.on_commit(lambda: emails.pdf_failed(locked))


def request_retry(declaration: Declaration) -> bool:
    """The vendor's retry button: back to pending, then queue. False if not failed."""
    from .publishing import queue_pdf

    moved = Declaration.objects.filter(pk=declaration.pk, pdf_state=P.FAILED).update(
        pdf_state=P.PENDING, pdf_error="", updated_at=timezone.now()
    )
    if moved:
        transaction.on_commit(lambda: queue_pdf(declaration))
    return bool(moved)


def missing_pdf_ids() -> list[int]:
    stale = timezone.now() - STALE_AFTER
    return list(
        Declaration.objects.issued()
        .filter(pdf_state__in=[P.NONE, P.PENDING], updated_at__lt=stale)
        .values_list("pk", flat=True)
    )
