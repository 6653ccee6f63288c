"""Make a new signing key and certificate, keeping the old certificate for verification.

With ``--compromised-since TIME`` the old key was stolen: its certificate is
revoked in the development CA's CRL as of that time (reason keyCompromise),
and from then on only the PDFs it signed before that time verify.

In development the new certificate comes from the development CA under
settings.SIGNING_DIR. Production does not use this: there, the new certificate
comes from the portal's CA, the old one is added to SIGNING_CERT_FILES, and
SIGNING_KEY_FILE and SIGNING_CERT_FILE are pointed at the new pair.
"""

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone

from declarations.documents.dev_pki import ROOT_KEY, rotate_signing_key
from declarations.documents.signing import certificate_fingerprint
from portal import audit
from portal.models import AuditEvent


class Command(BaseCommand):
    help = "Replace the signing key and certificate; the old certificate keeps verifying."

    def add_arguments(self, parser):
        parser.add_argument(
            "--compromised-since",
            metavar="TIME",
            help=(
                "The old key was compromised as of TIME (ISO 8601 with its offset, e.g. "
                "2026-05-01T09:00:00+09:00): revoke its certificate from then on."
            ),
        )

    def handle(self, *args, compromised_since: str | None = None, **options):
        compromised_at = _moment(compromised_since) if compromised_since else None
        ca_directory = Path(settings.SIGNING_DIR)
        if not (ca_directory / ROOT_KEY).exists():
            raise CommandError(
                f"No development CA key in {ca_directory}. In production, have the portal's CA "
                "issue a new certificate, add the old one to SIGNING_CERT_FILES, and point "
                "SIGNING_KEY_FILE and SIGNING_CERT_FILE at the new key and certificate. If the "
                "old key was compromised, have the CA revoke its certificate and add it to "
                "SIGNING_COMPROMISED as fingerprint@time."
            )
        cert_file = Path(settings.SIGNING_CERT_FILE)
        retired = cert_file.parent / "retired-certs"
        if retired not in {Path(entry) for entry in settings.SIGNING_CERT_FILES}:
            raise CommandError(
                f"{retired} is not in SIGNING_CERT_FILES: PDFs signed with the old key would "
                "stop verifying. Add it first."
            )
        kept = rotate_signing_key(
            ca_directory,
            key_file=Path(settings.SIGNING_KEY_FILE),
            cert_file=cert_file,
            retired_directory=retired,
            compromised_at=compromised_at,
        )
        self._audit(
            AuditEvent.Kind.SIGNING_KEY_ROTATED,
            str(cert_file),
            {
                "new_fingerprint": certificate_fingerprint(cert_file),
                "retired_certificate": str(kept),
                "compromised_since": compromised_at.isoformat() if compromised_at else None,
            },
        )
        self.stdout.write(f"Kept the old certificate as {kept}")
        if compromised_at is not None:
            self.stdout.write(
                f"Revoked it in the CRL as compromised since {compromised_at.isoformat()}: "
                "signatures it made after that no longer verify."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"New signing certificate, SHA-256 {certificate_fingerprint(cert_file)}. "
                "Restart the workers so that they sign with it."
            )
        )

    def _audit(self, kind, target, detail) -> None:
        # The files are written: a database not migrated yet (a first set-up)
        # must not turn that into a failure, but it must not pass unseen either.
        try:
            audit.record(kind, None, target, detail)
        except DatabaseError as error:
            self.stderr.write(f"Not recorded in the audit log ({error.__class__.__name__}).")


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.utcoffset() is None:
        raise CommandError(
            f"--compromised-since {text!r}: give an ISO 8601 time with its offset, "
            "e.g. 2026-05-01T09:00:00+09:00."
        )
    if moment > timezone.now():
        raise CommandError("--compromised-since is in the future; give the time it happened.")
    return moment
