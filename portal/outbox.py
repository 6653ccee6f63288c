"""Delivering the outbox: each stored email sent once, whenever the mail server allows.

``emails.send`` stores an ``OutgoingEmail`` and queues its delivery on commit.
The task tries at once and retries a few times with backoff; after that, and
for any email whose task was never queued (broker down), the periodic sweep
queues it again until it goes out or ``MAX_ATTEMPTS`` is reached.
"""

from __future__ import annotations

import smtplib
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import OutgoingEmail

# What a mail server that is down, slow or refusing looks like. Anything else is
# a bug, and raises as one.
MAIL_ERRORS = (smtplib.SMTPException, OSError)

# The task's own retries after the first attempt (30 s, 1, 2, 4 min); then the sweep's.
QUICK_RETRIES = 4
RETRY_BACKOFF_SECONDS = 30
# Then one attempt per sweep (every 5 minutes): about three hours of outage.
MAX_ATTEMPTS = 40
# Younger emails are presumably still on their way with their own task.
SWEEP_AFTER = timedelta(minutes=1)


class NotDelivered(Exception):
    """The mail server refused or could not be reached; recorded on the row."""

    def __init__(self, email_id: int, attempts: int, error: Exception):
        super().__init__(f"Email {email_id} not sent (attempt {attempts}): {describe(error)}")
        self.attempts = attempts
        self.error = error


def describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def deliver(email_id: int) -> None:
    """Send one stored email unless it has gone already; raise ``NotDelivered`` if it fails.

    The row stays locked while the mail server is talked to, so a second delivery
    of the same email (a retry and the sweep crossing) waits, then finds it sent.
    """
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update()
            .filter(pk=email_id, sent_at__isnull=True)
            .first()
        )
        if email is None:
            return  # sent already
        email.attempts += 1
        try:
            send_mail(email.subject, email.body, None, [email.recipient])
        except MAIL_ERRORS as error:
            email.last_error = describe(error)[:2000]
            email.save(update_fields=["attempts", "last_error"])
            failure = NotDelivered(email_id, email.attempts, error)
        else:
            email.sent_at = timezone.now()
            email.last_error = ""
            email.save(update_fields=["attempts", "sent_at", "last_error"])
            return
    # Raised after the block, so that the attempt it records is committed.
    raise failure from failure.error


def unsent_ids() -> list[int]:
    """The emails the sweep should queue again."""
    return list(
        OutgoingEmail.objects.filter(
            sent_at__isnull=True,
            attempts__lt=MAX_ATTEMPTS,
            created_at__lt=timezone.now() - SWEEP_AFTER,
        )
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
