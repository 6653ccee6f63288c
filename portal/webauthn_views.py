"""Security keys under /accounts/two-factor/keys/: register one, use one after the
password, remove one.

Registering and using a key are two requests each, made by ``static/js/webauthn.js``
around the browser's own dialog: *begin* returns the options as JSON, *complete*
takes the browser's answer and returns where to go next. Errors are JSON too, with
a message in the page's language that the script shows as it is. The rules and
writers are in ``webauthn.py``.
"""

from __future__ import annotations

import json
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import two_factor, webauthn
from .http import AuthenticatedHttpRequest
from .two_factor import CODES_SESSION_KEY
from .two_factor_forms import PasswordConfirmForm, SecurityKeyNameForm
from .two_factor_views import GET_POST, too_many_tries, verified_required


def _refusal_messages() -> dict[str, str]:
    return {
        "expired": _("The request has expired. Please try again."),
        "unknown": _(
            "This security key is not registered for your account. Use a key you added "
            "here, or another way to confirm it is you."
        ),
        "exists": _("This security key is already registered."),
        "invalid": _("The security key's answer could not be verified. Please try again."),
    }


def _error(message: str, status: int, code: str) -> JsonResponse:
    return JsonResponse({"error": code, "message": message}, status=status)


def _body(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def json_verified_required(view):
    """``verified_required`` for the script's requests: a refusal it can show, not a redirect."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if two_factor.has_second_factor(request.user) and not two_factor.is_verified(request.user):
            return _error(
                _("Confirm it is you with your second factor first, then add the key."),
                403,
                "not_verified",
            )
        return view(request, *args, **kwargs)

    return guarded


def _named(request) -> tuple[str, JsonResponse | None]:
    form = SecurityKeyNameForm({"name": _body(request).get("name", "")})
    if form.is_valid():
        return form.cleaned_data["name"], None
    return "", _error(" ".join(str(error) for error in form.errors["name"]), 400, "name")


@require_POST
@login_required
@never_cache
@json_verified_required
def register_begin(request: AuthenticatedHttpRequest) -> HttpResponse:
    # The name is checked before the browser asks for the key, not after.
    _name, refusal = _named(request)
    return refusal or JsonResponse(webauthn.begin_registration(request))


@require_POST
@login_required
@never_cache
@json_verified_required
def register_complete(request: AuthenticatedHttpRequest) -> HttpResponse:
    name, refusal = _named(request)
    if refusal:
        return refusal
    try:
        key, codes = webauthn.complete_registration(
            request, name=name, credential=_body(request).get("credential")
        )
    except webauthn.KeyRefused as refused:
        return _error(_refusal_messages()[refused.reason], 400, refused.reason)
    if not two_factor.is_verified(request.user):
        # The first second factor verifies the session, as a first app's code does.
        two_factor.mark_verified(request, key)
    messages.success(request, _("The security key “%(name)s” is added.") % {"name": name})
    next_url = two_factor.safe_next(request)
    if codes:
        request.session[CODES_SESSION_KEY] = codes
        url = reverse("accounts:two_factor_codes")
        return JsonResponse(
            {"redirect": f"{url}?{urlencode({'next': next_url})}" if next_url else url}
        )
    return JsonResponse({"redirect": next_url or reverse("accounts:two_factor")})


@require_POST
@login_required
@never_cache
def verify_begin(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not webauthn.security_keys(request.user).exists():
        return _error(_("You have no security key registered."), 400, "no_key")
    return JsonResponse(webauthn.begin_assertion(request))


@require_POST
@login_required
@never_cache
def verify_complete(request: AuthenticatedHttpRequest) -> HttpResponse:
    if wait := too_many_tries(request):
        response = _error(
            _("Too many tries. Please wait a few minutes and try again."), 429, "too_many"
        )
        response["Retry-After"] = str(wait)
        return response
    try:
        key = webauthn.complete_assertion(request, credential=_body(request).get("credential"))
    except webauthn.KeyRefused as refused:
        return _error(_refusal_messages()[refused.reason], 400, refused.reason)
    two_factor.mark_verified(request, key)
    return JsonResponse({"redirect": two_factor.safe_next(request) or reverse("accounts:landing")})


@GET_POST
@login_required
@verified_required
def remove(request: AuthenticatedHttpRequest, key_pk: int) -> HttpResponse:
    key = webauthn.get_security_key_for_user(request, key_pk)
    form = PasswordConfirmForm(
        request.POST if request.method == "POST" else None, user=request.user
    )
    if form.is_valid():
        removed = _("The security key “%(name)s” is removed.") % {"name": key.name}
        if webauthn.remove_security_key(user=request.user, key=key):
            # The page below says two-factor authentication is off; this says why.
            removed = _(
                "The security key “%(name)s” is removed: it was your last second factor."
            ) % {"name": key.name}
        messages.success(request, removed)
        return redirect("accounts:two_factor")
    last = (
        not two_factor.has_authenticator(request.user)
        and webauthn.security_keys(request.user).count() == 1
    )
    return render(
        request, "portal/two_factor_key_remove.html", {"form": form, "key": key, "last": last}
    )
