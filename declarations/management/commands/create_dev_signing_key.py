"""Write a development CA and signing certificate under settings.SIGNING_DIR.

Production does not use this: it points SIGNING_KEY_FILE, SIGNING_CERT_FILE
and SIGNING_ROOT_CERT_FILE at the real key and certificates instead.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from declarations.documents.dev_pki import ROOT_CERT, create_dev_pki
from declarations.documents.signing import certificate_fingerprint


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
        else:
            for path in written:
                self.stdout.write(f"Wrote {path}")
            self.stdout.write(self.style.SUCCESS("Development signing PKI created."))
        fingerprint = certificate_fingerprint(directory / ROOT_CERT)
        self.stdout.write(f"Root CA SHA-256 fingerprint: {fingerprint}")
