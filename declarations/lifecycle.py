"""The declaration's lifecycle: one table of allowed moves, one function to move.

    draft → published → superseded | withdrawn | revoked | expired

A false declaration can still be revoked after it was superseded or expired,
so that the registry says what it was. Every move is written down as a
``DeclarationEvent`` (who, when, from, to, why) in the same transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from .errors import DeclarationError
from .models import Declaration, DeclarationEvent

S = Declaration.Status

ALLOWED: frozenset[tuple[str, str]] = frozenset(
    {
        (S.DRAFT, S.PUBLISHED),
        (S.PUBLISHED, S.SUPERSEDED),
        (S.PUBLISHED, S.WITHDRAWN),
        (S.PUBLISHED, S.REVOKED),
        (S.PUBLISHED, S.EXPIRED),
        (S.SUPERSEDED, S.REVOKED),
        (S.EXPIRED, S.REVOKED),
    }
)

# Moves that must say why: they change what procurers may rely on.
REASON_REQUIRED = frozenset({S.WITHDRAWN, S.REVOKED})


def record_event(
    declaration: Declaration, *, to: str, actor=None, reason: str = "", from_status: str = ""
) -> DeclarationEvent:
    return DeclarationEvent.objects.create(
        declaration=declaration,
        actor=actor if actor is not None and actor.is_authenticated else None,
        from_status=from_status,
        to_status=to,
        reason=reason,
    )


@transaction.atomic
def transition(
    declaration: Declaration, *, to: str, actor=None, reason: str = "", **changes
) -> Declaration:
    """Move ``declaration`` to status ``to``, or raise DeclarationError.

    The row is locked and re-read first, so two people withdrawing at once,
    or a withdrawal racing the expiry task, make one move and one refusal.
    ``changes`` are further fields set in the same save (e.g. at publishing).
    """
    locked = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if (locked.status, to) not in ALLOWED:
        raise DeclarationError(
            _("A %(from)s declaration cannot become %(to)s.")
            % {"from": locked.get_status_display(), "to": S(to).label}
        )
    reason = reason.strip()
    if to in REASON_REQUIRED and not reason:
        raise DeclarationError(_("Please give a reason."))
    from_status = locked.status
    locked.status = to
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save()
    record_event(locked, to=to, actor=actor, reason=reason, from_status=from_status)
    return locked
