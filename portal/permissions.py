"""Who belongs where: the membership primitives, and access to organizations.

Every view that shows or changes an organization, its members or its
invitations fetches them through a ``get_<object>_for_user`` helper below,
which fetches *and* authorises:

- someone with no business seeing the object gets **404**, so that outsiders
  cannot even learn that it exists;
- a member whose role may read but not do the requested act gets **403**.

Products and declarations build on these primitives in ``declarations.access``.
Anonymous users never reach these helpers: the views are ``login_required``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from .models import Invitation, Membership, Organization, Role

# The admins of any organization (vendor or procurer) manage its members.
MANAGE_ROLES = frozenset({Role.ADMIN})


def memberships_of(user) -> list[Membership]:
    """The user's memberships, cached on the user object for the request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_memberships_cache", None)
    if cached is None:
        cached = list(user.memberships.select_related("organization").order_by("created_at"))
        user._memberships_cache = cached
    return cached


def membership_in(user, organization_id: int) -> Membership | None:
    return next((m for m in memberships_of(user) if m.organization_id == organization_id), None)


def vendor_membership(user) -> Membership | None:
    """The user's (first) vendor membership: whose products and drafts they work on."""
    return next((m for m in memberships_of(user) if m.organization.is_vendor), None)


def is_procurer(user) -> bool:
    # Anyone may register a procurer organization; only the site admin's approval
    # opens what procurers may read.
    return any(
        m.organization.kind == Organization.Kind.PROCURER and m.organization.is_approved
        for m in memberships_of(user)
    )


def require_role(membership: Membership | None, roles: frozenset | None) -> Membership:
    if membership is None:
        raise Http404
    if roles is not None and membership.role not in roles:
        raise PermissionDenied
    return membership


def get_organization_for_user(
    request: HttpRequest, pk: int, *, manage: bool = False
) -> tuple[Organization, Membership]:
    organization = get_object_or_404(Organization, pk=pk)
    membership = require_role(
        membership_in(request.user, organization.pk), MANAGE_ROLES if manage else None
    )
    return organization, membership


def get_membership_for_user(
    request: HttpRequest, organization_pk: int, membership_pk: int
) -> Membership:
    """A membership of the organization, for its admins to change or remove."""
    organization, _ = get_organization_for_user(request, organization_pk, manage=True)
    return get_object_or_404(
        Membership.objects.select_related("user", "organization"),
        pk=membership_pk,
        organization=organization,
    )


def get_invitation_for_user(
    request: HttpRequest, organization_pk: int, invitation_pk: int
) -> Invitation:
    """An invitation the organization sent, for its admins to cancel."""
    organization, _ = get_organization_for_user(request, organization_pk, manage=True)
    return get_object_or_404(
        Invitation.objects.select_related("organization"),
        pk=invitation_pk,
        organization=organization,
    )
