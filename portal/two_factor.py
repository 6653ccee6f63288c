"""Two-factor authentication: who must have a second factor, and its devices.

A person adds a second factor — an authenticator app (TOTP, RFC 6238), or one
or more security keys or passkeys (WebAuthn, ``webauthn.py``) — on
``/accounts/two-factor/``; with the first comes a set of ten single-use
recovery codes, for the day the phone or the key is lost. All are django-otp
devices (``TOTPDevice``, django-otp-webauthn's ``WebAuthnCredential``,
``StaticDevice``), and a session is *verified* (``user.is_verified()``, set by
``django_otp.middleware.OTPMiddleware``) once one of them was accepted in it.
Someone who has an app or a key is asked for it right after the password
(``SecondFactorMiddleware``): the session holds nothing but the verification
page until then.

The acts that commit an organization or the portal — attesting, withdrawing
and revoking a declaration, and the Django admin — need a verified session.
The guard is the view's fetch helper (``declarations.access``) and the admin
site (``portal.admin_site``), which call ``require_second_factor`` after the
role check, so an outsider still gets 404 and a read-only role 403. The
services do not check it again: they never see the request, only the person,
and the person is not what a stolen password changes. What they check is the
password re-entered at attestation. ``tests/test_url_matrix.py`` runs every
URL for a signatory and a site admin without a verified session and expects
exactly the guarded ones to send them here.

The writers (``enable_totp``, ``regenerate_recovery_codes``,
``remove_second_factor``) live here rather than in ``services.py``: they
touch only these devices.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import unicodedata
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from . import audit
from .audit import AuditEvent
from .models import User

RECOVERY_CODE_COUNT = 10
# Set at login for someone who has a device; removed once a code is accepted.
PENDING_SESSION_KEY = "two_factor_pending"
# The secret of an authenticator being set up, kept in the session until a code
# proves the app has it: nothing is stored for a setup that is abandoned.
SETUP_SESSION_KEY = "two_factor_setup_key"
# New recovery codes, shown until the person says they are saved.
CODES_SESSION_KEY = "two_factor_new_codes"


class SecondFactorRequired(Exception):
    """Raised by a guard; ``SecondFactorMiddleware`` turns it into the way to a code."""


# ------------------------------------------------------------------ reads and rules


def has_second_factor(user) -> bool:
    """An authenticator app or a security key (recovery codes alone are no second factor)."""
    return user.is_authenticated and (
        has_authenticator(user)
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    )


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(user) -> bool:
    """Whether a code was accepted in this session (False where OTPMiddleware did not run)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def require_second_factor(request: HttpRequest) -> None:
    """The guard of every act that needs a second factor: call it after the role check."""
    if not is_verified(request.user):
        raise SecondFactorRequired


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def safe_next(request: HttpRequest, default: str = "") -> str:
    """The ``next`` parameter when it points inside the portal, else ``default``."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def second_factor_redirect(request: HttpRequest, next_url: str) -> HttpResponseRedirect:
    """To the code page for someone with a device, else to setting one up; back afterwards."""
    has_one = has_second_factor(request.user)
    name = "accounts:two_factor_verify" if has_one else "accounts:two_factor_setup"
    return redirect(f"{reverse(name)}?{urlencode({'next': next_url})}")


def new_secret() -> str:
    return secrets.token_hex(20)


def secret_for_humans(key_hex: str) -> str:
    """The secret in base32, as authenticator apps take it when typed, in groups of four."""
    text = base64.b32encode(binascii.unhexlify(key_hex)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def provisioning_uri(user: User, key_hex: str) -> str:
    """The otpauth:// URI of the QR code: the same as a saved device's ``config_url``."""
    return TOTPDevice(user=user, key=key_hex).config_url


def current_code(key_hex: str, *, step_offset: int = 0) -> str:
    """The code an authenticator app shows now for ``key_hex`` (demo and tests)."""
    totp = TOTP(binascii.unhexlify(key_hex))
    totp.drift = step_offset
    return f"{totp.token():06d}"


def matched_step(key_hex: str, code: str) -> int | None:
    """The time step at which ``code`` is the app's code for ``key_hex``, now give or
    take one step; None if it is not."""
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        return None
    totp = TOTP(binascii.unhexlify(key_hex))
    return totp.t() if totp.verify(int(code), tolerance=1) else None


def code_is_current(key_hex: str, code: str) -> bool:
    return matched_step(key_hex, code) is not None


def normalise_code(code: str) -> str:
    """Codes as typed: full-width digits (a Japanese input method) as ASCII, spaces and
    hyphens ignored, recovery codes in any case."""
    code = unicodedata.normalize("NFKC", code)
    return "".join(code.split()).replace("-", "").lower()


# ------------------------------------------------------------------ writers


def _new_recovery_codes(device: StaticDevice) -> list[str]:
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def enable_totp(
    *, user: User, key_hex: str, code: str | None, name: str = "authenticator"
) -> tuple[TOTPDevice, list[str]]:
    """Save a confirmed authenticator and a fresh set of recovery codes for ``user``.

    ``code`` is the app's first code, checked again here (the form is a
    convenience) and used up: it cannot then verify a session. Only the demo
    accounts' authenticators are made without one. One authenticator per
    person: a new one replaces the old (a new phone). Returns the device and
    the recovery codes, which are shown once."""
    last_t = -1
    if code is not None:
        step = matched_step(key_hex, code)
        if step is None:
            raise ValueError("the code does not match the key")
        last_t = step
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(
        user=user, name=name, key=key_hex, confirmed=True, last_t=last_t
    )
    recovery, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    return device, _new_recovery_codes(recovery)


def recovery_codes_if_none(*, user: User) -> list[str]:
    """New recovery codes for someone who has none left (a first key); else nothing."""
    if recovery_codes_left(user):
        return []
    return regenerate_recovery_codes(user=user)


@transaction.atomic
def regenerate_recovery_codes(*, user: User) -> list[str]:
    """Replace ``user``'s recovery codes; the old ones stop working at once."""
    recovery, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    return _new_recovery_codes(recovery)


@transaction.atomic
def remove_second_factor(*, user: User) -> None:
    """Remove the authenticator, every security key and the recovery codes (the password
    was checked)."""
    TOTPDevice.objects.filter(user=user).delete()
    for key in WebAuthnCredential.objects.filter(user=user).select_for_update():
        audit.record(
            AuditEvent.Kind.SECURITY_KEY_REMOVED,
            actor=user,
            target=key.name,
            detail={"key": key.pk},
        )
        key.delete()
    StaticDevice.objects.filter(user=user).delete()


def verify_code(*, user: User, code: str):
    """The device that accepts ``code`` (an app's code or an unused recovery code), or None.

    Each wrong code counts against the device (django-otp's throttling: 1, 2,
    4… seconds before the next try is even looked at), and a recovery code is
    used up by the match."""
    code = normalise_code(code)
    if not code or len(code) > 16:
        return None
    model = TOTPDevice if code.isascii() and code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
            if device.verify_token(code):
                return device
    return None


def is_throttled(user: User) -> bool:
    """Whether too many wrong codes in a row make every device wait before the next try."""
    devices = [
        *TOTPDevice.objects.devices_for_user(user, confirmed=True),
        *StaticDevice.objects.devices_for_user(user, confirmed=True),
    ]
    return bool(devices) and all(not device.verify_is_allowed()[0] for device in devices)


def mark_verified(request: HttpRequest, device) -> None:
    """Record in the session that ``device`` accepted a code (django-otp's login)."""
    otp_login(request, device)
    request.session.pop(PENDING_SESSION_KEY, None)


def demo_secret(email: str) -> str:
    """The fixed secret of a demo account's authenticator: derived from the email, so
    anyone can compute it — which is the point of a demo, and why nothing else uses it."""
    return hashlib.sha256(f"demo-portal-totp:{email}".encode()).hexdigest()[:40]  # 20 bytes


def ensure_demo_authenticator(*, user: User) -> TOTPDevice:
    """Give a demo account its known authenticator, once (``seed_demo``)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device, _codes = enable_totp(
            user=user, key_hex=demo_secret(user.email), code=None, name="demo"
        )
    return device


def demo_code(user: User) -> str | None:
    """The current code of ``user``'s demo authenticator; None for any real one."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or device.key != demo_secret(user.email):
        return None
    return current_code(device.key)


# ------------------------------------------------------------------ the session


def ask_for_code_after_login(sender, request, user, **kwargs) -> None:
    """After the password: someone with a device must give a code before anything else."""
    if request is None or not hasattr(request, "session"):
        return
    if DEVICE_ID_SESSION_KEY not in request.session and has_second_factor(user):
        request.session[PENDING_SESSION_KEY] = True


def connect_signals() -> None:
    user_logged_in.connect(ask_for_code_after_login, dispatch_uid="two_factor_pending")


# The pages a session waiting for its code may still open.
OPEN_WHILE_PENDING = frozenset(
    {
        "accounts:two_factor_verify",
        "accounts:two_factor_key_verify_begin",
        "accounts:two_factor_key_verify_complete",
        "logout",
        "health",
        "login",
    }
)


class SecondFactorMiddleware:
    """Holds a session that still owes its code on the code page, and turns
    ``SecondFactorRequired`` into the way to a code (set one up, or enter it).
    Installed after ``OTPMiddleware``; for someone with no device it costs no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # No cookie, no session to look into: the session is not even read, so a
        # page cached for everyone (the registry badge) gets no Vary: Cookie from here.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        if not request.session.get(PENDING_SESSION_KEY) or not request.user.is_authenticated:
            return None
        if is_verified(request.user):
            request.session.pop(PENDING_SESSION_KEY, None)
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_WHILE_PENDING:
            return None
        if request.path_info.startswith(f"/{settings.STATIC_URL.strip('/')}/"):
            return None
        return second_factor_redirect(request, request.get_full_path())

    def process_exception(self, request, exception):
        if not isinstance(exception, SecondFactorRequired):
            return None
        return second_factor_redirect(request, request.get_full_path())
