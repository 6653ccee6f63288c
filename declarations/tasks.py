"""Celery tasks: thin, taking ids, idempotent."""

from __future__ import annotations

import random

from celery import shared_task
from django.utils import timezone

from . import pdf_jobs, publishing

PDF_MAX_RETRIES = 4


@shared_task(bind=True, acks_late=True, max_retries=PDF_MAX_RETRIES)
def generate_pdf(self, declaration_id: int) -> str:
    # Run eagerly (no broker: `make run`, tests) there is no worker to retry
    # later, so the first failure is final and shows as "failed" at once.
    final = self.request.is_eager or self.request.retries >= self.max_retries
    try:
        return pdf_jobs.generate(declaration_id, final_attempt=final)
    except Exception as error:
        if final:
            raise
        backoff = 5 * 2**self.request.retries  # 5, 10, 20, 40 s
        raise self.retry(exc=error, countdown=backoff + random.uniform(0, backoff / 2)) from error


@shared_task
def sweep_missing_pdfs() -> int:
    """Queue every issued declaration whose PDF never got made (broker was down…)."""
    ids = pdf_jobs.missing_pdf_ids()
    for declaration_id in ids:
        generate_pdf.delay(declaration_id)
    return len(ids)


@shared_task
def daily_lifecycle() -> dict[str, int]:
    today = timezone.localdate()
    return {
        "expired": publishing.expire_due_declarations(today=today),
        "reminded": publishing.send_renewal_reminders(today=today),
    }
