"""The reads behind comparing and diffing, each in a fixed number of queries."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from guidelines.models import PackageStatement, Statement

from ..access import may_read_answers
from ..models import Declaration
from .diff import (
    AnswerDiff,
    Change,
    EditionDiff,
    StatementFacts,
    answer_changes,
    edition_changes,
    visible_changes,
)


def comparable_declarations(serials: Sequence[str]) -> dict[str, Declaration]:
    """The issued declarations with these serials, by serial, in one query. Drafts have
    no serial and are never compared: a serial that finds nothing here is unknown."""
    found = (
        Declaration.objects.issued()
        .filter(serial__in=list(serials))
        .select_related("organization", "edition", "package", "superseded_by")
        .defer("search_text")
    )
    return {d.serial: d for d in found if d.serial}


def editions_statements(edition_ids: Sequence[int]) -> dict[int, dict[str, Statement]]:
    """Each edition's statements by code, in the edition's order, with their categories,
    in one query whatever the number of editions."""
    statements: dict[int, dict[str, Statement]] = {pk: {} for pk in edition_ids}
    for statement in (
        Statement.objects.filter(edition_id__in=list(edition_ids))
        .select_related("category")
        .order_by("category__number", "position", "pk")
    ):
        statements[statement.edition_id][statement.code] = statement
    return statements


def statement_facts(edition_id: int) -> dict[str, StatementFacts]:
    """What the edition says about each statement, in its order (two queries)."""
    packages: dict[int, set[str]] = {}
    for statement_id, kind in PackageStatement.objects.filter(
        package__edition_id=edition_id
    ).values_list("statement_id", "package__kind"):
        packages.setdefault(statement_id, set()).add(kind)
    return {
        s.code: StatementFacts(
            code=s.code,
            category=s.category.number,
            titles=_bilingual(s, "title"),
            descriptions=_bilingual(s, "description"),
            classification=(s.alignment, s.effect, s.difficulty),
            packages=frozenset(packages.get(s.pk, ())),
        )
        for s in Statement.objects.filter(edition_id=edition_id)
        .select_related("category")
        .order_by("category__number", "position", "pk")
    }


def _bilingual(statement: Statement, field: str) -> dict[str, str]:
    # Both languages, whichever is active: the fields django-modeltranslation adds.
    return {lang: getattr(statement, f"{field}_{lang}") or "" for lang in ("ja", "en")}


# -------------------------------------------------- on a declaration's pages


@dataclass(frozen=True)
class SupersessionDiff:
    """What changed from the declaration ``older`` to ``newer``, as one reader may see it."""

    older: Declaration
    newer: Declaration
    answers: list[AnswerDiff]
    full: bool  # whether the reader sees explanations, evidence and plans

    @property
    def changed(self) -> list[AnswerDiff]:
        return [a for a in self.answers if a.change != Change.UNCHANGED]

    @property
    def unchanged(self) -> list[AnswerDiff]:
        return [a for a in self.answers if a.change == Change.UNCHANGED]

    @property
    def editions_differ(self) -> bool:
        return self.older.edition_id != self.newer.edition_id


def _record(declaration: Declaration) -> dict[str, Any]:
    return json.loads(declaration.canonical_json)


def supersession_diff(declaration: Declaration, user) -> SupersessionDiff | None:
    """The diff of an issued declaration against the one it superseded, if it did.

    Anyone who may read both sees what changed in status and target dates;
    the text fields only a reader of both declarations' answers."""
    older = declaration.supersedes if declaration.supersedes_id else None
    if declaration.is_draft or older is None:
        return None
    full = may_read_answers(user, declaration) and may_read_answers(user, older)
    diffs = answer_changes(_record(older), _record(declaration))
    return SupersessionDiff(
        older=older, newer=declaration, answers=visible_changes(diffs, full=full), full=full
    )


def previous_declaration(draft: Declaration) -> Declaration | None:
    """What a draft follows: the declaration it renews, else its product's latest issued one."""
    if draft.renewal_of_id:
        return Declaration.objects.select_related("edition").get(pk=draft.renewal_of_id)
    return (
        Declaration.objects.issued()
        .filter(product_id=draft.product_id)
        .select_related("edition")
        .order_by("-attested_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class EditionChange:
    """A draft on a newer guideline edition than the declaration it follows."""

    previous: Declaration
    diff: EditionDiff


def draft_edition_change(draft: Declaration) -> EditionChange | None:
    if not draft.is_draft:
        return None
    previous = previous_declaration(draft)
    if previous is None or previous.edition_id == draft.edition_id:
        return None
    diff = edition_changes(statement_facts(previous.edition_id), statement_facts(draft.edition_id))
    return EditionChange(previous=previous, diff=diff)


def declaration_changes(declaration: Declaration, user) -> dict[str, Any]:
    """The context a declaration's page adds for its changes (``_declaration_changes.html``)."""
    return {
        "supersession": supersession_diff(declaration, user),
        "edition_change": draft_edition_change(declaration),
    }
