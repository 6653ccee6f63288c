"""An answer's public statement, read from a signed record, in the reader's language.

The public statement is the one part of an answer besides its status that the
registry shows anyone (the explanation, evidence and plan are for those
``access.may_read_answers`` lets in). A vendor writes it in Japanese, English,
both or neither. Records of schema ``/1`` have none: they read as empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGUAGES = ("ja", "en")


def public_statement(answer: dict[str, Any]) -> dict[str, str]:
    """``{"ja": …, "en": …}`` of a record's answer, empty strings where none was written."""
    written = answer.get("public_statement") or {}
    return {language: written.get(language) or "" for language in LANGUAGES}


@dataclass(frozen=True)
class PublicText:
    """The statement to show a reader: ``lang`` is the language it is written in, and
    ``fallback`` says it is not the reader's language (the page marks it so)."""

    text: str
    lang: str
    fallback: bool


def in_language(statement: dict[str, str], language: str | None) -> PublicText | None:
    """The statement in ``language`` if written in it, else in the other one; None if neither."""
    wanted = "en" if (language or "").startswith("en") else "ja"
    other = "ja" if wanted == "en" else "en"
    if statement.get(wanted):
        return PublicText(statement[wanted], wanted, fallback=False)
    if statement.get(other):
        return PublicText(statement[other], other, fallback=True)
    return None
