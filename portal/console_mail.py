"""The development mail backend: each email written to the console as a person
reads it — the subject decoded, the body as UTF-8 text — where Django's console
backend writes the MIME source (=?utf-8?b?…?= subjects, base64 bodies), which no
one can read for Japanese mail.

Only for the console; the messages sent for real are built by Django as ever.
"""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

RULE = "-" * 79


class EmailBackend(DjangoConsoleBackend):
    def write_message(self, message: EmailMessage) -> None:
        # message() raises on a bad header (a newline in the subject), as sending does.
        source = message.message()
        lines = [
            f"From: {message.from_email}",
            f"To: {', '.join(message.to)}",
        ]
        if message.cc:
            lines.append(f"Cc: {', '.join(message.cc)}")
        if message.reply_to:
            lines.append(f"Reply-To: {', '.join(message.reply_to)}")
        lines += [f"Date: {source['Date']}", f"Subject: {message.subject}", "", str(message.body)]
        for _content, mimetype in getattr(message, "alternatives", []):
            lines.append(f"[{mimetype} version of this text not shown]")
        for attachment in message.attachments:
            name = attachment[0] if isinstance(attachment, tuple) else attachment.get_filename()
            lines.append(f"[attachment: {name}]")
        self.stream.write("\n".join(lines).rstrip("\n") + "\n")
        self.stream.write(RULE + "\n")
