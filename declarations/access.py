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

The acts of ``SECOND_FACTOR_ACTS`` also need a second factor verified in the
session: once the role allows the act, ``get_declaration_for_user`` sends a
person without one to give a code or set an authenticator up
(``portal.two_factor``), and back afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from portal.models import Membership, Organization, Role
from portal.permissions import (
    is_procurer,
    membership_in,
    memberships_of,
    require_role,
    vendor_membership,
)
from portal.two_factor import require_second_factor

from .models import Declaration, DeclarationRequest, Product, ReviewThread, Watch


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
    # Staff too: the portal tells them when a PDF keeps failing (tasks' attempt cap).
    Act.RETRY_PDF: frozenset({Role.ADMIN, Role.EDITOR, Role.SIGNATORY, STAFF}),
    Act.REVOKE: frozenset({STAFF}),
}


# Acts that commit the organization (or, revoking, the portal): a stolen password
# alone must not do them.
SECOND_FACTOR_ACTS = frozenset({Act.ATTEST, Act.WITHDRAW, Act.REVOKE})


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
    explanation, evidence and plan, and the signed PDF — beyond what the registry shows
    anyone (statuses and public statements): the readers of ``Act.READ`` (the vendor's
    members, members of approved procurer organizations, site staff). A draft is never
    in the registry, so never here either. The one rule for the summary's answers, the
    API's ``record`` and both URLs of the PDF."""
    return not declaration.is_draft and may(user, Act.READ, declaration)


def is_own(user, declaration: Declaration) -> bool:
    """Whether ``user`` works for the declaration's vendor, so that its product and
    declaration list are pages they may open (links to them are for them alone)."""
    return bool(roles_towards(user, declaration) & VENDOR_MEMBERS)


# ------------------------------------------------------------------ the home
#
# What a signed-in person's home page shows follows from the roles they hold on
# the portal, not from one kind of user: a vendor member sees their
# organization's work, a member of an approved procurer organization what it
# asked for and watches, site staff what waits on them. Someone with several
# roles sees the blocks of each; someone with none the anonymous home.


@dataclass(frozen=True)
class HomeRoles:
    vendor: Membership | None  # the (first) vendor organization they work for
    procurer: Membership | None  # the (first) approved procurer organization
    staff: bool

    @property
    def any(self) -> bool:
        return bool(self.vendor or self.procurer or self.staff)

    def vendor_may(self, act: Act) -> bool:
        """Whether their vendor role allows ``act`` on the organization's declarations."""
        return self.vendor is not None and role_may(self.vendor.role, act)


def home_roles(user) -> HomeRoles:
    if not user.is_authenticated:
        return HomeRoles(vendor=None, procurer=None, staff=False)
    return HomeRoles(
        vendor=vendor_membership(user),
        procurer=procurer_membership(user),
        staff=user.is_staff,
    )


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
    if act in SECOND_FACTOR_ACTS:
        require_second_factor(request)
    return declaration


# ------------------------------------------------------------ review threads
#
# A thread is private to its two parties: the declaration's vendor and the
# procurer organization that opened it. Any approved procurer may open one on
# an issued declaration, but reads and writes only its own organization's.
# The vendor's members all read; all but viewers reply. Only the procurer side
# resolves and reopens: it asked. Site staff read every thread (to look into a
# complaint, or before revoking a declaration) but write in none: they are not
# a party. Anyone else gets 404, as if the thread did not exist.


class ThreadAct(StrEnum):
    OPEN = "open"  # a new thread on a declaration
    READ = "read"
    REPLY = "reply"
    RESOLVE = "resolve"  # and reopen


THREAD_ROLES_FOR: dict[ThreadAct, frozenset[str]] = {
    ThreadAct.OPEN: frozenset({PROCURER}),
    ThreadAct.READ: VENDOR_MEMBERS | {PROCURER, STAFF},
    ThreadAct.REPLY: frozenset({Role.ADMIN, Role.EDITOR, Role.SIGNATORY, PROCURER}),
    ThreadAct.RESOLVE: frozenset({PROCURER}),
}


def _is_approved_procurer(organization: Organization) -> bool:
    return organization.kind == Organization.Kind.PROCURER and organization.is_approved


def procurer_organization(user) -> Organization | None:
    """The (first) approved procurer organization ``user`` works for: the side they review for."""
    return next(
        (m.organization for m in memberships_of(user) if _is_approved_procurer(m.organization)),
        None,
    )


# ------------------------------------------------------ declaration requests
#
# A request is private to two organizations. The requesting procurer
# organization's members read it (``requester``); the vendor's members read it
# too — editors and viewers included, since editors draft what it asks for —
# but only its admins and signatories answer it (accept, decline, start the
# draft): they are the ones who commit the organization. Everyone else, other
# procurers and site staff included, gets 404: a request is no public record.


class RequestAct(StrEnum):
    READ = "read"
    RESPOND = "respond"  # accept, decline, link a product and start the draft


REQUESTER = "requester"

REQUEST_ROLES_FOR: dict[RequestAct, frozenset[str]] = {
    RequestAct.READ: VENDOR_MEMBERS | {REQUESTER},
    RequestAct.RESPOND: frozenset({Role.ADMIN, Role.SIGNATORY}),
}


def procurer_membership(user) -> Membership | None:
    """The user's (first) membership of an approved procurer organization."""
    return next(
        (
            m
            for m in memberships_of(user)
            if m.organization.kind == Organization.Kind.PROCURER and m.organization.is_approved
        ),
        None,
    )


def receives_requests_for(
    organization: Organization, declaration_request: DeclarationRequest
) -> bool:
    """Whether ``organization`` is the vendor the request is addressed to: the one it
    points at, or — while it points at none — the approved vendor with its number."""
    if declaration_request.vendor_id is not None:
        return declaration_request.vendor_id == organization.pk
    return (
        organization.is_vendor
        and organization.is_approved
        and organization.corporate_number == declaration_request.corporate_number
    )


def responding_membership(user, declaration_request: DeclarationRequest) -> Membership:
    """The user's membership of the vendor the request is addressed to (404 if none)."""
    return require_role(
        next(
            (
                m
                for m in memberships_of(user)
                if receives_requests_for(m.organization, declaration_request)
            ),
            None,
        ),
        None,
    )


def thread_roles(user, thread: ReviewThread) -> frozenset[str]:
    """Every role ``user`` holds towards ``thread``; empty for outsiders."""
    roles = set()
    membership = membership_in(user, thread.declaration.organization_id)
    if membership is not None:
        roles.add(membership.role)
    party = membership_in(user, thread.procurer_id)
    if party is not None and _is_approved_procurer(party.organization):
        roles.add(PROCURER)
    if user.is_authenticated and user.is_staff:
        roles.add(STAFF)
    return frozenset(roles)


def thread_may(user, act: ThreadAct, thread: ReviewThread) -> bool:
    return bool(thread_roles(user, thread) & THREAD_ROLES_FOR[act])


def may_open_thread(user, declaration: Declaration) -> bool:
    """Whether ``user``'s roles let them open a thread on ``declaration`` (its state aside)."""
    return bool(roles_towards(user, declaration) & THREAD_ROLES_FOR[ThreadAct.OPEN])


def readable_threads(user, threads: QuerySet[ReviewThread]) -> QuerySet[ReviewThread]:
    """The threads of ``threads`` that ``user`` may read."""
    if not user.is_authenticated:
        return threads.none()
    if user.is_staff:
        return threads
    vendors = [m.organization_id for m in memberships_of(user) if m.organization.is_vendor]
    procurers = [
        m.organization_id for m in memberships_of(user) if _is_approved_procurer(m.organization)
    ]
    return threads.filter(
        Q(declaration__organization_id__in=vendors) | Q(procurer_id__in=procurers)
    )


def get_thread_for_user(
    request: HttpRequest, pk: int, *, act: ThreadAct = ThreadAct.READ
) -> ReviewThread:
    thread = get_object_or_404(
        ReviewThread.objects.select_related(
            "declaration__organization",
            "declaration__product",
            "statement",
            "procurer",
            "opened_by",
        ),
        pk=pk,
    )
    roles = thread_roles(request.user, thread)
    if not roles:
        raise Http404
    if not roles & THREAD_ROLES_FOR[act]:
        raise PermissionDenied
    return thread


def get_declaration_to_review(request: HttpRequest, pk: int) -> Declaration:
    """An issued declaration the user may open a thread on: readers who may not get 403."""
    declaration = get_declaration_for_user(request, pk)
    if not may_open_thread(request.user, declaration):
        raise PermissionDenied
    return declaration


def request_roles(user, declaration_request: DeclarationRequest) -> frozenset[str]:
    """Every role ``user`` holds towards the request; empty for outsiders."""
    roles = set()
    for membership in memberships_of(user):
        organization = membership.organization
        if organization.pk == declaration_request.procurer_id and organization.is_approved:
            roles.add(REQUESTER)
        elif receives_requests_for(organization, declaration_request):
            roles.add(membership.role)
    return frozenset(roles)


def may_request(user, act: RequestAct, declaration_request: DeclarationRequest) -> bool:
    return bool(request_roles(user, declaration_request) & REQUEST_ROLES_FOR[act])


def get_procurer_membership_for_user(request: HttpRequest) -> Membership:
    """For the pages of "my organization's requests": members of approved procurers."""
    return require_role(procurer_membership(request.user), None)


def get_request_for_user(
    request: HttpRequest, pk: int, *, act: RequestAct = RequestAct.READ
) -> DeclarationRequest:
    declaration_request = get_object_or_404(
        DeclarationRequest.objects.select_related(
            "procurer", "vendor", "product", "declaration", "requested_by"
        ),
        pk=pk,
    )
    roles = request_roles(request.user, declaration_request)
    if not roles:
        raise Http404
    if not roles & REQUEST_ROLES_FOR[act]:
        raise PermissionDenied
    return declaration_request


def get_watch_for_user(request: HttpRequest, pk: int) -> Watch:
    """One of the user's own watches; anyone else's is a 404, like a watch that never was."""
    return get_object_or_404(
        Watch.objects.select_related("product", "organization"), pk=pk, user_id=request.user.pk
    )


# ------------------------------------------------------ customer self-checks
#
# A procurer organization's self-check against the customer category is its own
# business: every member of the (approved) organization reads and writes it, and
# nobody else does — not other procurers, not vendors, not the public and not
# site staff, who need it for nothing (404, as for anything one may not know of).


def may_self_check(user, organization: Organization) -> bool:
    membership = membership_in(user, organization.pk)
    return membership is not None and _is_approved_procurer(membership.organization)


def get_self_check_membership_for_user(request: HttpRequest) -> Membership:
    """The membership whose organization's self-check the user works on (404 if none)."""
    return get_procurer_membership_for_user(request)
