"""The writer of declaration requests: make, accept, decline, start the draft, and time.

Each function is one act, keyword-only, refusing with a ``DeclarationError``
worded for the person at the screen. Who may act is ``access.may_request``;
whether the request's state allows it, ``requests.lifecycle``, whose ``move``
locks the row and writes the event. Emails go to the outbox in the same
transaction. Fulfilment on attestation is ``requests.fulfilment``, called by
``declarations.attest_declaration``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guidelines.models import Package
from guidelines.queries import latest_published_edition
from portal.models import Organization, User
from portal.permissions import membership_in, memberships_of

from .. import limits
from ..access import (
    Act,
    RequestAct,
    may_request,
    procurer_membership,
    receives_requests_for,
    role_may,
)
from ..errors import DeclarationError
from ..models import Declaration, DeclarationRequest, Product
from ..requests import emails, fulfilment, lifecycle
from ..requests.lifecycle import Respond
from .declarations import create_product, start_declaration

R = DeclarationRequest.Status

# The vendor is reminded once, this many days before the deadline.
REMINDER_DAYS = 7


def create_request(
    *,
    user: User,
    corporate_number: str,
    package_kind: str,
    deadline: datetime.date,
    product: Product | None = None,
    product_description: str = "",
    vendor_name: str = "",
    invited_email: str = "",
    language: str = "ja",
    note: str = "",
    reference: str = "",
) -> DeclarationRequest:
    """A request from the user's procurer organization to the vendor with that number.

    A vendor not (yet) registered and approved is invited by email to sign up;
    the request waits for it under its corporate number. A declaration already
    in force for the product and package fulfils the request at once.
    """
    membership = procurer_membership(user)
    if membership is None:
        raise DeclarationError(_("Only members of an approved customer organization can request."))
    if package_kind not in Package.Kind.values:
        raise DeclarationError(_("Choose a package."))
    if deadline <= timezone.localdate():
        raise DeclarationError(_("The deadline must be after today."))
    registered = Organization.objects.filter(corporate_number=corporate_number).first()
    if registered is not None and not registered.is_vendor:
        raise DeclarationError(_("This corporate number belongs to a customer, not a provider."))
    vendor = registered if registered is not None and registered.is_approved else None
    if vendor is None:
        product = None
        if not invited_email:
            raise DeclarationError(
                _("The provider is not registered on the portal: give an address to invite.")
            )
    elif product is not None and product.organization_id != vendor.pk:
        raise DeclarationError(_("This product is not one of the provider's."))
    if product is None and not product_description.strip():
        raise DeclarationError(_("Name the product or service."))
    too_long = limits.first_too_long(
        (product_description.strip(), limits.REQUEST_PRODUCT_DESCRIPTION),
        (note.strip(), limits.REQUEST_NOTE),
        (vendor_name.strip(), limits.REQUEST_VENDOR_NAME),
        (reference.strip(), limits.REQUEST_REFERENCE),
    )
    if too_long:
        raise DeclarationError(too_long)

    with transaction.atomic():
        declaration_request = DeclarationRequest.objects.create(
            procurer=membership.organization,
            requested_by=user,
            vendor=vendor,
            corporate_number=corporate_number,
            vendor_name="" if vendor else vendor_name.strip(),
            invited_email="" if vendor else invited_email.lower(),
            invitation_language=language,
            product=product,
            product_description="" if product else product_description.strip(),
            package_kind=package_kind,
            deadline=deadline,
            note=note.strip(),
            reference=reference.strip(),
        )
        lifecycle.record_event(declaration_request, to=R.REQUESTED, actor=user)
        in_force = (
            fulfilment.declaration_in_force(
                product_id=product.pk, package_kind=package_kind, today=timezone.localdate()
            )
            if product is not None
            else None
        )
        if in_force is not None:
            return fulfilment.fulfil(declaration_request, in_force)
        if vendor is None:
            emails.request_invitation(declaration_request)
        else:
            emails.request_received(declaration_request)
    return declaration_request


def _locked_for_response(
    declaration_request: DeclarationRequest, user: User, act: str
) -> DeclarationRequest:
    """The request's row, locked, once the user's role and its state allow ``act``.

    A request made before its vendor registered is attached to the vendor here,
    on its first act.
    """
    if not may_request(user, RequestAct.RESPOND, declaration_request):
        raise DeclarationError(_("Your role does not allow this."))
    locked = DeclarationRequest.objects.select_for_update().get(pk=declaration_request.pk)
    if not lifecycle.state_allows(locked, act):
        raise DeclarationError(
            _("This request is %(status)s; it cannot be answered that way now.")
            % {"status": locked.get_status_display()}
        )
    if locked.vendor_id is None:
        locked.vendor = next(
            m.organization
            for m in memberships_of(user)
            if receives_requests_for(m.organization, locked)
        )
        locked.save(update_fields=["vendor", "updated_at"])
    return locked


def accept_request(*, declaration_request: DeclarationRequest, user: User) -> DeclarationRequest:
    with transaction.atomic():
        locked = _locked_for_response(declaration_request, user, Respond.ACCEPT)
        accepted = lifecycle.move(locked, to=R.ACCEPTED, actor=user)
        emails.request_accepted(accepted)
    return accepted


def decline_request(
    *, declaration_request: DeclarationRequest, user: User, reason: str
) -> DeclarationRequest:
    if not reason.strip():
        raise DeclarationError(_("Please give a reason."))
    too_long = limits.first_too_long((reason.strip(), limits.REASON))
    if too_long:
        raise DeclarationError(too_long)
    with transaction.atomic():
        locked = _locked_for_response(declaration_request, user, Respond.DECLINE)
        declined = lifecycle.move(
            locked, to=R.DECLINED, actor=user, reason=reason, decline_reason=reason.strip()
        )
        emails.request_declined(declined)
    return declined


def start_draft_for_new_product(
    *, declaration_request: DeclarationRequest, user: User, **product: Any
) -> DeclarationRequest:
    """Register the requested product (``create_product``'s fields) and start its draft
    from the request: one step, one transaction, for a product not on the portal yet."""
    with transaction.atomic():
        locked = _locked_for_response(declaration_request, user, Respond.START)
        # _locked_for_response attached the request to the user's vendor.
        membership = membership_in(user, locked.vendor_id) if locked.vendor_id else None
        if membership is None:
            raise DeclarationError(_("Your role does not allow this."))
        if not role_may(membership.role, Act.EDIT):
            raise DeclarationError(_("Your organization's editors and admins add products."))
        created = create_product(organization=membership.organization, **product)
        return start_draft_for_request(declaration_request=locked, user=user, product=created)


def start_draft_for_request(
    *, declaration_request: DeclarationRequest, user: User, product: Product
) -> DeclarationRequest:
    """Link the request to one of the vendor's products and to its draft, in one step.

    A declaration already in force for the product and package fulfils the
    request at once; a draft the product has already is continued; otherwise a
    new draft against the requested package is started (``start_declaration``).
    """
    with transaction.atomic():
        locked = _locked_for_response(declaration_request, user, Respond.START)
        if product.organization_id != locked.vendor_id:
            raise DeclarationError(_("This product is not one of your organization's."))
        in_force = fulfilment.declaration_in_force(
            product_id=product.pk, package_kind=locked.package_kind, today=timezone.localdate()
        )
        if in_force is not None:
            locked.product = product
            locked.save(update_fields=["product", "updated_at"])
            return fulfilment.fulfil(locked, in_force, actor=user)
        draft = Declaration.objects.drafts().filter(product=product).first()
        if draft is None:
            package = Package.objects.filter(
                edition=latest_published_edition(), kind=locked.package_kind
            ).first()
            if package is None:
                raise DeclarationError(_("The current guideline edition has no such package."))
            draft = start_declaration(product=product, package=package, user=user)
        changes = {"product": product, "declaration": draft}
        if locked.status == R.OVERDUE:
            # Still late: the request stays overdue, and its history says a draft was started.
            for name, value in changes.items():
                setattr(locked, name, value)
            locked.save(update_fields=[*changes, "updated_at"])
            lifecycle.record_event(
                locked,
                from_status=locked.status,
                to=locked.status,
                actor=user,
                reason=_("Draft started for %(product)s.") % {"product": product},
            )
            return locked
        if locked.status == R.DRAFTING:  # its earlier draft was deleted: a new one follows
            for name, value in changes.items():
                setattr(locked, name, value)
            locked.save(update_fields=[*changes, "updated_at"])
            return locked
        return lifecycle.move(locked, to=R.DRAFTING, actor=user, **changes)


# ------------------------------------------------------------------- timing


def flag_overdue_requests(*, today: datetime.date) -> int:
    """Mark every request still waiting after its deadline overdue; tell both sides."""
    flagged = 0
    due = DeclarationRequest.objects.filter(status__in=lifecycle.WAITING, deadline__lt=today)
    for pk in due.values_list("pk", flat=True):
        try:
            with transaction.atomic():
                overdue = lifecycle.move(DeclarationRequest(pk=pk), to=R.OVERDUE)
                emails.request_overdue(overdue)
        except DeclarationError:
            continue  # answered meanwhile
        flagged += 1
    return flagged


def send_request_reminders(*, today: datetime.date) -> int:
    """Remind the vendor once, ``REMINDER_DAYS`` before a waiting request's deadline."""
    due = DeclarationRequest.objects.filter(
        status__in=lifecycle.WAITING,
        vendor__isnull=False,
        deadline__gte=today,
        deadline__lte=today + datetime.timedelta(days=REMINDER_DAYS),
        reminder_sent_at__isnull=True,
    )
    sent = 0
    for declaration_request in due.select_related("vendor", "product", "procurer"):
        with transaction.atomic():
            # Mark first (conditionally), so two beat runs never send twice.
            claimed = DeclarationRequest.objects.filter(
                pk=declaration_request.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=timezone.now())
            if claimed:
                emails.request_due_soon(declaration_request)
                sent += 1
    return sent
