"""Who may see and do what: the one place where access is decided.

Every view that shows or changes an organization's objects fetches them through
a ``get_<object>_for_user`` helper below, which fetches *and* authorises:

- someone with no business seeing the object gets **404**, so that outsiders
  cannot even learn that it exists;
- a member whose role may read but not do the requested act gets **403**.

Anonymous users never reach these helpers: the views are ``login_required``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from declarations.models import Declaration, Product

from .models import Invitation, Membership, Organization, Role

# What each vendor role may do. Procurers only read published work; the admins of
# any organization (vendor or procurer) manage its members.
WRITE_ROLES = frozenset({Role.ADMIN, Role.EDITOR})
ATTEST_ROLES = frozenset({Role.SIGNATORY})
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


def _require(membership: Membership | None, roles: frozenset | None) -> Membership:
    if membership is None:
        raise Http404
    if roles is not None and membership.role not in roles:
        raise PermissionDenied
    return membership


def get_organization_for_user(
    request: HttpRequest, pk: int, *, manage: bool = False
) -> tuple[Organization, Membership]:
    organization = get_object_or_404(Organization, pk=pk)
    membership = _require(
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


def get_vendor_membership_for_user(request: HttpRequest, *, write: bool = False) -> Membership:
    """For pages about "my organization's products and declarations"."""
    return _require(vendor_membership(request.user), WRITE_ROLES if write else None)


def get_product_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Product:
    product = get_object_or_404(Product.objects.select_related("organization"), pk=pk)
    _require(membership_in(request.user, product.organization_id), WRITE_ROLES if write else None)
    return product


def get_declaration_for_user(
    request: HttpRequest,
    pk: int,
    *,
    write: bool = False,
    attest: bool = False,
    withdraw: bool = False,
    maintain: bool = False,
) -> Declaration:
    """A declaration, for its vendor's members or (once published) procurers.

    ``write``: edit a draft (admin, editor). ``attest``: sign and publish it
    (signatory). ``withdraw``: withdraw a published one (signatory).
    ``maintain``: renew it or retry its PDF (admin, editor, signatory).
    """
    declaration = get_object_or_404(
        Declaration.objects.select_related(
            "organization", "product", "edition", "package", "attested_by"
        ),
        pk=pk,
    )
    membership = membership_in(request.user, declaration.organization_id)
    if membership is None:
        # Procurers (and site staff) see what was published, never drafts.
        readable = not declaration.is_draft and (is_procurer(request.user) or request.user.is_staff)
        if readable and not (write or attest or withdraw or maintain):
            return declaration
        raise Http404
    if write:
        _require(membership, WRITE_ROLES)
    if maintain:
        _require(membership, WRITE_ROLES | ATTEST_ROLES)
    if attest or withdraw:
        _require(membership, ATTEST_ROLES)
    return declaration


def can_write(user, organization_id: int) -> bool:
    membership = membership_in(user, organization_id)
    return membership is not None and membership.role in WRITE_ROLES


def can_attest(user, organization_id: int) -> bool:
    membership = membership_in(user, organization_id)
    return membership is not None and membership.role in ATTEST_ROLES


def can_maintain(user, organization_id: int) -> bool:
    """Renew a declaration or retry its PDF (see ``maintain`` above)."""
    membership = membership_in(user, organization_id)
    return membership is not None and membership.role in WRITE_ROLES | ATTEST_ROLES
