"""Emails about a declaration, each to the people waiting on it, in their language."""

from __future__ import annotations

from portal.emails import absolute_url, send
from portal.models import Role, User

from ..models import Declaration


def _recipients(declaration: Declaration, roles=None):
    """The organization's active members; only those with ``roles`` if given."""
    memberships = declaration.organization.memberships.select_related("user")
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return [m.user for m in memberships if m.user.is_active]


def _notify(name: str, declaration: Declaration, users) -> None:
    for user in users:
        url = absolute_url(
            "declarations:declaration_detail", language=user.language, declaration_pk=declaration.pk
        )
        send(
            f"declaration_{name}",
            to=user.email,
            language=user.language,
            context={"user": user, "declaration": declaration, "url": url},
        )


def declaration_published(declaration: Declaration) -> None:
    _notify("published", declaration, _recipients(declaration))


def pdf_ready(declaration: Declaration) -> None:
    _notify("pdf_ready", declaration, [declaration.attested_by])


def pdf_failed(declaration: Declaration) -> None:
    people = {declaration.attested_by, *_recipients(declaration, [Role.ADMIN])}
    _notify("pdf_failed", declaration, [p for p in people if p is not None])
    # The site admins too: a PDF that fails for good is the portal's fault,
    # not the vendor's, and the error is in the admin.
    for admin in User.objects.filter(is_staff=True, is_active=True):
        url = absolute_url(
            "admin:declarations_declaration_change",
            language=admin.language,
            object_id=declaration.pk,
        )
        send(
            "declaration_pdf_failed_staff",
            to=admin.email,
            language=admin.language,
            context={"user": admin, "declaration": declaration, "url": url},
        )


def declaration_withdrawn(declaration: Declaration) -> None:
    _notify("withdrawn", declaration, _recipients(declaration))


def declaration_revoked(declaration: Declaration) -> None:
    _notify("revoked", declaration, _recipients(declaration))


def declaration_expired(declaration: Declaration) -> None:
    _notify("expired", declaration, _recipients(declaration, [Role.ADMIN, Role.SIGNATORY]))


def declaration_expiring(declaration: Declaration) -> None:
    _notify("expiring", declaration, _recipients(declaration, [Role.ADMIN, Role.SIGNATORY]))
