"""A mail server that is down, for the tests of the outbox."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend

FAILING = "tests.mail_backends.FailingBackend"
WORKING = "django.core.mail.backends.locmem.EmailBackend"


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
