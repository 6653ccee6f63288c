"""Public guideline pages. No login needed. (The JSON API is in ``api``.)"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .models import Package
from .pagecache import cached_page
from .queries import (
    edition_content,
    editions_version,
    get_published_edition,
    published_editions,
)


def _editions(request: HttpRequest, *args: object, **kwargs: object) -> str:
    return editions_version()


@require_safe
@cached_page(_editions)
def guideline_detail(request: HttpRequest, label: str | None = None) -> HttpResponse:
    edition = get_published_edition(label)
    content = edition_content(edition)
    membership = {p.kind: {s.pk for s in p.statements.all()} for p in content.packages}
    return render(
        request,
        "guidelines/edition_detail.html",
        {
            "edition": edition,
            "content": content,
            "minimum_ids": membership.get(Package.Kind.MINIMUM, set()),
            "standard_ids": membership.get(Package.Kind.STANDARD, set()),
            "editions": published_editions(),
        },
    )


@require_safe
@cached_page(_editions)
def statement_detail(request: HttpRequest, label: str, slug: str) -> HttpResponse:
    edition = get_published_edition(label)
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
            "packages": [p for p in content.packages if statement in p.statements.all()],
            "links": links,
            "alignment_notes": alignment_notes,
        },
    )


@require_safe
@cached_page(_editions)
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
