"""The writer of review threads: open one, write in it, resolve or reopen it.

Each act asks ``access`` whether the person's role allows it and the thread's
``lifecycle`` whether its state does, checks the message again by the
``rules`` the form used, and tells the other side by email through the
outbox, in the same transaction. Nothing here changes a declaration: a thread
is about one, never part of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guidelines.models import Statement
from portal.models import User

from ..access import (
    PROCURER,
    ThreadAct,
    may_open_thread,
    procurer_organization,
    thread_may,
    thread_roles,
)
from ..errors import DeclarationError
from ..models import Declaration, ReviewMessage, ReviewThread, ReviewThreadEvent
from ..reviews import emails, lifecycle, rules

T = ReviewThread.State


def _check_message(body: str, links: Sequence[str]) -> tuple[str, list[str]]:
    problems = rules.body_problems(body) + rules.link_problems(list(links))
    if problems:
        raise DeclarationError(" ".join(problems))
    return rules.normalise(body), list(links)


def _record(thread: ReviewThread, *, to: str, actor: User, from_state: str = "") -> None:
    ReviewThreadEvent.record(thread=thread, to=to, actor=actor, from_status=from_state)


def open_thread(
    *,
    declaration: Declaration,
    user: User,
    kind: str,
    subject: str,
    body: str,
    statement: Statement | None = None,
    links: Sequence[str] = (),
) -> ReviewThread:
    """A new thread from the user's procurer organization, with its first message."""
    organization = procurer_organization(user)
    if organization is None or not may_open_thread(user, declaration):
        raise DeclarationError(_("Only customers open review threads."))
    if not lifecycle.may_be_reviewed(declaration):
        raise DeclarationError(_("Threads are opened on a declaration in force."))
    if (
        statement is not None
        and not declaration.package.statements.filter(pk=statement.pk).exists()
    ):
        raise DeclarationError(_("This statement is not part of the declaration's package."))
    if kind not in ReviewThread.Kind.values:
        raise DeclarationError(_("Choose the kind of thread."))
    problems = rules.subject_problems(subject)
    if problems:
        raise DeclarationError(" ".join(problems))
    body, links = _check_message(body, links)
    with transaction.atomic():
        thread = ReviewThread.objects.create(
            declaration=declaration,
            statement=statement,
            procurer=organization,
            kind=kind,
            subject=rules.normalise(subject),
            opened_by=user,
        )
        _record(thread, to=T.OPEN, actor=user)
        message = ReviewMessage.objects.create(
            thread=thread, author=user, side=ReviewMessage.Side.PROCURER, body=body, links=links
        )
        emails.message_posted(thread, message, first=True)
    return thread


def _locked(thread: ReviewThread) -> ReviewThread:
    """The thread's row, locked until the transaction ends, with what the emails name."""
    locked = ReviewThread.objects.select_for_update(of=("self",)).get(pk=thread.pk)
    for name in ("declaration", "statement", "procurer", "opened_by"):
        setattr(locked, name, getattr(thread, name))
    return locked


def reply_to_thread(
    *, thread: ReviewThread, user: User, body: str, links: Sequence[str] = ()
) -> ReviewMessage:
    """A message in an open thread, from whichever side the user is on."""
    if not thread_may(user, ThreadAct.REPLY, thread):
        raise DeclarationError(_("Your role does not allow this."))
    body, links = _check_message(body, links)
    side = (
        ReviewMessage.Side.PROCURER
        if PROCURER in thread_roles(user, thread)
        else ReviewMessage.Side.VENDOR
    )
    with transaction.atomic():
        locked = _locked(thread)
        if not locked.is_open:
            raise DeclarationError(_("This thread is resolved; reopen it to write again."))
        message = ReviewMessage.objects.create(
            thread=locked, author=user, side=side, body=body, links=links
        )
        ReviewThread.objects.filter(pk=locked.pk).update(updated_at=timezone.now())
        emails.message_posted(locked, message, first=False)
    return message


def move_thread(*, thread: ReviewThread, user: User, to: str) -> ReviewThread:
    """Resolve (``to`` resolved) or reopen (``to`` open) the thread: the procurer side only."""
    if not thread_may(user, ThreadAct.RESOLVE, thread):
        raise DeclarationError(
            _("Only the customer organization that opened a thread resolves or reopens it.")
        )
    with transaction.atomic():
        locked = _locked(thread)
        lifecycle.check_move(locked, to=to)
        from_state = locked.state
        locked.state = to
        locked.save(update_fields=["state", "updated_at"])
        _record(locked, to=to, actor=user, from_state=from_state)
    return locked


def resolve_thread(*, thread: ReviewThread, user: User) -> ReviewThread:
    return move_thread(thread=thread, user=user, to=T.RESOLVED)


def reopen_thread(*, thread: ReviewThread, user: User) -> ReviewThread:
    return move_thread(thread=thread, user=user, to=T.OPEN)
