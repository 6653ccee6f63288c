"""What changed: answer by answer between two signed records, statement by statement
between two guideline editions. Pure functions over plain data, no database.

Answers are matched by statement code, as renewal carries them over, so two
declarations on different editions line up wherever a statement kept its code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guidelines.models import Package

from ..documents.record_texts import bilingual
from ..models import Answer
from ..registry.statements import public_statement


def _both(value: Any) -> str:
    """One free text of a record as a diff compares it: the Japanese and English texts
    (schema /3) one after the other, so that a changed translation shows too; a plain
    string (schemas /1 and /2) as it is."""
    texts = bilingual(value)
    return "\n\n".join(text for text in (texts["ja"], texts["en"]) if text)


class Change(StrEnum):
    CHANGED = "changed"
    ADDED = "added"  # answered in the newer declaration only
    REMOVED = "removed"  # answered in the older declaration only
    UNCHANGED = "unchanged"


# The parts of an answer a diff compares, in the order a page shows them.
ANSWER_FIELDS = ("status", "public_statement", "explanation", "evidence", "plan")
# What anyone may see change: what the public registry shows of an answer. The rest —
# explanation, evidence, and the plan with its target date — only readers of the
# answers (access.may_read_answers).
PUBLIC_FIELDS = frozenset({"status", "public_statement_ja", "public_statement_en"})


FIELD_LABELS = {
    "status": _("Status"),
    "public_statement_ja": _("Public statement (Japanese)"),
    "public_statement_en": _("Public statement (English)"),
    "explanation": _("Explanation"),
    "evidence_links": _("Evidence links"),
    "evidence": _("Evidence (free text)"),
    "plan": _("Remediation plan"),
    "target_date": _("Target date"),
}
CHANGE_LABELS = {
    "changed": _("Changed"),
    "added": _("Newly declared"),
    "removed": _("No longer declared"),
    "unchanged": _("Unchanged"),
}


def status_label(status: str | None) -> str:
    return str(dict(Answer.Status.choices).get(status or "", status or "–"))


def _shown(name: str, value: Any) -> str:
    if name == "status":
        return status_label(value)
    if name == "evidence_links":
        return "\n".join(value)
    return value or "–"


@dataclass(frozen=True)
class FieldChange:
    name: str  # status, explanation, evidence_links, evidence, plan, target_date
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return str(FIELD_LABELS.get(self.name, self.name))

    @property
    def old_display(self) -> str:
        return _shown(self.name, self.old)

    @property
    def new_display(self) -> str:
        return _shown(self.name, self.new)


@dataclass(frozen=True)
class AnswerDiff:
    code: str
    titles: dict[str, str]  # {"ja": …, "en": …} as the newer record signed them
    change: Change
    old_status: str | None
    new_status: str | None
    fields: tuple[FieldChange, ...] = ()

    @property
    def changed_fields(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def change_label(self) -> str:
        return str(CHANGE_LABELS[self.change])

    @property
    def old_status_label(self) -> str:
        return status_label(self.old_status)

    @property
    def new_status_label(self) -> str:
        return status_label(self.new_status)

    @property
    def title(self) -> str:
        return (get_language() == "en" and self.titles.get("en")) or self.titles.get("ja", "")


def answer_parts(answer: Mapping[str, Any]) -> dict[str, Any]:
    """An answer of a signed record, flattened into the parts a diff compares."""
    remediation = answer.get("remediation") or {}
    evidence = answer.get("evidence") or {}
    public = public_statement(dict(answer))
    return {
        "status": answer.get("status") or "",
        "public_statement_ja": public["ja"],
        "public_statement_en": public["en"],
        "explanation": _both(answer.get("explanation")),
        "evidence_links": list(evidence.get("links") or []),
        "evidence": _both(evidence.get("text")),
        "plan": _both(remediation.get("plan")),
        "target_date": remediation.get("target_date"),
    }


def _codes(record: Mapping[str, Any]) -> list[str]:
    return list(record["package"]["statements"])


def answer_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[AnswerDiff]:
    """Every statement of either record's package, newer package's order first, then
    the statements only the older one declared; each marked changed, added, removed or
    unchanged, with the parts that changed."""
    old_codes, new_codes = _codes(old), _codes(new)
    diffs = []
    for code in new_codes + [c for c in old_codes if c not in set(new_codes)]:
        before = old["answers"].get(code) if code in old_codes else None
        after = new["answers"].get(code) if code in new_codes else None
        titles = (after or before or {}).get("title") or {"ja": "", "en": ""}
        if before is None:
            if after is not None:
                diffs.append(AnswerDiff(code, titles, Change.ADDED, None, after["status"]))
            continue
        if after is None:
            diffs.append(AnswerDiff(code, titles, Change.REMOVED, before["status"], None))
            continue
        a, b = answer_parts(before), answer_parts(after)
        fields = tuple(FieldChange(name, a[name], b[name]) for name in a if a[name] != b[name])
        diffs.append(
            AnswerDiff(
                code,
                titles,
                Change.CHANGED if fields else Change.UNCHANGED,
                a["status"],
                b["status"],
                fields,
            )
        )
    return diffs


def visible_changes(diffs: Iterable[AnswerDiff], *, full: bool) -> list[AnswerDiff]:
    """The diff a reader may see: everything, or (``full`` false) only the changes of
    status and public statement. An answer whose only changes are hidden reads as unchanged."""
    if full:
        return list(diffs)
    shown = []
    for diff in diffs:
        fields = tuple(f for f in diff.fields if f.name in PUBLIC_FIELDS)
        change = diff.change
        if change == Change.CHANGED and not fields:
            change = Change.UNCHANGED
        shown.append(
            AnswerDiff(diff.code, diff.titles, change, diff.old_status, diff.new_status, fields)
        )
    return shown


# ---------------------------------------------------------------- editions


@dataclass(frozen=True)
class StatementFacts:
    """What an edition says about one statement, as plain values that compare."""

    code: str
    category: int
    titles: dict[str, str]
    descriptions: dict[str, str] = field(default_factory=dict)
    classification: tuple[str, str, str] = ("", "", "")  # alignment, effect, difficulty
    packages: frozenset[str] = frozenset()  # the kinds of the packages that hold it

    @property
    def title(self) -> str:
        return (get_language() == "en" and self.titles.get("en")) or self.titles.get("ja", "")

    @property
    def package_labels(self) -> str:
        labels = dict(Package.Kind.choices)
        kinds = [kind for kind in labels if kind in self.packages]
        return ", ".join(str(labels[kind]) for kind in kinds) or "–"


# The facts an edition diff compares, and how a page names each.
STATEMENT_FIELDS = ("category", "titles", "descriptions", "classification", "packages")


STATEMENT_FIELD_LABELS = {
    "category": _("category"),
    "titles": _("wording"),
    "descriptions": _("description"),
    "classification": _("classification"),
    "packages": _("packages"),
}


@dataclass(frozen=True)
class StatementChange:
    code: str
    change: Change
    old: StatementFacts | None
    new: StatementFacts | None
    fields: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        facts = self.new or self.old
        if facts is None:
            return ""
        return (get_language() == "en" and facts.titles.get("en")) or facts.titles.get("ja", "")

    @property
    def field_labels(self) -> list[str]:
        return [str(STATEMENT_FIELD_LABELS[name]) for name in self.fields]


@dataclass(frozen=True)
class EditionDiff:
    new: list[StatementChange]
    changed: list[StatementChange]
    gone: list[StatementChange]

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.gone)


def edition_changes(
    old: Mapping[str, StatementFacts], new: Mapping[str, StatementFacts]
) -> EditionDiff:
    """Statements, by code, that the newer edition added, changed or dropped
    (each mapping in its edition's order)."""
    added, changed, gone = [], [], []
    for code, facts in new.items():
        before = old.get(code)
        if before is None:
            added.append(StatementChange(code, Change.ADDED, None, facts))
            continue
        fields = tuple(
            name for name in STATEMENT_FIELDS if getattr(before, name) != getattr(facts, name)
        )
        if fields:
            changed.append(StatementChange(code, Change.CHANGED, before, facts, fields))
    for code, facts in old.items():
        if code not in new:
            gone.append(StatementChange(code, Change.REMOVED, facts, None))
    return EditionDiff(new=added, changed=changed, gone=gone)
