"""What a developer reads in the console: each log line once, and each email as a
person reads it — the subject decoded, the Japanese body as text."""

import io
import os
import subprocess
import sys
from pathlib import Path

from django.core.mail import EmailMultiAlternatives

from portal.console_mail import EmailBackend

ROOT = Path(__file__).resolve().parents[2]


def test_each_log_line_prints_once_in_development():
    script = (
        "import logging;"
        "logging.getLogger('django.request').warning('from-django');"
        "logging.getLogger('declarations').warning('from-the-portal')"
    )
    environment = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "portal.settings"}
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    output = result.stdout + result.stderr
    assert output.count("from-django") == 1
    assert output.count("from-the-portal") == 1


def test_the_console_shows_an_email_decoded():
    stream = io.StringIO()
    message = EmailMultiAlternatives(
        subject="【宣言ポータル】宣言の依頼が届きました",
        body="アクメ株式会社 様\n\n調達庁から宣言の依頼が届きました。\n" + "長い行" * 40,
        from_email="portal@localhost",
        to=["ada@acme.test"],
        reply_to=["help@portal.test"],
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    message.attach("record.json", b"{}", "application/json")

    EmailBackend(stream=stream).send_messages([message])

    written = stream.getvalue()
    assert "Subject: 【宣言ポータル】宣言の依頼が届きました" in written
    assert "調達庁から宣言の依頼が届きました。" in written
    assert "長い行" * 40 in written  # not folded by quoted-printable
    assert "=?utf-8?" not in written and "Content-Transfer-Encoding" not in written
    assert "To: ada@acme.test" in written and "Reply-To: help@portal.test" in written
    assert "text/html" in written and "record.json" in written
