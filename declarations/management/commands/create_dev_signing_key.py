"""Write a development CA and signing certificate under settings.SIGNING_DIR.

Production does not use this: it points SIGNING_KEY_FILE, SIGNING_CERT_FILE
and SIGNING_ROOT_CERT_FILE at the real key and certificates instead.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from declarations.documents.dev_pki import ROOT_CERT, create_dev_pki
from declarations.documents.signing import certificate_fingerprint
from portal import audit
from portal.models import AuditEvent


class Command(BaseCommand):
    help = "Create the development root CA, document-signing and TSA certificates."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Replace existing files with a new PKI."
        )

    def handle(self, *args, force: bool = False, **options):
        directory = settings.SIGNING_DIR
        try:
            written = create_dev_pki(directory, force=force)
        except FileExistsError as exc:
            raise CommandError(str(exc)) from exc
        if not written:
            self.stdout.write(f"Signing files already exist in {directory}; nothing written.")
        fingerprint = certificate_fingerprint(directory / ROOT_CERT)
        if written:
            for path in written:
                self.stdout.write(f"Wrote {path}")
            self._audit(
                AuditEvent.Kind.SIGNING_KEY_CREATED,
                str(directory),
                {"root_fingerprint": fingerprint, "replaced": force},
            )
            self.stdout.write(self.style.SUCCESS("Development signing PKI created."))
        self.stdout.write(f"Root CA SHA-256 fingerprint: {fingerprint}")

    def _audit(self, kind, target, detail) -> None:
        # The files are written: a database not migrated yet (a first set-up)
        # must not turn that into a failure, but it must not pass unseen either.
        try:
            audit.record(kind, None, target, detail)
        except DatabaseError as error:
            self.stderr.write(f"Not recorded in the audit log ({error.__class__.__name__}).")
