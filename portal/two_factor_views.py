"""Pages of two-factor authentication under /accounts/two-factor/: set up an
authenticator app, see and renew the recovery codes, remove it, and give a code.
Security keys have their own module, ``webauthn_views.py``.

The rules and writers are in ``two_factor.py``; these views read a form, call
them and redirect. A wrong code counts twice: against the device (django-otp's
growing wait) and against the person, at most ``CODE_RATE`` tries (django-ratelimit).
"""

from __future__ import annotations

import io
from functools import wraps
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp.plugins.otp_static.models import StaticDevice
from django_ratelimit.core import get_usage

from . import two_factor, webauthn
from .errors import too_many_requests
from .http import AuthenticatedHttpRequest
from .two_factor import CODES_SESSION_KEY, SETUP_SESSION_KEY
from .two_factor_forms import (
    PasswordConfirmForm,
    SecurityKeyNameForm,
    SetupCodeForm,
    VerifyCodeForm,
)

GET_POST = require_http_methods(["GET", "HEAD", "POST"])
CODE_RATE = "10/15m"  # wrong or right, per person


def _posted(request):
    return request.POST if request.method == "POST" else None


def verified_required(view):
    """Changing the second factor takes a session that proved it has one (if there is one)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if two_factor.has_second_factor(request.user) and not two_factor.is_verified(request.user):
            return two_factor.second_factor_redirect(request, request.get_full_path())
        return view(request, *args, **kwargs)

    return guarded


@require_safe
@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "portal/two_factor_overview.html",
        {
            "enabled": two_factor.has_second_factor(user),
            "verified": two_factor.is_verified(user),
            "has_app": two_factor.has_authenticator(user),
            "keys": webauthn.security_keys(user),
            "key_form": SecurityKeyNameForm(),
            "codes_left": two_factor.recovery_codes_left(user),
            "next": two_factor.safe_next(request),
        },
    )


@GET_POST
@login_required
@never_cache
@verified_required
def setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    next_url = two_factor.safe_next(request)
    if two_factor.has_authenticator(request.user) and request.GET.get("replace") != "1":
        if next_url:
            return redirect(next_url)
        messages.info(request, _("Two-factor authentication is already on."))
        return redirect("accounts:two_factor")
    key_hex = request.session.get(SETUP_SESSION_KEY)
    if not key_hex:
        key_hex = request.session[SETUP_SESSION_KEY] = two_factor.new_secret()
    form = SetupCodeForm(_posted(request), key_hex=key_hex)
    if form.is_valid():
        device, codes = two_factor.enable_totp(
            user=request.user, key_hex=key_hex, code=form.cleaned_data["code"]
        )
        del request.session[SETUP_SESSION_KEY]
        two_factor.mark_verified(request, device)
        request.session[CODES_SESSION_KEY] = codes
        messages.success(request, _("Two-factor authentication is on."))
        return _to_codes(next_url)
    return render(
        request,
        "portal/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "secret": two_factor.secret_for_humans(key_hex),
            "replacing": two_factor.has_authenticator(request.user),
        },
    )


@require_safe
@login_required
@never_cache
def setup_qr(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The QR code of the authenticator being set up, as SVG (an <img>, no inline script)."""
    key_hex = request.session.get(SETUP_SESSION_KEY)
    if not key_hex:
        return HttpResponse(status=404)
    out = io.BytesIO()
    segno.make(two_factor.provisioning_uri(request.user, key_hex), error="m").save(
        out, kind="svg", scale=5, border=2, xmldecl=False, svgns=True
    )
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")


def _to_codes(next_url: str):
    url = reverse("accounts:two_factor_codes")
    return redirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)


@GET_POST
@login_required
@never_cache
def codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The new recovery codes, shown until the person says they have kept them."""
    next_url = two_factor.safe_next(request)
    new_codes = request.session.get(CODES_SESSION_KEY)
    if request.method == "POST" or not new_codes:
        request.session.pop(CODES_SESSION_KEY, None)
        return redirect(next_url or "accounts:two_factor")
    return render(request, "portal/two_factor_codes.html", {"codes": new_codes, "next": next_url})


@require_safe
@login_required
@never_cache
def codes_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    new_codes = request.session.get(CODES_SESSION_KEY)
    if not new_codes:
        return redirect("accounts:two_factor")
    heading = _("Recovery codes for %(email)s. Each works once.") % {"email": request.user.email}
    response = HttpResponse(
        "\n".join([heading, "", *new_codes, ""]), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="recovery-codes.txt"'
    return response


@require_POST
@login_required
@verified_required
def codes_regenerate(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not two_factor.has_second_factor(request.user):
        return redirect("accounts:two_factor")
    request.session[CODES_SESSION_KEY] = two_factor.regenerate_recovery_codes(user=request.user)
    messages.success(request, _("New recovery codes are made; the old ones no longer work."))
    return redirect("accounts:two_factor_codes")


@GET_POST
@login_required
@verified_required
def remove(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not two_factor.has_second_factor(request.user):
        return redirect("accounts:two_factor")
    form = PasswordConfirmForm(_posted(request), user=request.user)
    if form.is_valid():
        two_factor.remove_second_factor(user=request.user)
        messages.success(request, _("Two-factor authentication is off."))
        return redirect("accounts:two_factor")
    return render(request, "portal/two_factor_remove.html", {"form": form})


@GET_POST
@login_required
@never_cache
def verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The code after the password, or before an act that needs one."""
    next_url = two_factor.safe_next(request)
    if not two_factor.has_second_factor(request.user):
        return two_factor.second_factor_redirect(request, next_url or reverse("accounts:landing"))
    has_app = two_factor.has_authenticator(request.user)
    has_keys = webauthn.security_keys(request.user).exists()
    form = VerifyCodeForm(_posted(request), has_app=has_app, has_keys=has_keys)
    if form.is_valid() and (wait := too_many_tries(request)):
        return too_many_requests(
            request, wait, _("Too many codes were tried. Please wait a few minutes and try again.")
        )
    if form.is_valid():
        if two_factor.is_throttled(request.user):
            form.add_error(
                None, _("Too many codes were tried. Please wait a few minutes and try again.")
            )
        else:
            device = two_factor.verify_code(user=request.user, code=form.cleaned_data["code"])
            if device is None:
                form.add_error("code", _("This code is not correct, or was already used."))
            else:
                two_factor.mark_verified(request, device)
                if isinstance(device, StaticDevice):
                    left = two_factor.recovery_codes_left(request.user)
                    messages.warning(
                        request,
                        _("You used a recovery code; %(count)d are left.") % {"count": left},
                    )
                return redirect(next_url or "accounts:landing")
    return render(
        request,
        "portal/two_factor_verify.html",
        {
            "form": form,
            "next": next_url,
            "has_app": has_app,
            "has_keys": has_keys,
            "codes_left": two_factor.recovery_codes_left(request.user),
        },
    )


def too_many_tries(request: AuthenticatedHttpRequest) -> int:
    """Count this try (a code or a key); the seconds to wait if it is one too many, else 0."""
    usage = get_usage(
        request,
        group="two-factor-verify",
        key=lambda _group, req: str(req.user.pk),
        rate=CODE_RATE,
        increment=True,
    )
    if not usage or not usage["should_limit"]:
        return 0
    return max(1, usage["time_left"])
