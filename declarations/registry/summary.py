"""The public summary of one issued declaration, read from its signed record.

What the summary says about the vendor, the product and the answers comes from
the canonical record — the bytes that were signed — not from live rows that
may have changed since. Everyone sees the counts of each answer status per
category, and each statement's status and public statement (in the reader's
language, else the other one); who also sees the answers themselves —
explanation, evidence, plan — is ``access.may_read_answers``.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language

from guidelines.models import Category

from ..documents.record_texts import answer_texts, record_language
from ..models import Answer, Declaration, DeclarationEvent, Language, Product
from .search import PublicStatus, days_left, public_status
from .statements import PublicText, in_language, public_statement

S = Declaration.Status

_CATEGORY = re.compile(r"\((\d+)\)")

# The moves the public history shows: a draft's own story stays with the vendor.
PUBLIC_MOVES = (S.PUBLISHED, S.SUPERSEDED, S.WITHDRAWN, S.REVOKED, S.EXPIRED)

# The chart's order, best first.
STATUS_ORDER = (
    Answer.Status.CONFORMANT,
    Answer.Status.PARTIAL,
    Answer.Status.NOT_CONFORMANT,
    Answer.Status.NOT_APPLICABLE,
)


def issued_declaration(serial: str) -> Declaration | None:
    """The issued declaration with this serial (any case), with what its summary shows."""
    return (
        Declaration.objects.issued()
        .select_related("package", "edition", "supersedes", "superseded_by")
        .with_serial(serial)
        .first()
    )


@dataclass(frozen=True)
class Bar:
    """One answer status's share of a category: its count and a width for the chart."""

    status: str
    label: str
    count: int
    width: int  # a percentage in steps of 5: the CSS classes pw-0 … pw-100


@dataclass(frozen=True)
class RecordAnswer:
    code: str
    titles: dict[str, str]  # {"ja": …, "en": …}, as signed
    answer: Answer  # unsaved, built from the record: what templates/_answer_summary reads

    @property
    def title(self) -> str:
        return (get_language() == "en" and self.titles.get("en")) or self.titles["ja"]

    @property
    def public(self) -> PublicText | None:
        """The public statement to show in the active language, if one was written."""
        return in_language(
            {"ja": self.answer.public_statement_ja, "en": self.answer.public_statement_en},
            get_language(),
        )


@dataclass(frozen=True)
class CategorySummary:
    number: int
    title: str
    bars: list[Bar]
    answers: list[RecordAnswer]

    @property
    def total(self) -> int:
        return len(self.answers)


@dataclass(frozen=True)
class Summary:
    declaration: Declaration
    record: dict[str, Any]
    status: PublicStatus
    days_left: int | None
    history: list[DeclarationEvent]
    categories: list[CategorySummary]

    @property
    def language(self) -> str:
        """The record's authoritative language (``ja`` for records that name none)."""
        return record_language(self.record)

    @property
    def language_label(self) -> str:
        return str(Language(self.language).label)

    @property
    def product_kind(self) -> str:
        kind = self.record["product"]["kind"]
        return str(dict(Product.Kind.choices).get(kind, kind))

    @property
    def product_roles(self) -> str:
        labels = dict(Product.VendorRole.choices)
        separator = ", " if get_language() == "en" else "、"
        return separator.join(str(labels.get(r, r)) for r in self.record["product"]["roles"])

    @property
    def ending(self) -> DeclarationEvent | None:
        """The event that ended the declaration's force, if it ended (its date and reason)."""
        ends = [e for e in self.history if e.to_status == self.declaration.status]
        return ends[-1] if ends and self.declaration.status != S.PUBLISHED else None


def summarise(declaration: Declaration, *, today: datetime.date) -> Summary:
    """Everything the summary page shows, in two queries (the history, the categories)."""
    record = json.loads(declaration.canonical_json)
    history = list(declaration.events.filter(to_status__in=PUBLIC_MOVES))
    titles = dict(
        Category.objects.filter(edition_id=declaration.edition_id).values_list("number", "title")
    )
    return Summary(
        declaration=declaration,
        record=record,
        status=public_status(declaration, today=today),
        days_left=days_left(declaration, today=today),
        history=history,
        categories=by_category(record, titles),
    )


def category_number(code: str) -> int:
    """The category of a statement code: "(2)-1" is in category 2."""
    match = _CATEGORY.match(code)
    return int(match.group(1)) if match else 0


def by_category(record: dict[str, Any], titles: dict[int, str]) -> list[CategorySummary]:
    """The record's answers by category, in the package's order, with their counts."""
    grouped: dict[int, list[RecordAnswer]] = {}
    language = record_language(record)
    for code in record["package"]["statements"]:
        grouped.setdefault(category_number(code), []).append(
            _record_answer(code, record["answers"][code], language=language)
        )
    labels = dict(Answer.Status.choices)
    summaries = []
    for number, answers in grouped.items():
        counts = [sum(1 for a in answers if a.answer.status == s) for s in STATUS_ORDER]
        widths = shares(counts)
        bars = [
            Bar(status=s, label=str(labels[s]), count=count, width=width)
            for s, count, width in zip(STATUS_ORDER, counts, widths, strict=True)
        ]
        summaries.append(CategorySummary(number, titles.get(number, ""), bars, answers))
    return summaries


def shares(counts: list[int], *, step: int = 5) -> list[int]:
    """Percentages in steps of ``step`` that add up to 100 (largest remainder first),
    so that the stacked bars of a category fill its row exactly."""
    total = sum(counts)
    if not total:
        return [0] * len(counts)
    units = 100 // step
    exact = [count * units / total for count in counts]
    floors = [int(x) for x in exact]
    by_remainder = sorted(range(len(counts)), key=lambda i: exact[i] - floors[i], reverse=True)
    for i in by_remainder[: units - sum(floors)]:
        floors[i] += 1
    return [f * step for f in floors]


def _record_answer(code: str, data: dict[str, Any], *, language: str) -> RecordAnswer:
    remediation = data.get("remediation") or {}
    target = remediation.get("target_date")
    public = public_statement(data)
    texts = answer_texts(data, language=language)
    answer = Answer(
        status=data["status"],
        explanation=texts.explanation["ja"],
        explanation_en=texts.explanation["en"],
        evidence_links="\n".join(data["evidence"]["links"]),
        evidence=texts.evidence["ja"],
        evidence_en=texts.evidence["en"],
        remediation_plan=texts.remediation_plan["ja"],
        remediation_plan_en=texts.remediation_plan["en"],
        target_date=datetime.date.fromisoformat(target) if target else None,
        public_statement_ja=public["ja"],
        public_statement_en=public["en"],
    )
    return RecordAnswer(code=code, titles=data["title"], answer=answer)
