"""Verifying a declaration: an uploaded PDF, or a serial number.

One verdict, with its reasons. For an upload the checks are, in order: the
signature is intact, by a certificate under the portal's root and covers the
whole file; the embedded canonical record is the one in the registry (same
SHA-256); and the declaration is still in force. A bad upload gets a verdict,
never an exception.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from ..documents.pdf import extract_attachment
from ..documents.rendering import RECORD_FILENAME
from ..documents.signing import SignatureCheck, verify_pdf
from ..models import Declaration

S = Declaration.Status


class Outcome:
    CURRENT = "current"  # authentic and in force
    NOT_CURRENT = "not_current"  # authentic, but withdrawn, revoked, superseded or expired
    INVALID = "invalid"  # not what the portal issued, or altered
    UNKNOWN = "unknown"  # no such serial


@dataclass
class Check:
    ok: bool
    text: str


@dataclass
class Verdict:
    outcome: str
    headline: str
    checks: list[Check] = field(default_factory=list)
    declaration: Declaration | None = None
    signature: SignatureCheck | None = None
    is_issued_file: bool = False  # byte-identical to the PDF the portal issued


def status_check(declaration: Declaration) -> Check:
    """Whether the declaration is in force today, and if not, since when and why."""
    status = declaration.status
    if status == S.PUBLISHED:
        if declaration.valid_until and declaration.valid_until < timezone.localdate():
            ended = _("Its validity ended on %(date)s.")
            return Check(False, ended % {"date": declaration.valid_until})
        return Check(
            True,
            _("It is in force, valid until %(date)s.") % {"date": declaration.valid_until},
        )
    event = declaration.events.filter(to_status=status).order_by("-at").first()
    when = timezone.localtime(event.at).date() if event else None
    texts: dict[str, str] = {
        S.SUPERSEDED: _("It was superseded by a newer declaration on %(date)s."),
        S.WITHDRAWN: _("It was withdrawn by the vendor on %(date)s."),
        S.REVOKED: _("It was revoked by the portal on %(date)s."),
        S.EXPIRED: _("It expired on %(date)s."),
    }
    text = texts.get(status, _("It is not published.")) % {"date": when}
    if event and event.reason and status in (S.WITHDRAWN, S.REVOKED):
        text += " " + _("Reason: %(reason)s") % {"reason": event.reason}
    return Check(False, text)


def verify_serial(serial: str) -> Verdict:
    declaration = (
        Declaration.objects.issued()
        .select_related("organization", "product", "edition", "package")
        .filter(serial=serial.strip().upper())
        .first()
    )
    if declaration is None:
        return Verdict(Outcome.UNKNOWN, _("No declaration has this serial number."))
    check = status_check(declaration)
    return _verdict_for(declaration, [check], signature=None)


def _verdict_for(declaration, checks, *, signature, is_issued_file=False) -> Verdict:
    in_force = checks[-1].ok
    headline = _("Authentic and in force.") if in_force else _("Authentic, but no longer in force.")
    return Verdict(
        Outcome.CURRENT if in_force else Outcome.NOT_CURRENT,
        headline,
        checks,
        declaration=declaration,
        signature=signature,
        is_issued_file=is_issued_file,
    )


def _invalid(checks: list[Check], signature=None) -> Verdict:
    headline = _("This file is not a valid declaration of this portal.")
    return Verdict(Outcome.INVALID, headline, checks, signature=signature)


def verify_upload(data: bytes) -> Verdict:
    signature = verify_pdf(data)
    if not signature.ok:
        checks = [Check(False, str(message)) for message in signature.messages]
        return _invalid(checks, signature)
    checks = [
        Check(
            True,
            _(
                "The signature is intact, by the portal's certificate (%(subject)s), "
                "and covers the whole file."
            )
            % {"subject": signature.signer_subject},
        )
    ]
    embedded = extract_attachment(data, RECORD_FILENAME)
    if embedded is None:
        checks.append(Check(False, _("The file carries no canonical record.")))
        return _invalid(checks, signature)
    digest = hashlib.sha256(embedded).hexdigest()
    try:
        serial = json.loads(embedded).get("serial", "")
    except (ValueError, AttributeError):
        serial = ""
    declaration = (
        Declaration.objects.issued()
        .select_related("organization", "product", "edition", "package")
        .filter(serial=serial)
        .first()
    )
    if declaration is None or declaration.digest != digest:
        checks.append(Check(False, _("The embedded record does not match the registry's record.")))
        return _invalid(checks, signature)
    checks.append(
        Check(
            True,
            _(
                "The embedded record matches the registry's record of %(serial)s "
                "(SHA-256 %(digest)s)."
            )
            % {"serial": declaration.serial, "digest": digest[:16] + "…"},
        )
    )
    checks.append(status_check(declaration))
    is_issued_file = hashlib.sha256(data).hexdigest() == declaration.pdf_sha256
    return _verdict_for(declaration, checks, signature=signature, is_issued_file=is_issued_file)
