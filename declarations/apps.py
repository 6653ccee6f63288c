from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeclarationsConfig(AppConfig):
    name = "declarations"
    verbose_name = _("Declarations")

    def ready(self) -> None:
        # Registers the Celery tasks in every process, web included: the
        # services queue the PDF task by name (see services.PDF_TASK).
        from . import tasks  # noqa: F401
