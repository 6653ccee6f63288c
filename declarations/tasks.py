"""Celery tasks: thin, taking ids, idempotent; every write goes through the services."""

from __future__ import annotations

import random
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from . import services
from .documents.rendering import render_signed
from .models import Declaration
from .services import requests as request_services

PDF_MAX_RETRIES = 4
# Seconds; a Standard declaration renders and signs in about two.
PDF_SOFT_TIME_LIMIT = 120
# A PENDING PDF not touched for this long is presumed lost (its task never ran).
STALE_AFTER = timedelta(minutes=10)


# Acknowledged only when done, and given back to the queue when the process
# running it dies (killed, out of memory): the PDF comes back by itself, and
# begin_pdf_attempt's count stops a PDF that kills every worker. A render
# that hangs is stopped (the soft limit raises inside it, then retried).
@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=PDF_MAX_RETRIES,
    soft_time_limit=PDF_SOFT_TIME_LIMIT,
    time_limit=PDF_SOFT_TIME_LIMIT + 30,
)
def generate_pdf(self, declaration_id: int) -> str:
    # Run eagerly (no broker: `make run`, tests) there is no worker to retry
    # later, so the first failure is final and shows as "failed" at once.
    final = self.request.is_eager or self.request.retries >= self.max_retries
    declaration = services.begin_pdf_attempt(declaration_id=declaration_id)
    if declaration is None:
        return Declaration.objects.values_list("pdf_state", flat=True).get(pk=declaration_id)
    try:
        signed = render_signed(declaration)
    except Exception as error:
        if final:
            services.fail_pdf(declaration_id=declaration_id, error=error)
            raise
        backoff = 5 * 2**self.request.retries  # 5, 10, 20, 40 s
        # Retry jitter, not a secret.
        jitter = random.uniform(0, backoff / 2)  # nosec B311
        raise self.retry(exc=error, countdown=backoff + jitter) from error
    return services.store_pdf(declaration_id=declaration_id, signed=signed)


def missing_pdf_ids() -> list[int]:
    stale = timezone.now() - STALE_AFTER
    return list(
        Declaration.objects.issued()
        .filter(
            pdf_state__in=[Declaration.PdfState.NONE, Declaration.PdfState.PENDING],
            updated_at__lt=stale,
        )
        .values_list("pk", flat=True)
    )


@shared_task
def sweep_missing_pdfs() -> int:
    """Queue every issued declaration whose PDF never got made (broker was down…)."""
    ids = missing_pdf_ids()
    services.mark_pdfs_queued(ids)
    for declaration_id in ids:
        generate_pdf.delay(declaration_id)
    return len(ids)


@shared_task
def daily_lifecycle() -> dict[str, int]:
    today = timezone.localdate()
    return {
        "expired": services.expire_due_declarations(today=today),
        "reminded": services.send_renewal_reminders(today=today),
        "watchers_told": services.send_watch_expiry_notices(today=today),
    }


@shared_task
def daily_requests() -> dict[str, int]:
    """Flag requests past their deadline, remind vendors before it; each email once."""
    today = timezone.localdate()
    return {
        "overdue": request_services.flag_overdue_requests(today=today),
        "reminded": request_services.send_request_reminders(today=today),
    }


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=PDF_MAX_RETRIES,
    soft_time_limit=PDF_SOFT_TIME_LIMIT,
    time_limit=PDF_SOFT_TIME_LIMIT + 30,
)
def renew_pdf_timestamp(self, declaration_id: int) -> bool:
    # Idempotent: a PDF renewed by an earlier try is no longer due.
    try:
        return services.renew_pdf_timestamp(declaration_id=declaration_id, now=timezone.now())
    except Exception as error:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            raise
        raise self.retry(exc=error, countdown=60 * 2**self.request.retries) from error


@shared_task
def renew_archival_timestamps() -> int:
    """Queue the archival renewal of every stored PDF; each renews only if due."""
    ids = services.renewable_pdf_ids()
    for declaration_id in ids:
        renew_pdf_timestamp.delay(declaration_id)
    return len(ids)
