"""The Django admin, entered only with a second factor verified in the session.

Installed as the default admin site (``PortalAdminConfig`` in ``apps.py``), so
every ``admin.site.register`` keeps working. Site staff without a verified
session are sent to give a code (or to set up an authenticator first) and
come back to the admin afterwards; everyone else sees the admin's own login.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse

from . import two_factor


class SecondFactorAdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        return super().has_permission(request) and two_factor.is_verified(request.user)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_active and user.is_staff and not two_factor.is_verified(user):
            next_url = two_factor.safe_next(request, reverse("admin:index", current_app=self.name))
            return two_factor.second_factor_redirect(request, next_url)
        return super().login(request, extra_context)
