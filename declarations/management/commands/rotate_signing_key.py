"""Make a new signing key and certificate, keeping the old certificate for verification.

In development the new certificate comes from the development CA under
settings.SIGNING_DIR. Production does not use this: there, the new certificate
comes from the portal's CA, the old one is added to SIGNING_CERT_FILES, and
SIGNING_KEY_FILE and SIGNING_CERT_FILE are pointed at the new pair.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from declarations.documents.dev_pki import ROOT_KEY, rotate_signing_key
from declarations.documents.signing import certificate_fingerprint


class Command(BaseCommand):
    help = "Replace the signing key and certificate; the old certificate keeps verifying."

    def handle(self, *args, **options):
        ca_directory = Path(settings.SIGNING_DIR)
        if not (ca_directory / ROOT_KEY).exists():
            raise CommandError(
                f"No development CA key in {ca_directory}. In production, have the portal's CA "
                "issue a new certificate, add the old one to SIGNING_CERT_FILES, and point "
                "SIGNING_KEY_FILE and SIGNING_CERT_FILE at the new key and certificate."
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
        )
        self.stdout.write(f"Kept the old certificate as {kept}")
        self.stdout.write(
            self.style.SUCCESS(
                f"New signing certificate, SHA-256 {certificate_fingerprint(cert_file)}. "
                "Restart the workers so that they sign with it."
            )
        )
