"""Pages of the registry whose count stops at a cap.

COUNT(*) over a hundred thousand rows costs more than everything else on the
page (docs/benchmarks.md); nobody pages past the fortieth page. So the count
stops at ``CAP``: beyond it the page says "more than 1,000" and asks for a
narrower search, and the pages run to the cap.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

CAP = 1000


class CappedPaginator(Paginator):
    cap = CAP

    @cached_property
    def _counted(self) -> int:
        # One query that stops after cap + 1 rows, whatever the filters match.
        declarations: QuerySet = self.object_list  # type: ignore[assignment]
        return declarations.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def capped(self) -> bool:
        """More matches than are counted (and listed)."""
        return self._counted > self.cap
