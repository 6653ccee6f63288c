"""Reads behind the review pages, each in a fixed number of queries.

Every read of threads for a person goes through ``access.readable_threads``,
so another procurer organization never sees a thread, nor counts one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import models
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from guidelines.models import Statement
from portal.models import Organization

from ..access import may_open_thread, readable_threads
from ..models import Answer, Declaration, ReviewMessage, ReviewThread, ReviewThreadEvent
from .lifecycle import may_be_reviewed

OPEN = ReviewThread.State.OPEN
_Row = TypeVar("_Row", bound=models.Model)


def with_open_thread_counts(
    rows: QuerySet[_Row], organization: Organization, *, declaration: str = "pk"
) -> QuerySet[_Row]:
    """``rows`` annotated with ``open_thread_count``: the open threads on each row's
    declaration that ``organization`` is a party to — all of them for the
    declaration's vendor, its own for a procurer organization. ``declaration`` names
    the rows' field holding the declaration (``pk`` for declarations themselves,
    ``declaration`` for requests). One subquery, whatever the number of rows."""
    threads = ReviewThread.objects.filter(declaration=OuterRef(declaration), state=OPEN)
    if organization.is_vendor:
        threads = threads.filter(declaration__organization=organization)
    else:
        threads = threads.filter(procurer=organization)
    counted = threads.order_by().values("declaration").annotate(n=Count("pk")).values("n")[:1]
    return rows.annotate(
        open_thread_count=Coalesce(Subquery(counted), Value(0), output_field=IntegerField())
    )


def _listed(threads: QuerySet[ReviewThread]) -> QuerySet[ReviewThread]:
    return threads.select_related("statement", "procurer").annotate(message_count=Count("messages"))


@dataclass
class AnswerRow:
    """One answer of the declaration with the threads about its statement."""

    answer: Answer
    open_count: int = 0
    # Open threads about the same statement (by code) on earlier declarations.
    earlier: list[ReviewThread] = field(default_factory=list)


@dataclass
class DeclarationReviews:
    """What the declaration page shows of the review threads the reader may see."""

    threads: list[ReviewThread]
    rows: list[AnswerRow]
    earlier: list[ReviewThread]
    can_open: bool

    @property
    def open_count(self) -> int:
        return sum(1 for thread in self.threads if thread.is_open)

    @property
    def earlier_on_whole(self) -> list[ReviewThread]:
        return [thread for thread in self.earlier if thread.statement_id is None]


def declaration_reviews(declaration: Declaration, user) -> DeclarationReviews:
    """The threads ``user`` may read on an issued declaration, counted per answer, and the
    threads still open on the earlier declarations of the same product (the ones this one
    superseded, and any withdrawn between), matched by statement code: editions change."""
    threads = list(
        _listed(readable_threads(user, ReviewThread.objects.filter(declaration=declaration)))
    )
    earlier = list(
        readable_threads(
            user,
            ReviewThread.objects.filter(
                declaration__product_id=declaration.product_id,
                # A product has one draft at a time, so its declarations were
                # issued in the order they were made (attested_at may tie).
                declaration__pk__lt=declaration.pk,
                state=OPEN,
            ),
        )
        .select_related("statement", "declaration")
        .order_by("declaration__pk", "pk")
    )
    answers = (
        Answer.objects.filter(declaration=declaration, statement__packages=declaration.package_id)
        .select_related("statement")
        .order_by("statement__category__number", "statement__position")
    )
    open_by_statement = Counter(t.statement_id for t in threads if t.is_open)
    earlier_by_code = defaultdict(list)
    for thread in earlier:
        if thread.statement is not None:
            earlier_by_code[thread.statement.code].append(thread)
    rows = [
        AnswerRow(
            answer=answer,
            open_count=open_by_statement[answer.statement_id],
            earlier=earlier_by_code[answer.statement.code],
        )
        for answer in answers
    ]
    return DeclarationReviews(
        threads=threads,
        rows=rows,
        earlier=earlier,
        can_open=may_be_reviewed(declaration) and may_open_thread(user, declaration),
    )


def package_statements(declaration: Declaration) -> list[Statement]:
    """The statements a thread on ``declaration`` may be about, in order."""
    return list(
        Statement.objects.filter(packages=declaration.package_id).order_by(
            "category__number", "position"
        )
    )


@dataclass
class ThreadPage:
    thread: ReviewThread
    messages: list[ReviewMessage]
    events: list[ReviewThreadEvent]
    answer: Answer | None


def thread_page(thread: ReviewThread) -> ThreadPage:
    """A thread with its messages, its history and the answer it is about."""
    answer = None
    if thread.statement_id is not None:
        answer = (
            Answer.objects.filter(
                declaration_id=thread.declaration_id, statement_id=thread.statement_id
            )
            .select_related("statement")
            .first()
        )
    return ThreadPage(
        thread=thread,
        messages=list(thread.messages.select_related("author")),
        events=list(thread.events.select_related("actor")),
        answer=answer,
    )


def threads_of(organization: Organization, *, state: str = "") -> QuerySet[ReviewThread]:
    """A procurer organization's threads, the latest activity first."""
    threads = ReviewThread.objects.filter(procurer=organization)
    if state:
        threads = threads.filter(state=state)
    return (
        _listed(threads)
        .select_related("declaration__organization", "declaration__product")
        .order_by("-updated_at", "-pk")
    )


def state_counts(organization: Organization) -> dict[str, int]:
    """How many of the organization's threads are open and resolved."""
    counts = dict.fromkeys(ReviewThread.State.values, 0)
    rows = (
        ReviewThread.objects.filter(procurer=organization)
        .order_by()
        .values_list("state")
        .annotate(n=Count("pk"))
    )
    counts.update({state: n for state, n in rows})
    return counts


def open_threads_on(organization: Organization) -> QuerySet[ReviewThread]:
    """The open threads on a vendor organization's declarations, the latest activity first."""
    return (
        ReviewThread.objects.filter(declaration__organization=organization, state=OPEN)
        .select_related("declaration__product", "statement", "procurer")
        .defer("declaration__canonical_json", "declaration__search_text")
        .order_by("-updated_at", "-pk")
    )
