"""Two to six declarations side by side: statements as rows, declarations as columns.

Every row is a statement code declared by at least one of them, grouped by
category in the guideline's order. Minimum and Standard line up: where a
declaration's package leaves a statement out, its cell says so ("not in
package"), and where its guideline edition has no such statement at all, that
("not in this edition"). Declarations on different editions are aligned by
statement code, and the page says so.

Answers are read from each declaration's signed record. Statuses and public
statements are for everyone, as on the public registry; explanations,
evidence and plans (their target dates too) only for readers allowed by
``access.may_read_answers``, column by column.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language

from guidelines.models import Statement

from ..models import Answer, Declaration
from ..registry.search import PublicStatus, public_status
from ..registry.statements import PublicText, in_language, public_statement
from .diff import answer_parts

GAPS = frozenset({Answer.Status.PARTIAL, Answer.Status.NOT_CONFORMANT})
_CODE = re.compile(r"\((\d+)\)-(\d+)")


class Cell:
    """One declaration's answer to one statement, or why there is none."""

    ANSWER = "answer"
    NOT_IN_PACKAGE = "not_in_package"
    NOT_IN_EDITION = "not_in_edition"

    def __init__(
        self,
        kind: str,
        *,
        status: str = "",
        target_date: datetime.date | None = None,
        today: datetime.date | None = None,
        text: Mapping[str, Any] | None = None,
        public: PublicText | None = None,
    ):
        self.kind = kind
        self.public = public
        self.status = status
        self.target_date = target_date
        self.is_gap = status in GAPS
        self.is_overdue = bool(self.is_gap and target_date and today and target_date < today)
        # Explanation, evidence and plan: None for a reader who may not see them.
        self.text = text

    @property
    def status_label(self) -> str:
        return str(dict(Answer.Status.choices).get(self.status, self.status))

    @property
    def evidence_link_list(self) -> list[str]:
        return list(self.text["evidence_links"]) if self.text else []


@dataclass(frozen=True)
class Column:
    declaration: Declaration
    record: dict[str, Any]
    status: PublicStatus
    full: bool  # the reader may read this declaration's answers

    @property
    def vendor_name(self) -> str:
        names = self.record["organization"]["name"]
        return (get_language() == "en" and names.get("en")) or names["ja"]


@dataclass(frozen=True)
class Row:
    code: str
    title: str
    cells: list[Cell]

    @property
    def has_gap(self) -> bool:
        return any(c.is_gap for c in self.cells)


@dataclass(frozen=True)
class Group:
    number: int
    title: str
    rows: list[Row]


@dataclass(frozen=True)
class Comparison:
    columns: list[Column]
    groups: list[Group]

    @property
    def editions(self) -> list[str]:
        labels: list[str] = []
        for column in self.columns:
            label = column.declaration.edition.label
            if label not in labels:
                labels.append(label)
        return labels

    @property
    def mixed_editions(self) -> bool:
        return len(self.editions) > 1

    @property
    def any_text(self) -> bool:
        return any(c.full for c in self.columns)

    @property
    def all_text(self) -> bool:
        return all(c.full for c in self.columns)


def code_order(code: str) -> tuple[int, int, str]:
    """Statement codes in the guideline's order: (1)-2 before (1)-10 before (2)-1."""
    match = _CODE.match(code)
    return (int(match.group(1)), int(match.group(2)), code) if match else (999, 999, code)


def _localised(titles: Mapping[str, str]) -> str:
    return (get_language() == "en" and titles.get("en")) or titles.get("ja") or ""


def compare(
    declarations: Sequence[Declaration],
    *,
    statements: Mapping[int, Mapping[str, Statement]],
    full: Mapping[int, bool],
    today: datetime.date,
) -> Comparison:
    """The comparison of ``declarations``, in their order.

    ``statements`` holds each edition's statements by code (``queries.editions_statements``),
    ``full`` whether the reader may read each declaration's answers, by its pk.
    """
    columns = [
        Column(
            declaration=d,
            record=json.loads(d.canonical_json),
            status=public_status(d, today=today),
            full=full.get(d.pk, False),
        )
        for d in declarations
    ]
    # The newest edition names the categories and statements, where it has them.
    newest = sorted(columns, key=lambda c: c.declaration.edition_id)[-1].declaration.edition_id
    codes = sorted(
        {code for c in columns for code in c.record["package"]["statements"]}, key=code_order
    )
    groups: dict[int, Group] = {}
    for code in codes:
        cells = [_cell(column, code, statements, today) for column in columns]
        statement = _statement(code, newest, columns, statements)
        number = statement.category.number if statement else code_order(code)[0]
        title = _localised(_titles(code, newest, columns)) or (statement.title if statement else "")
        group = groups.setdefault(
            number, Group(number, statement.category.title if statement else "", [])
        )
        group.rows.append(Row(code=code, title=title, cells=cells))
    return Comparison(columns=columns, groups=[groups[n] for n in sorted(groups)])


def _statement(code, newest, columns, statements) -> Statement | None:
    if code in statements.get(newest, {}):
        return statements[newest][code]
    for column in reversed(columns):
        found = statements.get(column.declaration.edition_id, {}).get(code)
        if found is not None:
            return found
    return None


def _titles(code: str, newest: int, columns: list[Column]) -> Mapping[str, str]:
    """The statement's title as signed, preferring a record on the newest edition."""
    ordered = sorted(columns, key=lambda c: c.declaration.edition_id != newest)
    for column in ordered:
        answer = column.record["answers"].get(code)
        if answer:
            return answer["title"]
    return {}


def _cell(column: Column, code: str, statements, today: datetime.date) -> Cell:
    answer = column.record["answers"].get(code)
    if code not in column.record["package"]["statements"] or answer is None:
        edition_codes = statements.get(column.declaration.edition_id, {})
        return Cell(Cell.NOT_IN_PACKAGE if code in edition_codes else Cell.NOT_IN_EDITION)
    parts = answer_parts(answer)
    # The target date belongs to the plan: only for readers of the answers.
    target = parts["target_date"] if column.full else None
    return Cell(
        Cell.ANSWER,
        status=parts["status"],
        target_date=datetime.date.fromisoformat(target) if target else None,
        today=today,
        text=parts if column.full else None,
        public=in_language(public_statement(dict(answer)), get_language()),
    )
