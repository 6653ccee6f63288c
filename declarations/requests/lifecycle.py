"""A request's lifecycle: one table of moves, one function that makes them.

    requested → accepted → drafting → fulfilled
    requested | accepted | drafting → declined (with a reason) | overdue
    requested → drafting (the draft started in one step) | fulfilled
    overdue → fulfilled | declined

A declaration already in force fulfils a request at once; attestation of the
declaration a request follows fulfils it (``fulfilment``). Overdue is set by
the daily task once the deadline has passed; a late declaration still
fulfils it. ``move`` locks the row, checks the move, saves and writes the
event, like ``services.declarations.transition`` does for declarations.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from ..access import REQUEST_ROLES_FOR as ROLES_FOR
from ..access import RequestAct, request_roles
from ..errors import DeclarationError
from ..models import DeclarationRequest, RequestEvent

R = DeclarationRequest.Status

ALLOWED: frozenset[tuple[str, str]] = frozenset(
    {
        (R.REQUESTED, R.ACCEPTED),
        (R.REQUESTED, R.DRAFTING),
        (R.ACCEPTED, R.DRAFTING),
        *((waiting, R.FULFILLED) for waiting in (R.REQUESTED, R.ACCEPTED, R.DRAFTING)),
        *((waiting, R.DECLINED) for waiting in (R.REQUESTED, R.ACCEPTED, R.DRAFTING)),
        *((waiting, R.OVERDUE) for waiting in (R.REQUESTED, R.ACCEPTED, R.DRAFTING)),
        (R.OVERDUE, R.FULFILLED),
        (R.OVERDUE, R.DECLINED),
    }
)

# Still waiting for a declaration, and not yet past the deadline.
WAITING = frozenset({R.REQUESTED, R.ACCEPTED, R.DRAFTING})
# Still waiting, late or not.
OPEN = WAITING | {R.OVERDUE}

REASON_REQUIRED = frozenset({R.DECLINED})


class Respond:
    """What the vendor's page offers, each a separate act of ``RequestAct.RESPOND``."""

    ACCEPT = "accept"
    DECLINE = "decline"
    START = "start"


def check_move(declaration_request: DeclarationRequest, *, to: str, reason: str = "") -> None:
    if (declaration_request.status, to) not in ALLOWED:
        raise DeclarationError(
            _("A request that is %(from)s cannot become %(to)s.")
            % {"from": declaration_request.get_status_display(), "to": R(to).label}
        )
    if to in REASON_REQUIRED and not reason.strip():
        raise DeclarationError(_("Please give a reason."))


def record_event(
    declaration_request: DeclarationRequest,
    *,
    to: str,
    actor=None,
    reason: str = "",
    from_status: str = "",
) -> RequestEvent:
    return RequestEvent.record(
        request=declaration_request, to=to, actor=actor, reason=reason, from_status=from_status
    )


@transaction.atomic
def move(
    declaration_request: DeclarationRequest, *, to: str, actor=None, reason: str = "", **changes
) -> DeclarationRequest:
    """Move the request to status ``to``, or raise DeclarationError.

    The row is locked and re-read first, so the vendor declining while the
    daily task marks it overdue makes one move and one refusal.
    """
    locked = DeclarationRequest.objects.select_for_update().get(pk=declaration_request.pk)
    check_move(locked, to=to, reason=reason)
    from_status = locked.status
    locked.status = to
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save()
    record_event(locked, to=to, actor=actor, reason=reason.strip(), from_status=from_status)
    return locked


def state_allows(declaration_request: DeclarationRequest, act: str) -> bool:
    status = declaration_request.status
    match act:
        case Respond.ACCEPT:
            return status == R.REQUESTED
        case Respond.DECLINE:
            return status in OPEN
        case Respond.START:
            # One declaration per request: a linked draft is continued, not started again.
            linked = declaration_request.declaration
            return status in OPEN and (linked is None or not linked.is_draft)
    return False


def allowed_responses(declaration_request: DeclarationRequest, user) -> frozenset[str]:
    """The responses ``user`` may make to the request now: role and state allow them."""
    if not request_roles(user, declaration_request) & ROLES_FOR[RequestAct.RESPOND]:
        return frozenset()
    return frozenset(
        act
        for act in (Respond.ACCEPT, Respond.DECLINE, Respond.START)
        if state_allows(declaration_request, act)
    )
