"""The read API's pages: 25 declarations (up to 100), counted only up to the cap.

Counting every match is what made the API slow at 100,000 declarations
(docs/benchmarks.md), so it counts as the registry page does, up to
``registry.paging.CAP``, and reads a page by key when that is all of them.
Unlike the page, it goes on past the cap: a client mirroring the registry
follows ``next`` to the end. ``count_exact`` says whether ``count`` is the
number of matches or only a lower bound.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from ..registry.paging import CAP, first_matches, narrowed


class RegistryPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    cap = CAP

    def paginate_queryset(self, queryset: QuerySet, request, view=None) -> list:
        self.request = request
        size = self.get_page_size(request)
        self.number = self._page_number(request)
        offset = (self.number - 1) * size
        matches = first_matches(queryset, self.cap)
        # One row more than the page says whether there is a next one.
        rows = list(narrowed(queryset, matches, self.cap)[offset : offset + size + 1])
        if self.number > 1 and not rows:
            raise NotFound(_("This page does not exist."))
        self.has_next = len(rows) > size
        rows = rows[:size]
        if len(matches) <= self.cap:
            self.count, self.count_exact = len(matches), True
        elif not self.has_next:  # the last page past the cap: where it ends is the count
            self.count, self.count_exact = offset + len(rows), True
        else:  # as many as are known to exist: a lower bound
            self.count, self.count_exact = max(len(matches), offset + len(rows) + 1), False
        return rows

    def _page_number(self, request) -> int:
        value = request.query_params.get(self.page_query_param) or "1"
        if not value.isascii() or not value.isdigit() or int(value) < 1:
            raise NotFound(_("This page does not exist."))
        return int(value)

    def get_paginated_response(self, data) -> Response:
        return Response(
            {
                "count": self.count,
                "count_exact": self.count_exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_next_link(self) -> str | None:
        if not self.has_next:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.page_query_param, self.number + 1)

    def get_previous_link(self) -> str | None:
        if self.number == 1:
            return None
        url = self.request.build_absolute_uri()
        if self.number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.number - 1)

    def get_paginated_response_schema(self, schema: dict) -> dict:
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["count", "count_exact", "results"]
        response["properties"]["count"]["description"] = (
            f"How many declarations match, counted up to {self.cap:,}; "
            "past that a lower bound (see count_exact)."
        )
        response["properties"] = {
            "count": response["properties"]["count"],
            "count_exact": {
                "type": "boolean",
                "description": f"False past {self.cap:,} matches: count is then a lower bound.",
            },
            **{k: v for k, v in response["properties"].items() if k != "count"},
        }
        return response
