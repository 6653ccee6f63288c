"""Public guideline pages. No login needed. (The JSON API is in ``api``.)

Site staff may also preview a draft edition with the same templates, under a
banner; to anyone else a draft does not exist.
"""

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .models import Edition, Package
from .packages import package_places
from .pagecache import cached_page
from .provenance import Source
from .queries import (
    edition_content,
    editions_page_version,
    get_published_edition,
    published_editions,
)


def _render_edition(request: HttpRequest, edition: Edition, *, preview: bool) -> HttpResponse:
    content = edition_content(edition)
    membership = {p.kind: {s.pk for s in p.statements.all()} for p in content.packages}
    derived = {m.package_id for m in content.memberships if m.source == Source.PORTAL}
    return render(
        request,
        "guidelines/edition_detail.html",
        {
            "edition": edition,
            "content": content,
            "minimum_ids": membership.get(Package.Kind.MINIMUM, set()),
            "standard_ids": membership.get(Package.Kind.STANDARD, set()),
            "derived_package_ids": derived,
            "editions": [] if preview else published_editions(),
            "preview": preview,
            "statement_url": "guidelines:statement_preview" if preview else "guidelines:statement",
        },
    )


def _render_statement(
    request: HttpRequest, edition: Edition, slug: str, *, preview: bool
) -> HttpResponse:
    content = edition_content(edition)
    statement = next((s for s in content.statements if s.slug == slug), None)
    if statement is None:
        raise Http404("No such statement.")
    links = [link for link in content.links if link.statement_id == statement.pk]
    # A note on a link to a scheme the classification compares with explains it.
    alignment_notes = list(
        dict.fromkeys(link.note for link in links if link.note and link.reference.alignment_basis)
    )
    return render(
        request,
        "guidelines/statement_detail.html",
        {
            "edition": edition,
            "statement": statement,
            "category": statement.category,
            "places": package_places(statement, content.packages, content.memberships),
            "links": links,
            "alignment_notes": alignment_notes,
            "preview": preview,
            "edition_url": "guidelines:preview" if preview else "guidelines:edition",
        },
    )


@require_safe
@cached_page(editions_page_version)
def crosswalk(request: HttpRequest, label: str) -> HttpResponse:
    """Statements (rows, by category) against the frameworks they correspond to (columns)."""
    edition = get_published_edition(label)
    content = edition_content(edition)
    # The schemes the alignment classification compares with come first.
    references = sorted(content.references, key=lambda r: (not r.alignment_basis, r.key))
    links_of: dict[tuple[int, int], list] = {}
    for link in content.links:
        links_of.setdefault((link.statement_id, link.reference_id), []).append(link)
    categories = [
        (
            category,
            [
                (statement, [links_of.get((statement.pk, r.pk), []) for r in references])
                for statement in category.statements.all()
            ],
        )
        for category in content.categories
    ]
    return render(
        request,
        "guidelines/crosswalk.html",
        {"edition": edition, "references": references, "categories": categories},
    )


@require_safe
@cached_page(editions_page_version)
def guideline_detail(request: HttpRequest, label: str | None = None) -> HttpResponse:
    return _render_edition(request, get_published_edition(label), preview=False)


@require_safe
@cached_page(editions_page_version)
def statement_detail(request: HttpRequest, label: str, slug: str) -> HttpResponse:
    return _render_statement(request, get_published_edition(label), slug, preview=False)


def _draft_for_staff(request: HttpRequest, draft_label: str) -> Edition:
    # The admin site decides who is staff with a verified second factor; a
    # draft is the admin's work in progress, so the same people may see it.
    allowed = admin.site.has_permission(request) and request.user.has_perm(
        "guidelines.view_edition"
    )
    edition = Edition.objects.filter(label=draft_label, status=Edition.Status.DRAFT).first()
    if not allowed or edition is None:
        raise Http404("No such edition.")
    return edition


@require_safe
@never_cache
def guideline_preview(request: HttpRequest, draft_label: str) -> HttpResponse:
    return _render_edition(request, _draft_for_staff(request, draft_label), preview=True)


@require_safe
@never_cache
def statement_preview(request: HttpRequest, draft_label: str, slug: str) -> HttpResponse:
    edition = _draft_for_staff(request, draft_label)
    return _render_statement(request, edition, slug, preview=True)
