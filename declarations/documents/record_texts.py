"""An answer's free texts read out of a signed record of any schema, in both languages.

Records of schema ``/3`` name their authoritative ``language`` and hold each
free text (explanation, evidence text, remediation plan) as ``{"ja": …, "en": …}``.
Records signed before — ``/1`` and ``/2`` — hold one plain string each and no
language: they were Japanese declarations, so the string is the Japanese text
and there is no translation. Every reader of a record (the PDF, the registry,
the comparison) goes through here, so every schema reads the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"


def record_language(record: dict[str, Any]) -> str:
    """The record's authoritative language: ``ja`` for records that name none."""
    language = record.get("language")
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def bilingual(value: Any, *, language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """``{"ja": …, "en": …}`` of one text: a plain string (schemas /1 and /2) is the
    text in the record's ``language``, the other language empty."""
    if isinstance(value, dict):
        return {code: value.get(code) or "" for code in LANGUAGES}
    texts = dict.fromkeys(LANGUAGES, "")
    texts[language] = value or ""
    return texts


@dataclass(frozen=True)
class AnswerTexts:
    explanation: dict[str, str]
    evidence: dict[str, str]
    remediation_plan: dict[str, str]


def answer_texts(answer: dict[str, Any], *, language: str) -> AnswerTexts:
    """The free texts of one answer of a record whose authoritative language is ``language``."""
    evidence = answer.get("evidence") or {}
    remediation = answer.get("remediation") or {}
    return AnswerTexts(
        explanation=bilingual(answer.get("explanation"), language=language),
        evidence=bilingual(evidence.get("text"), language=language),
        remediation_plan=bilingual(remediation.get("plan"), language=language),
    )


def authoritative_text(value: Any, *, language: str) -> str:
    """The text in the authoritative language alone (for a diff or a search)."""
    return bilingual(value, language=language)[language]
