"""Security keys and passkeys (WebAuthn) as a second factor.

django-otp-webauthn keeps each key as a django-otp device (``WebAuthnCredential``),
so a key verifies a session like an authenticator app (``user.is_verified()``), and
its ``WebAuthnHelper`` drives py_webauthn: the options the browser gets, and the
checks of what it sends back (the challenge, the origin, the relying party id, the
signature and its counter). The relying party is configured in the settings
(``WEBAUTHN_RP_ID``, ``WEBAUTHN_ORIGINS``).

What is the portal's own, here: each ceremony's state in the session, used once;
the name a person gives a key; recovery codes with a first key for someone who has
none; the audit rows. The library's views and script are not used: they offer
passwordless sign-in (not wanted: a key is a second factor here), cannot name a
key, write no audit row, and their script's messages have no Japanese.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import IntegrityError, transaction
from django.http import Http404
from django_otp_webauthn.exceptions import OTPWebAuthnApiError
from django_otp_webauthn.models import WebAuthnCredential
from webauthn.helpers.exceptions import WebAuthnException

from . import audit, two_factor
from .audit import AuditEvent
from .http import AuthenticatedHttpRequest
from .models import User

# The state of a ceremony (its challenge) between the browser's two requests.
REGISTER_STATE_KEY = "two_factor_webauthn_register"
ASSERT_STATE_KEY = "two_factor_webauthn_assert"
# What a malformed or forged answer raises on its way through the library and py_webauthn.
_REFUSALS = (OTPWebAuthnApiError, WebAuthnException, ValueError, TypeError, KeyError)


class KeyRefused(Exception):
    """A key's answer was not accepted. ``reason``: ``expired`` (no ceremony under way),
    ``unknown`` (not a key of this person), ``exists`` (registered already) or
    ``invalid`` (it did not verify)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def security_keys(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def get_security_key_for_user(request: AuthenticatedHttpRequest, pk: int) -> WebAuthnCredential:
    """One of the person's own keys; anybody else's is a 404."""
    key = security_keys(request.user).filter(pk=pk).first()
    if key is None:
        raise Http404
    return key


def _helper(request: AuthenticatedHttpRequest):
    return WebAuthnCredential.get_webauthn_helper(request=request)


# ------------------------------------------------------------------ registering a key


def begin_registration(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """The options for ``navigator.credentials.create``; the person's keys are excluded,
    so that one key is not registered twice."""
    options, state = _helper(request).register_begin(user=request.user)
    request.session[REGISTER_STATE_KEY] = state
    return options


def complete_registration(
    request: AuthenticatedHttpRequest, *, name: str, credential: Any
) -> tuple[WebAuthnCredential, list[str]]:
    """Save the key the browser made, named ``name``; with it, recovery codes for someone
    who has none (returned, to be shown once; else an empty list)."""
    user = request.user
    state = request.session.pop(REGISTER_STATE_KEY, None)
    if not state:
        raise KeyRefused("expired")
    try:
        with transaction.atomic():
            key = _helper(request).register_complete(user=user, state=state, data=credential)
            key.name = name
            key.save(update_fields=["name"])
            audit.record(
                AuditEvent.Kind.SECURITY_KEY_ADDED,
                actor=user,
                target=name,
                detail={"key": key.pk, "aaguid": key.aaguid},
            )
            codes = two_factor.recovery_codes_if_none(user=user)
    except IntegrityError:
        raise KeyRefused("exists") from None
    except _REFUSALS:
        raise KeyRefused("invalid") from None
    return key, codes


# ------------------------------------------------------------------ using a key


def begin_assertion(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """The options for ``navigator.credentials.get``: a challenge and the person's keys.
    Touching the key is enough (no PIN asked): the password was the other factor."""
    options, state = _helper(request).authenticate_begin(
        user=request.user, require_user_verification=False
    )
    request.session[ASSERT_STATE_KEY] = state
    return options


def complete_assertion(request: AuthenticatedHttpRequest, *, credential: Any) -> WebAuthnCredential:
    """The person's key that signed this session's challenge; else ``KeyRefused``, and a
    row in the audit log (like a failed sign-in)."""
    user = request.user
    state = request.session.pop(ASSERT_STATE_KEY, None)
    if not state:
        raise KeyRefused("expired")
    try:
        key = _helper(request).authenticate_complete(user=user, state=state, data=credential)
    except OTPWebAuthnApiError as error:
        reason = (
            "unknown"
            if error.code in ("credential_not_found", "credential_user_mismatch")
            else "invalid"
        )
        _refused(user, reason, error.code)
    except _REFUSALS as error:
        _refused(user, "invalid", type(error).__name__)
    if not key.confirmed:
        _refused(user, "unknown", "credential_disabled")
    return key


def _refused(user: User, reason: str, cause: str) -> NoReturn:
    audit.record(
        AuditEvent.Kind.SECURITY_KEY_REFUSED, actor=user, detail={"reason": reason, "cause": cause}
    )
    raise KeyRefused(reason)


# ------------------------------------------------------------------ removing a key


@transaction.atomic
def remove_security_key(*, user: User, key: WebAuthnCredential) -> bool:
    """Remove ``key`` (the password was checked). The last second factor goes as turning
    two-factor authentication off does, recovery codes with it; returns whether it did."""
    others = security_keys(user).exclude(pk=key.pk).select_for_update()
    if not others.exists() and not two_factor.has_authenticator(user):
        two_factor.remove_second_factor(user=user)
        return True
    audit.record(
        AuditEvent.Kind.SECURITY_KEY_REMOVED, actor=user, target=key.name, detail={"key": key.pk}
    )
    key.delete()
    return False
