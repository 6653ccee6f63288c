"""Delivering an outbox email: once, retried a bounded number of times, quietly."""

import logging
from datetime import timedelta

import pytest
import time_machine
from celery.exceptions import Retry
from django.utils import timezone

from portal import outbox, tasks
from portal.models import OutgoingEmail
from tests.mail_backends import FAILING

pytestmark = pytest.mark.django_db


@pytest.fixture
def email():
    return OutgoingEmail.objects.create(
        recipient="someone@example.test", subject="Hello", body="A body"
    )


def test_delivering_the_same_email_twice_sends_it_once(email, mailoutbox):
    tasks.deliver_email.delay(email.pk)
    tasks.deliver_email.delay(email.pk)
    (message,) = mailoutbox
    assert message.to == ["someone@example.test"] and message.body == "A body"
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 1


def test_a_failure_without_a_worker_is_one_log_line_and_waits_for_the_sweep(
    email, settings, caplog, mailoutbox
):
    settings.EMAIL_BACKEND = FAILING
    with caplog.at_level(logging.WARNING):
        tasks.deliver_email.delay(email.pk)  # eager: must not raise
    (record,) = caplog.records
    assert record.name == "portal.tasks" and record.exc_info is None
    assert "SMTPServerDisconnected" in record.getMessage()
    email.refresh_from_db()
    assert email.sent_at is None and email.attempts == 1 and not mailoutbox


def test_a_worker_retries_with_growing_delays_then_leaves_it_to_the_sweep(
    email, settings, monkeypatch, caplog
):
    settings.EMAIL_BACKEND = FAILING
    countdowns = []

    def retry(exc, countdown):
        countdowns.append(countdown)
        return Retry(exc=exc, when=countdown)

    # The worker's retry, recorded instead of scheduled.
    monkeypatch.setattr(tasks.deliver_email, "retry", retry)
    for _ in range(outbox.QUICK_RETRIES):
        with pytest.raises(Retry):
            tasks.deliver_email(email.pk)
    tasks.deliver_email(email.pk)  # the last quick try: the sweep's turn next

    # 30 s, 1, 2, 4 min, each with up to half as much again of jitter.
    backoffs = [outbox.RETRY_BACKOFF_SECONDS * n for n in (1, 2, 4, 8)]
    assert all(b <= c <= 1.5 * b for b, c in zip(backoffs, countdowns, strict=True))
    assert OutgoingEmail.objects.get().attempts == outbox.QUICK_RETRIES + 1
    assert "the sweep will try again" in caplog.text


def test_the_sweep_leaves_a_fresh_email_to_its_own_task(email, mailoutbox):
    assert tasks.send_unsent_emails() == 0
    with time_machine.travel(email.created_at + outbox.SWEEP_AFTER + timedelta(seconds=1)):
        assert tasks.send_unsent_emails() == 1
    assert len(mailoutbox) == 1


def test_the_sweep_gives_up_after_the_last_attempt(email, mailoutbox):
    OutgoingEmail.objects.filter(pk=email.pk).update(attempts=outbox.MAX_ATTEMPTS)
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert tasks.send_unsent_emails() == 0
    assert not mailoutbox
