"""Celery tasks of the portal: delivering the outbox. Thin, taking ids, idempotent."""

from __future__ import annotations

import logging
import random

from celery import shared_task

from . import outbox

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=outbox.QUICK_RETRIES)
def deliver_email(self, email_id: int) -> None:
    try:
        outbox.deliver(email_id)
    except outbox.NotDelivered as failure:
        # Run eagerly (no broker) there is no worker to retry later, and the
        # action that sent the email has succeeded: never raise into it. The
        # count is on the row, not the task, so that the sweep's tasks do not
        # each start a fresh round of quick retries.
        if self.request.is_eager or failure.attempts > outbox.QUICK_RETRIES:
            logger.warning("%s; the sweep will try again.", failure)
            return
        backoff = outbox.RETRY_BACKOFF_SECONDS * 2 ** (failure.attempts - 1)
        # Retry jitter.
        countdown = backoff + random.uniform(0, backoff / 2)  # nosec B311
        raise self.retry(exc=failure, countdown=countdown) from failure


@shared_task
def send_unsent_emails() -> int:
    """Queue every email still unsent: its task failed for good, or was never queued."""
    ids = outbox.unsent_ids()
    for email_id in ids:
        deliver_email.delay(email_id)
    return len(ids)
