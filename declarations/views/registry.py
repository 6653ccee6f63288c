"""The public registry: search, a declaration's summary, its badge, the CSV export.

No login: anyone finds and checks a declaration. Who also reads the answers
themselves is ``access.may_read_answers``; the pages never decide it.
"""

from __future__ import annotations

import csv
import hashlib

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from ..access import is_own, may_read_answers
from ..caching import cached_page, declaration_version
from ..comparison.queries import declaration_changes
from ..comparison.selection import PARAMETER as COMPARE
from ..comparison.selection import read_selection
from ..registry import cyclonedx, export
from ..registry.badge import badge_declaration, badge_for, not_found_badge
from ..registry.forms import RegistrySearchForm
from ..registry.paging import CappedPaginator
from ..registry.search import public_status, registry_declarations, rows_of
from ..registry.summary import issued_declaration, summarise
from ..watching.queries import watch_state
from .common import PAGE_SIZE, pdf_refused, signed_pdf

# At most an hour in caches, so that a page embedding the badge shows a
# withdrawal or a revocation within the hour.
BADGE_MAX_AGE = 3600
# The export carries the status too: as the badge, stale by an hour at most.
CYCLONEDX_MAX_AGE = BADGE_MAX_AGE


def _search(request: HttpRequest):
    """The search of the query string (bad values left out), its form, and today."""
    form = RegistrySearchForm(request.GET)
    today = timezone.localdate()
    # The search text is only searched; the page and the export never read it.
    declarations = registry_declarations(form.search(), today=today).defer("search_text")
    return form, declarations, today


@require_safe
def registry(request: HttpRequest) -> HttpResponse:
    form, declarations, today = _search(request)
    page = CappedPaginator(declarations, PAGE_SIZE).get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    # The declarations ticked for comparison travel in the query string, page to page.
    compared = read_selection(filters.pop(COMPARE, [])).serials
    kept = filters.copy()
    kept.setlist(COMPARE, compared)
    rows = rows_of(page, today=today)
    return render(
        request,
        "declarations/registry_list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": rows,
            "filters": filters.urlencode(),
            "filter_items": [(k, v) for k in filters for v in filters.getlist(k)],
            # The pagination fragment appends "page=…" to this.
            "query": kept.urlencode() + "&" if kept else "",
            "ignored": [form.fields[name].label for name in form.errors],
            "compared": compared,
            "compared_elsewhere": [
                s for s in compared if s not in {row.declaration.serial for row in rows}
            ],
        },
    )


@require_safe
@cached_page(declaration_version)
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
            "site_url": settings.SITE_URL,
            **declaration_changes(declaration, request.user),
            "watching": watch_state(request.user, declaration),
        },
    )


@require_safe
def registry_pdf(request: HttpRequest, serial: str) -> HttpResponseBase:
    """The signed PDF, for those who may read the answers; a page saying who may, for others."""
    declaration = issued_declaration(serial)
    if declaration is None:
        raise Http404
    if not may_read_answers(request.user, declaration):
        return pdf_refused(request, declaration)
    return signed_pdf(declaration)


@xframe_options_exempt  # embedding it (<object>, <iframe>) is its purpose
@require_safe
@cached_page(declaration_version, max_age=BADGE_MAX_AGE, public=True, same_for_all=True)
def registry_badge(request: HttpRequest, serial: str) -> HttpResponse:
    declaration = badge_declaration(serial)
    if declaration is None:
        badge = not_found_badge(href=settings.SITE_URL + reverse("declarations:registry"))
    else:
        summary = reverse("declarations:registry_summary", kwargs={"serial": declaration.serial})
        badge = badge_for(
            serial=declaration.serial or "",
            package_kind=declaration.package.kind,
            status=public_status(declaration, today=timezone.localdate()),
            href=settings.SITE_URL + summary,
        )
    # Rendered without the request: no session, no cookie, the same bytes for everyone.
    content = render_to_string("declarations/registry_badge.svg", {"badge": badge})
    response = HttpResponse(
        content, content_type="image/svg+xml", status=200 if badge.found else 404
    )
    patch_cache_control(response, public=True, max_age=BADGE_MAX_AGE)
    etag = f'"{hashlib.sha256(content.encode()).hexdigest()[:32]}"'
    response["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response) or response


@require_safe
@cached_page(declaration_version, max_age=CYCLONEDX_MAX_AGE, public=True, same_for_all=True)
def registry_cyclonedx(request: HttpRequest, serial: str) -> HttpResponse:
    """The declaration as a CycloneDX BOM: public parts only, so the same for every reader."""
    declaration = issued_declaration(serial)
    if declaration is None:
        raise Http404
    bom = cyclonedx.bom(
        declaration, today=timezone.localdate(), lang=translation.get_language() or "ja"
    )
    response = JsonResponse(bom, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = "application/vnd.cyclonedx+json; version=1.6"
    response["Access-Control-Allow-Origin"] = "*"
    return response


class _Echo:
    """csv.writer writes to a file; this one hands each line back for streaming."""

    def write(self, value: str) -> str:
        return value


@require_safe
def registry_export(request: HttpRequest) -> StreamingHttpResponse:
    _form, declarations, today = _search(request)
    language = translation.get_language()
    writer = csv.writer(_Echo())

    def lines():
        # The lines are made after the view returns: keep the request's language.
        with translation.override(language):
            # The byte order mark tells Excel (in Japan, too) that the file is UTF-8.
            yield "\ufeff" + writer.writerow(export.header())
            for cells in export.rows(declarations.iterator(chunk_size=500), today=today):
                yield writer.writerow(cells)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = f"registry-{today:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
