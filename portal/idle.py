"""Signing out people who hold the keys after a while without activity.

A signatory binds the organization and an organization or site admin changes
who may: their sessions end after SESSION_IDLE_MINUTES without a request.
Everyone else keeps Django's session (SESSION_COOKIE_AGE).

Whether a session is held to the limit is decided at sign-in and kept in the
session, so that no request pays a query for it; a role gained later applies
from the next sign-in, a role lost keeps the stricter limit until then.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .models import Membership, Role

LIMITED = "_idle_limited"
LAST_SEEN = "_idle_last_seen"
# The session is written at most this often, not on every request.
TOUCH_EVERY_SECONDS = 60


def is_idle_limited(user) -> bool:
    """Signatories, organization admins and site staff."""
    if user.is_staff or user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role__in=[Role.SIGNATORY, Role.ADMIN]).exists()


def on_logged_in(sender, request, user, **kwargs) -> None:
    """Receiver of user_logged_in (connected in PortalConfig.ready)."""
    session = getattr(request, "session", None)
    if session is None:
        return
    if is_idle_limited(user):
        session[LIMITED] = True
        session[LAST_SEEN] = int(time.time())
    else:
        session.pop(LIMITED, None)
        session.pop(LAST_SEEN, None)


class IdleTimeoutMiddleware:
    """After AuthenticationMiddleware: ends a limited session that has been idle too long;
    the request then goes on as anonymous (a signed-in page redirects to the sign-in)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Without a session cookie there is nothing to end; not reading the session
        # then keeps public responses free of "Vary: Cookie" (cacheable badges).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        session = request.session
        if session.get(LIMITED) and request.user.is_authenticated:
            now = int(time.time())
            idle = now - int(session.get(LAST_SEEN, 0))
            if idle > settings.SESSION_IDLE_MINUTES * 60:
                request.audit_logout_reason = "idle"  # type: ignore[attr-defined]
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after %(minutes)d minutes without activity.")
                    % {"minutes": settings.SESSION_IDLE_MINUTES},
                )
            elif idle >= TOUCH_EVERY_SECONDS:
                session[LAST_SEEN] = now
        return self.get_response(request)
