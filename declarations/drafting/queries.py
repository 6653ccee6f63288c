"""Reads behind the drafting pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.http import Http404

from guidelines.models import Category, Package, PackageStatement
from guidelines.queries import latest_published_edition
from portal.models import Organization

from ..models import Answer, Declaration, DeclarationEvent, Product
from .progress import DraftProgress, Progress, draft_progress


def products_of(organization: Organization, *, archived: bool = False) -> QuerySet[Product]:
    """The organization's products with their declaration count and open draft, if any."""
    drafts = Declaration.objects.drafts().filter(product=OuterRef("pk"))
    products = Product.objects.filter(organization=organization).annotate(
        declaration_count=Count("declarations"),
        draft_id=Subquery(drafts.values("pk")[:1]),
    )
    products = products.order_by("name", "version", "pk")
    return products if archived else products.filter(archived_at__isnull=True)


def declarations_of(organization: Organization) -> QuerySet[Declaration]:
    return (
        Declaration.objects.filter(organization=organization)
        .select_related("product", "package", "edition")
        .order_by("-updated_at", "-pk")
    )


def startable_packages() -> list[Package]:
    """The packages of the latest published edition, Minimum first, with their sizes."""
    edition = latest_published_edition()
    if edition is None:
        return []
    return list(
        Package.objects.filter(edition=edition)
        .annotate(statement_count=Count("statements"))
        .order_by("kind")
    )


def edition_packages(declaration: Declaration) -> list[Package]:
    return list(
        Package.objects.filter(edition_id=declaration.edition_id)
        .annotate(statement_count=Count("statements"))
        .order_by("kind")
    )


def package_categories(package_id: int) -> list[Category]:
    """The categories that hold at least one statement of the package, in order."""
    return list(
        Category.objects.filter(statements__packages=package_id).distinct().order_by("number")
    )


@dataclass(frozen=True)
class CategoryProgress:
    category: Category
    progress: Progress


def with_progress(categories: list[Category], progress: DraftProgress) -> list[CategoryProgress]:
    return [CategoryProgress(c, progress.for_category(c.number)) for c in categories]


@dataclass
class CategoryPage:
    """One page of the answer editor: a category's answers and the way around the draft."""

    declaration: Declaration
    category: Category
    categories: list[Category]
    answers: list[Answer]

    @cached_property
    def progress(self) -> DraftProgress:
        # Only read when the page is shown: a successful save redirects without it.
        return draft_progress(self.declaration)

    @property
    def nav(self) -> list[CategoryProgress]:
        return with_progress(self.categories, self.progress)

    @property
    def previous(self) -> Category | None:
        index = self.categories.index(self.category)
        return self.categories[index - 1] if index > 0 else None

    @property
    def next(self) -> Category | None:
        index = self.categories.index(self.category)
        return self.categories[index + 1] if index + 1 < len(self.categories) else None


def category_page(declaration: Declaration, number: int) -> CategoryPage:
    categories = package_categories(declaration.package_id)
    category = next((c for c in categories if c.number == number), None)
    if category is None:
        raise Http404("The package has no statements in this category.")
    answers = list(
        Answer.objects.filter(
            declaration=declaration,
            statement__category=category,
            statement__packages=declaration.package_id,
        )
        .select_related("statement", "updated_by")
        .order_by("statement__position")
    )
    for answer in answers:
        answer.statement.category = category
    return CategoryPage(
        declaration=declaration, category=category, categories=categories, answers=answers
    )


@dataclass
class ReviewSection:
    category: Category
    answers: list[Answer]
    progress: Progress


@dataclass
class Review:
    sections: list[ReviewSection]
    outside: list[Answer]
    progress: DraftProgress

    @property
    def missing(self) -> list[Answer]:
        return [a for section in self.sections for a in section.answers if not a.is_answered]

    @property
    def is_ready(self) -> bool:
        return self.progress.overall.is_complete


def review(declaration: Declaration) -> Review:
    """Every answer by category; answers outside the package only when they hold something."""
    in_package = set(
        PackageStatement.objects.filter(package_id=declaration.package_id).values_list(
            "statement_id", flat=True
        )
    )
    answers = (
        Answer.objects.filter(declaration=declaration)
        .select_related("statement__category", "updated_by")
        .order_by("statement__category__number", "statement__position")
    )
    progress = draft_progress(declaration)
    sections: dict[int, ReviewSection] = {}
    outside = []
    for answer in answers:
        category = answer.statement.category
        if answer.statement_id in in_package:
            section = sections.setdefault(
                category.pk,
                ReviewSection(category, [], progress.for_category(category.number)),
            )
            section.answers.append(answer)
        elif _has_content(answer):
            outside.append(answer)
    return Review(sections=list(sections.values()), outside=outside, progress=progress)


def _has_content(answer: Answer) -> bool:
    return any(
        (
            answer.status,
            answer.explanation,
            answer.explanation_en,
            answer.evidence_links,
            answer.evidence,
            answer.evidence_en,
            answer.remediation_plan,
            answer.remediation_plan_en,
            answer.target_date,
        )
    )


def first_unfinished_category(progress: DraftProgress) -> int | None:
    """The number of the first category with an unanswered statement, if any."""
    for number in sorted(progress.by_category):
        if not progress.by_category[number].is_complete:
            return number
    return None


def history(declaration: Declaration) -> list[DeclarationEvent]:
    """The declaration's events, oldest first."""
    return list(declaration.events.select_related("actor"))
