"""Pages of the registry whose count stops at a cap.

COUNT(*) over a hundred thousand rows costs more than everything else on the
page (docs/benchmarks.md); nobody pages past the fortieth page. So the count
stops at ``CAP``: beyond it the page says "more than 1,000" and asks for a
narrower search, and the pages run to the cap.

The count is made by reading the keys of the first ``CAP + 1`` matches. When
that is all of them, the page is read by those keys: PostgreSQL cannot tell
how many rows a search matches, and when it guesses "many" for a search that
matches a hundred (part of a serial number) it walks every declaration in
date order to find them. Sorting a few hundred rows read by key is quick
whatever the search.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

CAP = 1000


def first_matches(declarations: QuerySet, cap: int = CAP) -> list[int]:
    """The keys of at most ``cap + 1`` matches, in no order: one query that stops there."""
    return list(declarations.order_by().values_list("pk", flat=True)[: cap + 1])


def narrowed(declarations: QuerySet, matches: list[int], cap: int = CAP) -> QuerySet:
    """``declarations`` read by key when ``matches`` holds all of them, else as they are."""
    return declarations if len(matches) > cap else declarations.filter(pk__in=matches)


class CappedPaginator(Paginator):
    cap = CAP

    @cached_property
    def _matches(self) -> list[int]:
        return first_matches(self.object_list, self.cap)  # type: ignore[arg-type]

    @cached_property
    def count(self) -> int:
        return min(len(self._matches), self.cap)

    @property
    def capped(self) -> bool:
        """More matches than are counted (and listed)."""
        return len(self._matches) > self.cap

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = narrowed(self.object_list, self._matches, self.cap)  # type: ignore[arg-type]
        return Page(rows[bottom:top], number, self)
