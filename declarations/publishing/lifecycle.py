"""The declaration's lifecycle and its PDF's: tables of allowed moves, written down once.

    draft → published → superseded | withdrawn | revoked | expired

A false declaration can still be revoked after it was superseded or expired,
so that the registry says what it was. The signed PDF has a small machine of
its own:

    none → pending → ready | failed,   failed → pending (a retry)

``declarations.services`` makes every move (row lock, check, event row); this
module only says what is allowed, and ``allowed_moves`` combines it with who
may act (``declarations.access``), so that pages show buttons from one answer.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..access import Act, roles_towards
from ..access import permits as role_permits
from ..errors import DeclarationError
from ..models import Declaration

S = Declaration.Status
P = Declaration.PdfState

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

PDF_ALLOWED: frozenset[tuple[str, str]] = frozenset(
    {
        (P.NONE, P.PENDING),
        (P.PENDING, P.READY),
        (P.PENDING, P.FAILED),
        (P.FAILED, P.PENDING),
    }
)


def check_move(declaration: Declaration, *, to: str, reason: str = "") -> None:
    """Raise DeclarationError unless ``declaration`` may move to status ``to`` now."""
    if (declaration.status, to) not in ALLOWED:
        raise DeclarationError(
            _("A %(from)s declaration cannot become %(to)s.")
            % {"from": declaration.get_status_display(), "to": S(to).label}
        )
    if to in REASON_REQUIRED and not reason.strip():
        raise DeclarationError(_("Please give a reason."))


def pdf_may_move(declaration: Declaration, *, to: str) -> bool:
    return (declaration.pdf_state, to) in PDF_ALLOWED


def state_allows(declaration: Declaration, act: Act) -> bool:
    """Whether the declaration's state lets anyone do ``act`` now."""
    status = declaration.status
    match act:
        case Act.READ:
            return True
        case Act.EDIT | Act.ATTEST:
            return status == S.DRAFT
        case Act.WITHDRAW:
            return (status, S.WITHDRAWN) in ALLOWED
        case Act.REVOKE:
            return (status, S.REVOKED) in ALLOWED
        case Act.RENEW:
            return status != S.DRAFT
        case Act.RETRY_PDF:
            # A retry is the move failed → pending, and nothing else.
            return status != S.DRAFT and declaration.pdf_state == P.FAILED
    return False


def allowed_moves(declaration: Declaration, user) -> frozenset[Act]:
    """The acts ``user`` may do on ``declaration`` now: their role and its state allow them."""
    roles = roles_towards(user, declaration)
    return frozenset(
        act for act in Act if role_permits(roles, act) and state_allows(declaration, act)
    )
