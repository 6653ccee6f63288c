"""Helpers for the drafting tests: URLs and the POST data of an answer page."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from declarations.drafting.forms import answer_fingerprint
from declarations.models import Answer, Declaration

CONFORMANT = {"status": "conformant", "explanation": "手順書に従い実施している。"}
NOT_APPLICABLE = {
    "status": "not_applicable",
    "explanation": "本製品はオンプレミス専用のため該当しない。",
}


def future(days: int = 90) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def gap(status: str = "not_conformant") -> dict:
    return {
        "status": status,
        "explanation": "SBOM の作成は未着手。",
        "remediation_plan": "CI に SBOM 生成を組み込む。",
        "target_date": future(),
    }


def answer_url(declaration: Declaration, category_number: int, language: str | None = None) -> str:
    """The answer page of a category, in the active language or in ``language``."""
    with translation.override(language or translation.get_language()):
        return reverse(
            "declarations:declaration_answer",
            kwargs={"declaration_pk": declaration.pk, "category_number": category_number},
        )


def url(name: str, declaration: Declaration, language: str | None = None) -> str:
    with translation.override(language or translation.get_language()):
        return reverse(f"declarations:{name}", kwargs={"declaration_pk": declaration.pk})


def page_answers(declaration: Declaration, category_number: int) -> list[Answer]:
    declaration.refresh_from_db()
    return list(
        Answer.objects.filter(
            declaration=declaration,
            statement__category__number=category_number,
            statement__packages=declaration.package_id,
        )
        .select_related("statement")
        .order_by("statement__position")
    )


def page_data(
    declaration: Declaration,
    category_number: int,
    changes: dict[str, dict] | None = None,
    *,
    every: dict | None = None,
    action: str = "save",
) -> dict[str, str]:
    """What the browser sends for a category page: every answer as stored and the
    version it was loaded at, with ``changes`` (by statement code) or ``every``
    applied on top."""
    changes = changes or {}
    data = {"action": action}
    for answer in page_answers(declaration, category_number):
        values = {
            "status": answer.status,
            "explanation": answer.explanation,
            "evidence_links": answer.evidence_links,
            "evidence": answer.evidence,
            "remediation_plan": answer.remediation_plan,
            "target_date": answer.target_date.isoformat() if answer.target_date else "",
            "public_statement_ja": answer.public_statement_ja,
            "public_statement_en": answer.public_statement_en,
            "version": answer.version,
            "loaded": answer_fingerprint(answer),
        }
        values |= every or {}
        values |= changes.get(answer.statement.code, {})
        prefix = f"s{answer.statement.slug}"
        data |= {f"{prefix}-{name}": str(value) for name, value in values.items()}
    return data


def answer_of(declaration: Declaration, code: str) -> Answer:
    return Answer.objects.select_related("statement", "updated_by").get(
        declaration=declaration, statement__code=code
    )
