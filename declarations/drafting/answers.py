"""What makes an answer valid, and the values that carry an answer from a page to a save.

``answer_problems`` is the one rule for an answer: the answer form shows its
problems at the fields, and attestation runs it again on every answer of the
package, so nothing invalid is ever signed — not even an answer that was
valid when it was typed (a remediation target date that has since passed).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import limits
from ..models import Answer

A = Answer.Status
GAPS = frozenset({A.PARTIAL, A.NOT_CONFORMANT})


@dataclass(frozen=True)
class AnswerProblem:
    field: str
    code: str
    message: str


def evidence_links(text: str) -> list[str]:
    """The non-empty lines of an evidence links field, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def bad_evidence_links(text: str) -> list[tuple[int, str]]:
    """(line number, line) of every evidence line that is not an http(s) address."""
    validate = URLValidator(schemes=["http", "https"])
    bad = []
    for number, line in enumerate(evidence_links(text), start=1):
        try:
            validate(line)
        except ValidationError:
            bad.append((number, line))
    return bad


def bad_link_message(number: int, line: str) -> str:
    return _("Line %(number)s is not a web address (http:// or https://): %(value)s") % {
        "number": number,
        "value": line,
    }


PUBLIC_STATEMENT_FIELDS = ("public_statement_ja", "public_statement_en")

# The free text of an answer and how long each may be: the page shows the
# limit at the field, attestation refuses an answer over it (drafts saved
# before the limits existed), and ``save_answers`` never writes one.
TEXT_LIMITS = {
    "explanation": limits.EXPLANATION,
    "explanation_en": limits.EXPLANATION,
    "evidence_links": limits.EVIDENCE_LINKS,
    "evidence": limits.EVIDENCE,
    "evidence_en": limits.EVIDENCE,
    "remediation_plan": limits.REMEDIATION_PLAN,
    "remediation_plan_en": limits.REMEDIATION_PLAN,
}
FIELD_LABELS = {
    "explanation": gettext_lazy("Explanation (Japanese)"),
    "explanation_en": gettext_lazy("Explanation (English)"),
    "evidence_links": gettext_lazy("Evidence links"),
    "evidence": gettext_lazy("Evidence (free text, Japanese)"),
    "evidence_en": gettext_lazy("Evidence (free text, English)"),
    "remediation_plan": gettext_lazy("Remediation plan (Japanese)"),
    "remediation_plan_en": gettext_lazy("Remediation plan (English)"),
    "public_statement_ja": gettext_lazy("Public statement (Japanese)"),
    "public_statement_en": gettext_lazy("Public statement (English)"),
}


def text_field(name: str, language: str) -> str:
    """The field holding the free text ``name`` (explanation, evidence, remediation_plan)
    in ``language``: Japanese is the plain field, English the ``_en`` one."""
    return Answer.BILINGUAL_FIELDS[name][0 if language == "ja" else 1]


def length_problems(**texts: str) -> list[AnswerProblem]:
    """Each of the answer's free texts (by field name) that is over its limit."""
    problems = []
    for field, text in texts.items():
        limit = TEXT_LIMITS[field]
        if len(text) > limit:
            message = limits.too_long_message(limit=limit, length=len(text))
            problems.append(AnswerProblem(field, "too_long", message))
    return problems


def public_statement_problems(
    *, public_statement_ja: str, public_statement_en: str
) -> list[AnswerProblem]:
    """A public statement is optional in either language, and short: the registry shows it
    to everyone beside the answer's status."""
    limit = Answer.PUBLIC_STATEMENT_MAX_LENGTH
    problems = []
    for field, text in zip(
        PUBLIC_STATEMENT_FIELDS, (public_statement_ja, public_statement_en), strict=True
    ):
        if len(text) > limit:
            message = _("Keep the public statement to %(limit)s characters; it has %(length)s.") % {
                "limit": limit,
                "length": len(text),
            }
            problems.append(AnswerProblem(field, "too_long", message))
    return problems


def answer_problems(
    *,
    status: str,
    explanation: str,
    evidence_links: str,
    remediation_plan: str,
    target_date: datetime.date | None,
    today: datetime.date,
    public_statement_ja: str = "",
    public_statement_en: str = "",
    evidence: str = "",
    language: str = "ja",
    explanation_en: str = "",
    evidence_en: str = "",
    remediation_plan_en: str = "",
) -> list[AnswerProblem]:
    """Everything wrong with one answer as of ``today``; an unanswered one has no problems
    but the shape of what was typed (a link that is not one, an overlong text).

    Each free text comes in Japanese (``explanation``…) and English (``…_en``). Where a
    text is required, it is required in the declaration's authoritative ``language``;
    the other language is an optional translation."""
    problems = length_problems(
        explanation=explanation,
        explanation_en=explanation_en,
        evidence_links=evidence_links,
        evidence=evidence,
        evidence_en=evidence_en,
        remediation_plan=remediation_plan,
        remediation_plan_en=remediation_plan_en,
    )
    authoritative = {
        "explanation": explanation_en if language == "en" else explanation,
        "remediation_plan": remediation_plan_en if language == "en" else remediation_plan,
    }
    if len(evidence_links) <= limits.EVIDENCE_LINKS:
        # Over the limit, that is the one thing to say: not a line-by-line list.
        problems += [
            AnswerProblem("evidence_links", "invalid_url", bad_link_message(number, line))
            for number, line in bad_evidence_links(evidence_links)
        ]
    problems += public_statement_problems(
        public_statement_ja=public_statement_ja, public_statement_en=public_statement_en
    )
    if not status:
        return problems
    in_english = language == "en"
    if status != A.CONFORMANT and not authoritative["explanation"].strip():
        if status == A.NOT_APPLICABLE:
            message = (
                _("Give the justification in English: why does this statement not apply?")
                if in_english
                else _("Give the justification: why does this statement not apply?")
            )
        else:
            message = (
                _("Explain this answer in English: it is required unless conformant.")
                if in_english
                else _("Explain this answer: it is required unless conformant.")
            )
        problems.append(AnswerProblem(text_field("explanation", language), "required", message))
    if status in GAPS:
        if not authoritative["remediation_plan"].strip():
            message = (
                _("Describe the remediation plan for this gap in English.")
                if in_english
                else _("Describe the remediation plan for this gap.")
            )
            problems.append(
                AnswerProblem(text_field("remediation_plan", language), "required", message)
            )
        if target_date is None:
            message = _("Give the target date for closing this gap.")
            problems.append(AnswerProblem("target_date", "required", message))
        elif target_date <= today:
            message = _("The target date must be in the future.")
            problems.append(AnswerProblem("target_date", "past", message))
    return problems


def problems_of(
    answer: Answer, *, today: datetime.date, language: str = "ja"
) -> list[AnswerProblem]:
    return answer_problems(
        language=language,
        explanation_en=answer.explanation_en,
        evidence_en=answer.evidence_en,
        remediation_plan_en=answer.remediation_plan_en,
        status=answer.status,
        explanation=answer.explanation,
        evidence_links=answer.evidence_links,
        remediation_plan=answer.remediation_plan,
        target_date=answer.target_date,
        today=today,
        public_statement_ja=answer.public_statement_ja,
        public_statement_en=answer.public_statement_en,
        evidence=answer.evidence,
    )


@dataclass(frozen=True)
class AnswerChange:
    """What someone typed for one answer, and the version of it they started from."""

    answer_id: int
    version: int
    status: str = ""
    explanation: str = ""
    evidence_links: str = ""
    evidence: str = ""
    remediation_plan: str = ""
    target_date: datetime.date | None = None
    public_statement_ja: str = ""
    public_statement_en: str = ""
    explanation_en: str = ""
    evidence_en: str = ""
    remediation_plan_en: str = ""


@dataclass(frozen=True)
class Conflict:
    """Someone else saved the answer since ``yours`` was loaded: ``theirs`` is what is stored."""

    yours: AnswerChange
    theirs: Answer


@dataclass(frozen=True)
class SaveResult:
    saved: list[int]
    conflicts: list[Conflict]
