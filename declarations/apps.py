from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .documents.dev_pki import is_development_certificate


class DeclarationsConfig(AppConfig):
    name = "declarations"
    verbose_name = _("Declarations")

    def ready(self) -> None:
        # Registers the Celery tasks in every process, web included: the
        # services queue the PDF task by name (see services.PDF_TASK).
        from . import tasks  # noqa: F401

        if not settings.DEBUG and not settings.SIGNING_ALLOW_DEVELOPMENT_KEY:
            _refuse_development_signing_key()


def _refuse_development_signing_key() -> None:
    """Production signs with the portal's real key, never the development CA's.

    Checked in every process (web, worker, beat, commands), since the worker
    is the one that signs. A missing certificate is left to the certificate
    pages and the signer, which say so loudly.
    """
    cert_file = settings.SIGNING_CERT_FILE
    if cert_file.is_file() and is_development_certificate(cert_file):
        raise ImproperlyConfigured(
            f"SIGNING_CERT_FILE ({cert_file}) was issued by the development CA. With DEBUG off, "
            "configure the portal's production signing key and certificate."
        )
