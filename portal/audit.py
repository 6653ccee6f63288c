"""The audit log: one row per security event, for site admins to read.

``record`` writes a row. Services call it inside the transaction of the act
they perform, so an act and its row are committed, or rolled back, together;
the authentication signals (sign-in, failed sign-in, sign-out, lockout) are
recorded by the receivers below, connected in ``PortalConfig.ready``.

Rows are never changed: the admin shows them read-only. The client's address
and user agent come from the request being served (``AuditRequestMiddleware``
keeps it for the services, which take no request), or none for a command.

A small model of its own rather than django-auditlog or django-simple-history:
those record field changes of models, while most of these events change no
field (a failed sign-in, a lockout, a signing key made on disk), and the acts
that do are already one service function each.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .clients import client_address, user_agent

TARGET_LENGTH = 300
EMAIL_LENGTH = 254
DETAIL_TEXT_LENGTH = 2000

_current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "audit_request", default=None
)


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Sign-in failed")
        LOGOUT = "logout", _("Signed out")
        LOCKOUT = "lockout", _("Locked out after repeated failures")
        ROLE_CHANGED = "role_changed", _("Member's role changed")
        MEMBER_REMOVED = "member_removed", _("Member removed")
        INVITATION_SENT = "invitation_sent", _("Invitation sent")
        INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
        INVITATION_CANCELLED = "invitation_cancelled", _("Invitation cancelled")
        ORGANIZATION_APPROVED = "organization_approved", _("Organization approved")
        ORGANIZATION_REJECTED = "organization_rejected", _("Organization rejected")
        SIGNING_KEY_CREATED = "signing_key_created", _("Development signing keys created")
        SIGNING_KEY_ROTATED = "signing_key_rotated", _("Signing key rotated")
        DECLARATION_WITHDRAWN = "declaration_withdrawn", _("Declaration withdrawn")
        DECLARATION_REVOKED = "declaration_revoked", _("Declaration revoked")
        SECURITY_KEY_ADDED = "security_key_added", _("Security key added")
        SECURITY_KEY_REMOVED = "security_key_removed", _("Security key removed")
        SECURITY_KEY_REFUSED = "security_key_refused", _("Security key not accepted")

    kind = models.CharField(_("event"), max_length=32, choices=Kind.choices)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept apart from the link: the row must still say who once the account is
    # gone, and a failed sign-in names an address that may belong to nobody.
    actor_email = models.CharField(_("by (email)"), max_length=EMAIL_LENGTH, blank=True)
    target = models.CharField(_("concerning"), max_length=TARGET_LENGTH, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "created_at"], name="audit_kind_time")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.actor_email or '-'} — {self.target}"


def _clean(text: Any, length: int) -> str:
    # NUL cannot be stored in PostgreSQL text; whatever a person typed must not
    # make the act it belongs to fail.
    return str(text).replace("\0", "")[:length]


def _clean_detail(detail: Mapping[str, Any] | None) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in (detail or {}).items():
        if isinstance(value, str | int | float | bool) or value is None:
            cleaned[str(key)] = (
                _clean(value, DETAIL_TEXT_LENGTH) if isinstance(value, str) else value
            )
        else:
            cleaned[str(key)] = _clean(value, DETAIL_TEXT_LENGTH)
    return cleaned


def record(
    kind: str,
    actor: Any = None,
    target: Any = "",
    detail: Mapping[str, Any] | None = None,
    request: HttpRequest | None = None,
    *,
    actor_email: str = "",
) -> AuditEvent:
    """Write one audit row. ``actor`` is the user who acted (None for the system or
    an unknown person, then ``actor_email`` says whom they claimed to be)."""
    request = request if request is not None else _current_request.get()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if actor is not None and not actor_email:
        actor_email = actor.email
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        actor_email=_clean(actor_email, EMAIL_LENGTH),
        target=_clean(target, TARGET_LENGTH),
        detail=_clean_detail(detail),
        ip_address=client_address(request) if request is not None else None,
        user_agent=user_agent(request) if request is not None else "",
    )


class AuditRequestMiddleware:
    """Keeps the request being served, so that services record its address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


# --- Receivers of the authentication signals (connected in PortalConfig.ready) ---------------


def _path(request: HttpRequest | None) -> str:
    return request.path if request is not None else ""


def on_logged_in(sender, request, user, **kwargs) -> None:
    record(AuditEvent.Kind.LOGIN, actor=user, detail={"path": _path(request)}, request=request)


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    claimed = credentials.get("username") or credentials.get("email") or ""
    record(
        AuditEvent.Kind.LOGIN_FAILED,
        actor_email=claimed if isinstance(claimed, str) else "",
        detail={"path": _path(request)},
        request=request,
    )


def on_logged_out(sender, request, user, **kwargs) -> None:
    reason = getattr(request, "audit_logout_reason", "") if request is not None else ""
    record(AuditEvent.Kind.LOGOUT, actor=user, detail={"reason": reason}, request=request)


def on_locked_out(sender, request, username=None, ip_address=None, **kwargs) -> None:
    record(
        AuditEvent.Kind.LOCKOUT,
        actor_email=username or "",
        detail={
            "path": _path(request),
            "failures": getattr(request, "axes_failures_since_start", None),
        },
        request=request,
    )
