"""The signed declaration PDF: rendered from the canonical record, then signed.

Everything printed comes from the record that was attested (not from the live
rows), so the PDF says exactly what the digest covers. Only the category
titles, each statement's requirement text with its provenance, and the
package's explanation come from the guideline edition the declaration was made
against, which is frozen once published.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from guidelines.models import Category, Edition, Package, Statement
from guidelines.provenance import Source

from ..models import Answer, Declaration
from .pdf import EmbeddedFile, qr_svg, render_pdf
from .record_texts import LANGUAGES, answer_texts, record_language
from .signing import certificate_fingerprint, sign_pdf

RECORD_FILENAME = "declaration.json"
STATUS_ORDER = [s.value for s in Answer.Status]
STATUS_LABELS = {
    "conformant": ("適合", "Conformant"),
    "partial": ("一部適合", "Partially conformant"),
    "not_conformant": ("不適合", "Not conformant"),
    "not_applicable": ("該当なし", "Not applicable"),
}


def verification_url(serial: str) -> str:
    with translation.override(None):
        return settings.SITE_URL + reverse("verification:serial", args=[serial])


def certificate_url() -> str:
    with translation.override(None):
        return settings.SITE_URL + reverse("verification:certificate")


def _category_number(code: str) -> int:
    return int(code.split(")")[0].lstrip("("))


def _bilingual_label(label: Any) -> dict[str, str]:
    """A model's choice label in both of the PDF's languages."""
    out = {}
    for lang in ("ja", "en"):
        with translation.override(lang):
            out[lang] = str(label())
    return out


# The PDF is bilingual whatever the reader's language: each language's name in both.
LANGUAGE_NAMES = {"ja": ("日本語", "Japanese"), "en": ("英語", "English")}


def _texts_in_order(texts: dict[str, str], language: str) -> list[dict[str, Any]]:
    """The written texts of one field, the authoritative language first; the other one,
    if written, marked as its translation."""
    order = [language, *(code for code in LANGUAGES if code != language)]
    return [
        {"lang": code, "text": texts[code], "translation": code != language}
        for code in order
        if texts[code]
    ]


def pdf_context(declaration: Declaration) -> dict[str, Any]:
    record = json.loads(declaration.canonical_json)
    language = record_language(record)
    categories = {c.number: c for c in Category.objects.filter(edition_id=declaration.edition_id)}
    requirements = {
        code: {"ja": ja, "en": en, "derived": source == Source.PORTAL}
        for code, ja, en, source in Statement.objects.filter(
            edition_id=declaration.edition_id
        ).values_list("code", "description_ja", "description_en", "description_source")
    }
    edition = Edition.objects.get(pk=declaration.edition_id)
    package = Package.objects.filter(
        edition_id=declaration.edition_id, kind=record["package"]["kind"]
    ).first()
    sections: dict[int, dict[str, Any]] = {}
    for code, answer in record["answers"].items():
        number = _category_number(code)
        section = sections.setdefault(
            number, {"category": categories[number], "answers": [], "counts": Counter()}
        )
        label = STATUS_LABELS[answer["status"]]
        texts = answer_texts(answer, language=language)
        section["answers"].append(
            {
                "code": code,
                **answer,
                "label": label,
                "requirement": requirements.get(code),
                "explanation_texts": _texts_in_order(texts.explanation, language),
                "evidence_texts": _texts_in_order(texts.evidence, language),
                "plan_texts": _texts_in_order(texts.remediation_plan, language),
            }
        )
        section["counts"][answer["status"]] += 1
    ordered = [sections[n] for n in sorted(sections)]
    for section in ordered:
        total = len(section["answers"])
        section["bars"] = [
            {
                "status": status,
                "label": STATUS_LABELS[status],
                "count": section["counts"][status],
                "percent": round(100 * section["counts"][status] / total, 1),
            }
            for status in STATUS_ORDER
        ]
    totals = Counter(a["status"] for a in record["answers"].values())
    verify_url = verification_url(record["serial"])
    return {
        "record": record,
        "language": language,
        "language_name": LANGUAGE_NAMES[language],
        "declaration": declaration,
        "edition": edition,
        "edition_kind": _bilingual_label(edition.get_kind_display),
        "package": package,
        # The page marks the portal's own text, so a reader can tell it from the guideline's.
        "has_derived_text": any(a["requirement"]["derived"] for s in ordered for a in s["answers"]),
        "sections": ordered,
        "totals": [
            {"status": s, "label": STATUS_LABELS[s], "count": totals[s]} for s in STATUS_ORDER
        ],
        "verify_url": verify_url,
        # Printed so that a reader can check the signature offline: the same
        # lowercase hex as on the certificate page, to compare at a glance.
        "root_fingerprint": certificate_fingerprint(settings.SIGNING_ROOT_CERT_FILE),
        "certificate_url": certificate_url(),
        # The title is the code's alternate text in the tagged PDF: what a
        # screen reader says for it, in both of the PDF's languages.
        "qr_svg": qr_svg(
            verify_url,
            title=f"この宣言の検証ページへのQRコード {verify_url} "
            f"(QR code for this declaration's verification page)",
        ),
    }


def render_declaration_html(declaration: Declaration) -> str:
    # The document is bilingual by design; its labels are written in the
    # template in both languages, so the active UI language must not leak in.
    with translation.override("ja"):
        return render_to_string("declarations/pdf/declaration.html", pdf_context(declaration))


def render_unsigned(declaration: Declaration) -> bytes:
    return render_pdf(
        render_declaration_html(declaration),
        base_url=None,
        attachments=[
            EmbeddedFile(
                RECORD_FILENAME,
                declaration.canonical_json.encode(),
                "Canonical record (RFC 8785 JSON) of this declaration",
                # The pages are rendered from the record.
                relationship="Source",
            )
        ],
    )


def render_signed(declaration: Declaration) -> bytes:
    return sign_pdf(
        render_unsigned(declaration),
        reason=f"Self-conformity declaration {declaration.serial}",
        location=settings.SITE_URL,
    )
