"""An issued declaration as a CycloneDX 1.6 BOM, in the specification's attestations part.

Built from the signed canonical record, so it says what was signed and no
more: the guideline's package as a standard (one requirement per statement of
the package), the vendor's attestation mapping each requirement to one claim
about the product (its answer status and public statement), the signatory as
the affirmation's. What the registry shows anyone, nothing else: explanations,
evidence and remediation plans stay out (``access.may_read_answers``), so the
export is the same for every reader. docs/interchange.md describes the mapping.

What happened since the signature (superseded, withdrawn, revoked, expired) is
a property, and a BOM whose declaration is no longer in force is version 2 of
the same serial number.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from guidelines.models import Statement
from guidelines.oscal import control_id

from ..models import Answer, Declaration
from .public import links, record_of
from .search import PublicStatus, public_status
from .statements import in_language, public_statement

SPEC_VERSION = "1.6"
# Properties of the portal's own vocabulary are named under this prefix
# (CycloneDX property names are free text; a prefix keeps them apart).
PREFIX = "jp-cyber-infrastructure-declaration"
_ROOT = uuid.uuid5(uuid.NAMESPACE_URL, "urn:declaration-portal:cyclonedx")
# How far a status goes to meeting a requirement; not applicable has no score.
SCORES = {
    Answer.Status.CONFORMANT: 1,
    Answer.Status.PARTIAL: 0.5,
    Answer.Status.NOT_CONFORMANT: 0,
}
PRODUCT, ASSESSOR, STANDARD = "product", "assessor", "guideline"

JSON = dict[str, Any]


def _text(bilingual: dict[str, str], lang: str) -> str:
    chosen = in_language(bilingual, lang)
    return chosen.text if chosen else ""


def _property(name: str, value: object) -> list[JSON]:
    if value in (None, ""):
        return []
    return [{"name": f"{PREFIX}:{name}", "value": str(value)}]


def requirement_ref(code: str) -> str:
    return f"requirement-{control_id(code)}"


def claim_ref(code: str) -> str:
    return f"claim-{control_id(code)}"


def _absolute(viewname: str, *args: str) -> str:
    return settings.SITE_URL + reverse(viewname, args=list(args))


def _organization(record: JSON, lang: str) -> JSON:
    return {"name": _text(record["organization"]["name"], lang)}


def _component(record: JSON, lang: str) -> JSON:
    product = record["product"]
    component: JSON = {
        "type": "application",
        "bom-ref": PRODUCT,
        "supplier": _organization(record, lang),
        "name": product["name"],
    }
    if product["version"]:
        component["version"] = product["version"]
    if product["url"]:
        component["externalReferences"] = [{"type": "website", "url": product["url"]}]
    component["properties"] = [
        *_property("product-kind", product["kind"]),
        *(p for role in product["roles"] for p in _property("vendor-role", role)),
    ]
    return component


def _standard(record: JSON, statements: dict[str, Statement], lang: str) -> JSON:
    guideline, package = record["guideline"], record["package"]
    requirements = []
    for code in package["statements"]:
        statement = statements.get(code)
        requirement: JSON = {
            "bom-ref": requirement_ref(code),
            "identifier": code,
            "text": _text(record["answers"][code]["title"], lang),
        }
        if statement is not None:
            description = _text(
                {lang: getattr(statement, f"description_{lang}") or "" for lang in ("ja", "en")},
                lang,
            )
            if description:
                requirement["descriptions"] = [description]
            requirement["externalReferences"] = [
                {
                    "type": "documentation",
                    "url": _absolute("guidelines:statement", guideline["edition"], statement.slug),
                }
            ]
        requirements.append(requirement)
    with translation.override(None):
        oscal_profile = _absolute(
            "guidelines_api:api_oscal_profile", guideline["edition"], package["kind"]
        )
    return {
        "bom-ref": STANDARD,
        "name": _text(guideline["title"], lang),
        "version": guideline["edition"],
        "requirements": requirements,
        "levels": [
            {
                "bom-ref": f"level-{package['kind']}",
                "identifier": package["kind"],
                "title": _text(package["title"], lang),
                "requirements": [requirement_ref(code) for code in package["statements"]],
            }
        ],
        "externalReferences": [
            {
                "type": "documentation",
                "url": _absolute("guidelines:edition", guideline["edition"]),
                "comment": _("The guideline edition the declaration was made against"),
            },
            {
                "type": "other",
                "url": oscal_profile,
                "comment": _("The package as an OSCAL profile"),
            },
        ],
    }


def _claims(record: JSON, lang: str) -> list[JSON]:
    statuses = dict(Answer.Status.choices)
    claims = []
    for code in record["package"]["statements"]:
        answer = record["answers"][code]
        claim: JSON = {
            "bom-ref": claim_ref(code),
            "target": PRODUCT,
            "predicate": _("%(code)s %(title)s: %(status)s")
            % {
                "code": code,
                "title": _text(answer["title"], lang),
                "status": statuses.get(answer["status"], answer["status"]),
            },
        }
        reasoning = _text(public_statement(answer), lang)
        if reasoning:
            claim["reasoning"] = reasoning
        claims.append(claim)
    return claims


def _conformance(status: str) -> JSON:
    conformance: JSON = {"rationale": status}
    if status in SCORES:
        conformance["score"] = SCORES[Answer.Status(status)]
    return conformance


def _affirmation(record: JSON, pdf_url: str, lang: str) -> JSON:
    signatory = record["signatory"]
    statement = _(
        "%(name)s (%(title)s) attested on behalf of %(organization)s, on %(date)s, that "
        "declaration %(serial)s states the product's conformity to the guideline truly; the "
        "portal seals the record with its signature in the PDF."
    ) % {
        "name": signatory["name"],
        "title": signatory["title"],
        "organization": _organization(record, lang)["name"],
        "date": record["attested_at"][:10],
        "serial": record["serial"],
    }
    return {
        "statement": statement,
        "signatories": [
            {
                "name": signatory["name"],
                "role": signatory["title"],
                "organization": _organization(record, lang),
                "externalReference": {
                    "type": "electronic-signature",
                    "url": pdf_url,
                    "comment": _("The signed PDF, with the record embedded"),
                },
            }
        ],
    }


def bom(declaration: Declaration, *, today: datetime.date, lang: str) -> JSON:
    """The declaration's CycloneDX BOM in ``lang`` (the other language where one is missing)."""
    record = record_of(declaration)
    serial = record["serial"]
    status = public_status(declaration, today=today)
    codes = record["package"]["statements"]
    statements = {
        s.code: s
        for s in Statement.objects.filter(edition_id=declaration.edition_id, code__in=codes)
    }
    pages = links(serial)
    with translation.override(None):
        pdf_url = _absolute("declarations:registry_pdf", serial)
        verify_api = _absolute("api:verify_serial", serial)
    successor = getattr(declaration, "superseded_by", None)
    status_label = dict(PublicStatus.choices)[status]
    return {
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "serialNumber": f"urn:uuid:{uuid.uuid5(_ROOT, f'{serial}/{declaration.digest}')}",
        "version": 1 if status == PublicStatus.IN_FORCE else 2,
        "metadata": {
            "timestamp": record["attested_at"],
            "supplier": _organization(record, lang),
            "component": _component(record, lang),
            "properties": [
                *_property("serial", serial),
                *_property("status", status.value),
                *_property("corporate-number", record["organization"]["corporate_number"]),
                *_property("guideline-edition", record["guideline"]["edition"]),
                *_property("guideline-digest", f"sha256:{record['guideline']['content_digest']}"),
                *_property("package", record["package"]["kind"]),
                *_property("valid-until", record["valid_until"]),
                *_property("supersedes", record["supersedes"]),
                *_property("superseded-by", successor.serial if successor else None),
                *_property("record-schema", record["schema"]),
                *_property("record-digest", f"sha256:{declaration.digest}"),
            ],
        },
        "externalReferences": [
            {
                "type": "attestation",
                "url": pages["summary"],
                "comment": _("The declaration in the registry"),
            },
            {
                "type": "electronic-signature",
                "url": pdf_url,
                "comment": _("The signed PDF (for approved customers and the provider)"),
            },
            {
                "type": "other",
                "url": verify_api,
                "comment": _("Verification API: the declaration's current status"),
            },
        ],
        "definitions": {"standards": [_standard(record, statements, lang)]},
        "declarations": {
            "assessors": [
                {
                    "bom-ref": ASSESSOR,
                    "thirdParty": False,
                    "organization": _organization(record, lang),
                }
            ],
            "attestations": [
                {
                    "summary": _("Self-conformity declaration %(serial)s: %(status)s")
                    % {"serial": serial, "status": status_label},
                    "assessor": ASSESSOR,
                    "map": [
                        {
                            "requirement": requirement_ref(code),
                            "claims": [claim_ref(code)],
                            "conformance": _conformance(record["answers"][code]["status"]),
                        }
                        for code in codes
                    ],
                }
            ],
            "claims": _claims(record, lang),
            "affirmation": _affirmation(record, pdf_url, lang),
        },
    }
