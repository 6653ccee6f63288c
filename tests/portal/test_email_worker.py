"""A real Celery worker, over Redis, retries an email until the mail server is back."""

import time

import pytest

from portal import emails, outbox
from portal.models import OutgoingEmail
from tests.mail_backends import FAILING, WORKING

pytestmark = pytest.mark.services


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_worker_retries_an_email_until_the_mail_server_is_back(
    real_worker, alice, settings, monkeypatch, mailoutbox
):
    # Seconds rather than minutes between the quick retries; the worker runs
    # in a thread of this process, so it sees the change.
    monkeypatch.setattr(outbox, "RETRY_BACKOFF_SECONDS", 0.5)
    settings.EMAIL_BACKEND = FAILING
    emails.send_already_registered(alice)  # no transaction open: queued to Redis at once
    email = OutgoingEmail.objects.get()

    def attempts() -> int:
        email.refresh_from_db()
        return email.attempts

    wait_for(lambda: attempts() >= 2)  # the first try and one retry failed
    assert email.sent_at is None and "SMTPServerDisconnected" in email.last_error
    settings.EMAIL_BACKEND = WORKING
    wait_for(lambda: email.refresh_from_db() or email.sent_at is not None)
    assert [m.to for m in mailoutbox] == [["alice@acme.test"]]
    assert email.attempts <= outbox.QUICK_RETRIES + 1
