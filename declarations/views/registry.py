"""The public registry: search, and a declaration's public summary.

No login: anyone finds and checks a declaration. Who also reads the answers
themselves is ``access.may_read_answers``; the pages never decide it.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ..access import is_own, may_read_answers
from ..registry.forms import RegistrySearchForm
from ..registry.search import registry_declarations, rows_of
from ..registry.summary import issued_declaration, summarise
from .common import PAGE_SIZE


def _search(request: HttpRequest):
    """The search of the query string (bad values left out), its form, and today."""
    form = RegistrySearchForm(request.GET)
    today = timezone.localdate()
    # The search text is only searched; the page never reads it.
    declarations = registry_declarations(form.search(), today=today).defer("search_text")
    return form, declarations, today


@require_safe
def registry(request: HttpRequest) -> HttpResponse:
    form, declarations, today = _search(request)
    page = Paginator(declarations, PAGE_SIZE).get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    return render(
        request,
        "declarations/registry_list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": rows_of(page, today=today),
            "filters": filters.urlencode(),
            # The pagination fragment appends "page=…" to this.
            "query": filters.urlencode() + "&" if filters else "",
            "ignored": [form.fields[name].label for name in form.errors],
        },
    )


@require_safe
def registry_summary(request: HttpRequest, serial: str) -> HttpResponse:
    declaration = issued_declaration(serial)
    if declaration is None:
        raise Http404
    return render(
        request,
        "declarations/registry_summary.html",
        {
            "summary": summarise(declaration, today=timezone.localdate()),
            "declaration": declaration,
            "answers_visible": may_read_answers(request.user, declaration),
            "own": is_own(request.user, declaration),
        },
    )
