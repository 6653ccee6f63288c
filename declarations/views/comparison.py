"""Comparing declarations side by side: the page, its CSV, and nothing that writes.

Open to anyone, like the registry the declarations come from: statuses and
target dates for everyone, the answers' text for readers allowed by
``access.may_read_answers``. A selection that cannot be compared gets a page
that says why (400), never an error.
"""

from __future__ import annotations

import csv
import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ..access import may_read_answers
from ..comparison import export
from ..comparison.queries import comparable_declarations, editions_statements
from ..comparison.selection import (
    MAX_DECLARATIONS,
    MIN_DECLARATIONS,
    PARAMETER,
    Selection,
    problems,
    read_selection,
)
from ..comparison.table import Comparison, compare


def _comparison(request: HttpRequest) -> tuple[Selection, Comparison | None, list[str]]:
    """The selection of the query string, its comparison, or why there is none."""
    selection = read_selection(request.GET.getlist(PARAMETER))
    if selection.empty:
        return selection, None, []
    found = comparable_declarations(selection.serials)
    refused = problems(selection, found)
    if refused:
        return selection, None, refused
    declarations = [found[serial] for serial in selection.serials]
    comparison = compare(
        declarations,
        statements=editions_statements(sorted({d.edition_id for d in declarations})),
        full={d.pk: may_read_answers(request.user, d) for d in declarations},
        today=timezone.localdate(),
    )
    return selection, comparison, []


@require_safe
def compare_declarations(request: HttpRequest) -> HttpResponse:
    selection, comparison, refused = _comparison(request)
    return render(
        request,
        "declarations/declaration_compare.html",
        {
            "selection": selection,
            "comparison": comparison,
            "problems": refused,
            "query": request.GET.urlencode(),
            "min": MIN_DECLARATIONS,
            "max": MAX_DECLARATIONS,
        },
        status=400 if refused else 200,
    )


@require_safe
def compare_export(request: HttpRequest) -> HttpResponse:
    selection, comparison, refused = _comparison(request)
    if comparison is None:
        return render(
            request,
            "declarations/declaration_compare.html",
            {
                "selection": selection,
                "comparison": None,
                "problems": refused or problems(selection, {}),
                "min": MIN_DECLARATIONS,
                "max": MAX_DECLARATIONS,
            },
            status=400,
        )
    buffer = io.StringIO()
    # The byte order mark tells Excel (in Japan, too) that the file is UTF-8.
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerows(export.lines(comparison))
    writer.writerow([])
    writer.writerows(export.describe(comparison))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"comparison-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
