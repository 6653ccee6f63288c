from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal: people and organizations")

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from . import audit, idle, two_factor  # models are ready now

        # Security events go to the audit log; the services record their own acts.
        user_logged_in.connect(audit.on_logged_in, dispatch_uid="portal.audit.login")
        user_login_failed.connect(audit.on_login_failed, dispatch_uid="portal.audit.failed")
        user_logged_out.connect(audit.on_logged_out, dispatch_uid="portal.audit.logout")
        user_locked_out.connect(audit.on_locked_out, dispatch_uid="portal.audit.lockout")
        user_logged_in.connect(idle.on_logged_in, dispatch_uid="portal.idle.login")
        # Holds the session on the code page for people with a second factor.
        two_factor.connect_signals()


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the site that asks staff for a second factor."""

    default = False  # named in INSTALLED_APPS; PortalConfig stays the app's own
    default_site = "portal.admin_site.SecondFactorAdminSite"
