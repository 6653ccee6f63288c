"""How far a draft has come: answered statements of its package, overall and per category.

Only statements in the draft's current package count. Both reads are one
aggregate query over answers joined to the package membership table, so a page
costs the same whether it shows one draft or twenty-five, a Minimum package or
a Standard one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q

from ..models import Answer, Declaration

ANSWERED = ~Q(status="")


@dataclass(frozen=True)
class Progress:
    answered: int = 0
    total: int = 0

    @property
    def missing(self) -> int:
        return self.total - self.answered

    @property
    def percent(self) -> int:
        # Rounded down, so that 100 % means every statement is answered.
        return self.answered * 100 // self.total if self.total else 0

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.answered == self.total

    @property
    def width_class(self) -> str:
        """A CSS class for the width, in steps of 5 %: no inline style, so CSP may forbid them."""
        return f"pw-{self.percent // 5 * 5}"


@dataclass(frozen=True)
class DraftProgress:
    overall: Progress
    by_category: dict[int, Progress] = field(default_factory=dict)

    def for_category(self, number: int) -> Progress:
        return self.by_category.get(number, Progress())


def draft_progress(declaration: Declaration) -> DraftProgress:
    """Answered / total for one declaration, overall and by category number."""
    rows = (
        Answer.objects.filter(declaration=declaration, statement__packages=declaration.package_id)
        .values("statement__category__number")
        .annotate(total=Count("pk"), answered=Count("pk", filter=ANSWERED))
        .order_by()
    )
    by_category = {
        row["statement__category__number"]: Progress(row["answered"], row["total"]) for row in rows
    }
    overall = Progress(
        answered=sum(p.answered for p in by_category.values()),
        total=sum(p.total for p in by_category.values()),
    )
    return DraftProgress(overall=overall, by_category=by_category)


def progress_by_declaration(declarations: Iterable[Declaration]) -> dict[int, Progress]:
    """Answered / total for each of many declarations, keyed by declaration id."""
    ids = [d.pk for d in declarations]
    if not ids:
        return {}
    rows = (
        Answer.objects.filter(declaration__in=ids, statement__packages=F("declaration__package"))
        .values("declaration_id")
        .annotate(total=Count("pk"), answered=Count("pk", filter=ANSWERED))
        .order_by()
    )
    return {row["declaration_id"]: Progress(row["answered"], row["total"]) for row in rows}


def attach_progress(declarations: Iterable[Declaration]) -> list[Declaration]:
    """The declarations, each draft with a ``progress`` attribute (None on the others)."""
    declarations = list(declarations)
    progress = progress_by_declaration(d for d in declarations if d.is_draft)
    for declaration in declarations:
        # An attribute for the templates' rows, like an annotation would be.
        declaration.progress = (  # type: ignore[attr-defined]
            progress.get(declaration.pk) if declaration.is_draft else None
        )
    return declarations
