from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal: people and organizations")

    def ready(self) -> None:
        from . import two_factor  # models are ready now

        two_factor.connect_signals()


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the site that asks staff for a second factor."""

    default = False  # named in INSTALLED_APPS; PortalConfig stays the app's own
    default_site = "portal.admin_site.SecondFactorAdminSite"
