"""A review thread's states, written down once.

    open → resolved → open (reopened) …

Only the procurer side moves a thread (``access.ThreadAct.RESOLVE``);
``services.reviews.move_thread`` locks the row, checks the move here and
writes the event. A thread is opened only on a declaration in force; once
open it stays with its declaration whatever becomes of it, and the talk goes
on (superseded, withdrawn or expired declarations still get answers).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..access import THREAD_ROLES_FOR, ThreadAct, thread_roles
from ..errors import DeclarationError
from ..models import Declaration, ReviewThread

T = ReviewThread.State

ALLOWED: frozenset[tuple[str, str]] = frozenset({(T.OPEN, T.RESOLVED), (T.RESOLVED, T.OPEN)})


def check_move(thread: ReviewThread, *, to: str) -> None:
    """Raise DeclarationError unless ``thread`` may move to state ``to`` now."""
    if (thread.state, to) not in ALLOWED:
        raise DeclarationError(
            _("This thread is %(state)s already.") % {"state": T(to).label.lower()}
        )


def may_be_reviewed(declaration: Declaration) -> bool:
    """New threads are opened on the declaration in force, not on one that ended."""
    return declaration.status == Declaration.Status.PUBLISHED


def thread_moves(thread: ReviewThread, user) -> frozenset[str]:
    """What ``user`` may do on ``thread`` now: "reply", "resolve", "reopen"."""
    roles = thread_roles(user, thread)
    moves = set()
    if thread.is_open and roles & THREAD_ROLES_FOR[ThreadAct.REPLY]:
        moves.add("reply")
    if roles & THREAD_ROLES_FOR[ThreadAct.RESOLVE]:
        moves.add("resolve" if thread.is_open else "reopen")
    return frozenset(moves)
