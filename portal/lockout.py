"""Login throttling with django-axes: whose attempts count together, and the page
a locked-out person sees.

Failures are counted per account *and* client address (AXES_LOCKOUT_PARAMETERS
in the settings, which say why), on every password entry that goes through
``django.contrib.auth.authenticate``: the sign-in page, the admin's, and the
password re-entry at attestation.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .clients import client_address

# AccessAttempt.username's length.
USERNAME_LENGTH = 255


def username_of(request: HttpRequest, credentials: dict | None = None) -> str:
    """The account an attempt was for (AXES_USERNAME_CALLABLE).

    From the credentials given to ``authenticate`` (the login forms' field is
    ``username`` whatever the user model calls it), else from the posted form.
    Lower-cased as addresses are stored, so that "Alice@…" and "alice@…" count
    as one account, and cut to what the attempts table holds.
    """
    value = (credentials or {}).get("username")
    if value is None:
        value = getattr(request, "POST", {}).get("username", "")
    if not isinstance(value, str):
        return ""
    return value.replace("\0", "").strip().lower()[:USERNAME_LENGTH]


def retry_at(request: HttpRequest, credentials: dict | None = None) -> datetime:
    """When this account may try again from this address: its last counted failure
    plus the cool-off (failures during the lockout do not restart it)."""
    cool_off = get_cool_off(request) or timedelta(0)
    last = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=client_address(request),
    ).aggregate(last=Max("attempt_time"))["last"]
    return (last or timezone.now()) + cool_off


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The page for a locked-out attempt (AXES_LOCKOUT_CALLABLE): in the page's
    language, saying when to try again, with HTTP 429 and Retry-After."""
    when = retry_at(request, credentials)
    seconds = max(1, int((when - timezone.now()).total_seconds()))
    response = render(
        request,
        "portal/login_locked_out.html",
        {"retry_at": when, "minutes": -(-seconds // 60)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
