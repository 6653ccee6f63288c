"""Who may do which act on a product or a declaration: one table, one place.

``ROLES_FOR`` says, for every act, which roles may do it. A person's roles
towards a declaration are their membership role in its vendor organization,
or — for a declaration that was issued, never a draft — ``procurer`` (a
member of an approved procurer organization) and ``staff`` (a site admin).

Views fetch through the ``get_<object>_for_user`` helpers, which fetch *and*
authorise: no role at all gives **404** (outsiders cannot learn that the
object exists), a role that may not do the act gives **403**. Services ask
``may`` again before they write, so a form is never the only guard. Whether
the object's *state* allows the act (a draft can be edited, a published
declaration withdrawn…) is the lifecycle's part: ``publishing.lifecycle``.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from portal.models import Membership, Role
from portal.permissions import is_procurer, membership_in, require_role, vendor_membership

from .models import Declaration, Product, Watch


class Act(StrEnum):
    READ = "read"
    EDIT = "edit"  # products, and a draft's answers, package and deletion
    ATTEST = "attest"
    WITHDRAW = "withdraw"
    RENEW = "renew"
    REVOKE = "revoke"
    RETRY_PDF = "retry_pdf"


# Roles of people outside the vendor organization.
PROCURER = "procurer"
STAFF = "staff"

VENDOR_MEMBERS = frozenset({Role.ADMIN, Role.EDITOR, Role.SIGNATORY, Role.VIEWER})

ROLES_FOR: dict[Act, frozenset[str]] = {
    Act.READ: VENDOR_MEMBERS | {PROCURER, STAFF},
    Act.EDIT: frozenset({Role.ADMIN, Role.EDITOR}),
    Act.ATTEST: frozenset({Role.SIGNATORY}),
    Act.WITHDRAW: frozenset({Role.SIGNATORY}),
    Act.RENEW: frozenset({Role.ADMIN, Role.EDITOR, Role.SIGNATORY}),
    Act.RETRY_PDF: frozenset({Role.ADMIN, Role.EDITOR, Role.SIGNATORY}),
    Act.REVOKE: frozenset({STAFF}),
}


def roles_towards(user, declaration: Declaration) -> frozenset[str]:
    """Every role ``user`` holds towards ``declaration``; empty for outsiders."""
    roles = set()
    membership = membership_in(user, declaration.organization_id)
    if membership is not None:
        roles.add(membership.role)
    # Drafts stay inside the vendor: procurers and staff see what was issued.
    if not declaration.is_draft:
        if is_procurer(user):
            roles.add(PROCURER)
        if user.is_authenticated and user.is_staff:
            roles.add(STAFF)
    return frozenset(roles)


def product_roles(user, product: Product) -> frozenset[str]:
    membership = membership_in(user, product.organization_id)
    return frozenset({membership.role}) if membership is not None else frozenset()


def permits(roles: frozenset[str], act: Act) -> bool:
    return bool(roles & ROLES_FOR[act])


def role_may(role: str, act: Act) -> bool:
    return role in ROLES_FOR[act]


def may(user, act: Act, declaration: Declaration) -> bool:
    """Whether ``user``'s roles allow ``act`` on ``declaration`` (its state aside)."""
    return permits(roles_towards(user, declaration), act)


def may_read_answers(user, declaration: Declaration) -> bool:
    """Whether ``user`` may read everything an issued declaration says — each answer's
    explanation, evidence and plan, and the signed PDF — beyond the registry's public
    summary: the readers of ``Act.READ`` (the vendor's members, approved procurers,
    site staff). A draft is never in the registry, so never here either."""
    return not declaration.is_draft and may(user, Act.READ, declaration)


def is_own(user, declaration: Declaration) -> bool:
    """Whether ``user`` works for the declaration's vendor, so that its product and
    declaration list are pages they may open (links to them are for them alone)."""
    return bool(roles_towards(user, declaration) & VENDOR_MEMBERS)


def _authorise(roles: frozenset[str], act: Act) -> None:
    if not roles:
        raise Http404
    if not permits(roles, act):
        raise PermissionDenied


def get_vendor_membership_for_user(request: HttpRequest, *, act: Act = Act.READ) -> Membership:
    """For pages about "my organization's products and declarations"."""
    return require_role(vendor_membership(request.user), ROLES_FOR[act])


def get_product_for_user(request: HttpRequest, pk: int, *, act: Act = Act.READ) -> Product:
    product = get_object_or_404(Product.objects.select_related("organization"), pk=pk)
    _authorise(product_roles(request.user, product), act)
    return product


def get_declaration_for_user(request: HttpRequest, pk: int, *, act: Act = Act.READ) -> Declaration:
    declaration = get_object_or_404(
        Declaration.objects.select_related(
            "organization", "product", "edition", "package", "attested_by"
        ),
        pk=pk,
    )
    _authorise(roles_towards(request.user, declaration), act)
    return declaration


def get_watch_for_user(request: HttpRequest, pk: int) -> Watch:
    """One of the user's own watches; anyone else's is a 404, like a watch that never was."""
    return get_object_or_404(
        Watch.objects.select_related("product", "organization"), pk=pk, user_id=request.user.pk
    )
