"""Verifying a declaration: an uploaded PDF, or a serial number.

One verdict, with its reasons, each under a stable code (``codes``). For an
upload the checks are, in order: the signature is intact, by a certificate
under the portal's root and covers the whole file; the embedded canonical
record is the one in the registry (same SHA-256); and the declaration is still
in force. A bad upload gets a verdict, never an exception.

A serial number alone says only what the registry holds: that the serial is
registered, and whether its declaration is in force. Only a document can be
authentic, so only an upload's verdict says so.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from ..documents.signing import PROBLEM_MESSAGES, SignatureCheck
from ..models import Declaration, normalise_serial
from .codes import Checked, Outcome, Reason
from .inspection import OverBudget, inspect_upload

__all__ = ["Check", "Outcome", "Reason", "Verdict", "verify_serial", "verify_upload"]

logger = logging.getLogger(__name__)
S = Declaration.Status


@dataclass
class Check:
    ok: bool
    code: Reason
    text: str


@dataclass
class Verdict:
    outcome: Outcome
    headline: str
    checked: Checked
    checks: list[Check] = field(default_factory=list)
    declaration: Declaration | None = None
    signature: SignatureCheck | None = None
    is_issued_file: bool = False  # byte-identical to the PDF the portal issued


def _issued(text: str) -> Declaration | None:
    return (
        Declaration.objects.issued()
        .select_related("organization", "product", "edition", "package", "superseded_by")
        .with_serial(text)
        .first()
    )


def status_check(declaration: Declaration) -> Check:
    """Whether the declaration is in force today, and if not, since when and why."""
    status = declaration.status
    if status == S.PUBLISHED:
        if declaration.valid_until and declaration.valid_until < timezone.localdate():
            ended = _("Its validity ended on %(date)s.")
            return Check(False, Reason.VALIDITY_ENDED, ended % {"date": declaration.valid_until})
        return Check(
            True,
            Reason.IN_FORCE,
            _("It is in force, valid until %(date)s.") % {"date": declaration.valid_until},
        )
    event = declaration.events.filter(to_status=status).order_by("-at").first()
    when = timezone.localtime(event.at).date() if event else None
    # Only issued declarations are verified, so a draft never comes here.
    reasons: dict[str, tuple[Reason, str]] = {
        S.SUPERSEDED: (
            Reason.SUPERSEDED,
            _("It was superseded by a newer declaration on %(date)s."),
        ),
        S.WITHDRAWN: (Reason.WITHDRAWN, _("It was withdrawn by the provider on %(date)s.")),
        S.REVOKED: (Reason.REVOKED, _("It was revoked by the portal on %(date)s.")),
        S.EXPIRED: (Reason.VALIDITY_ENDED, _("It expired on %(date)s.")),
    }
    code, text = reasons[status]
    text %= {"date": when}
    if event and event.reason and status in (S.WITHDRAWN, S.REVOKED):
        text += " " + _("Reason: %(reason)s") % {"reason": event.reason}
    return Check(False, code, text)


def unknown_serial() -> Verdict:
    return Verdict(
        Outcome.UNKNOWN,
        _("No declaration has this serial number."),
        Checked.SERIAL,
        [
            Check(
                False,
                Reason.UNKNOWN_SERIAL,
                _(
                    "Serial numbers look like JPD-2026-7K3M-9QXD and are printed on the "
                    "first page of the PDF."
                ),
            )
        ],
    )


def verify_serial(text: str) -> Verdict:
    """What the registry holds under a serial: registered, and in force or not."""
    serial = normalise_serial(text)
    declaration = _issued(serial) if serial else None
    if declaration is None:
        return unknown_serial()
    registered = Check(
        True,
        Reason.SERIAL_REGISTERED,
        _(
            "The serial number %(serial)s is in the portal's registry. A serial number alone "
            "proves nothing about a document: upload the PDF to check that it is authentic "
            "and unaltered."
        )
        % {"serial": declaration.serial},
    )
    status = status_check(declaration)
    return Verdict(
        Outcome.CURRENT if status.ok else Outcome.NOT_CURRENT,
        _("Registered and in force.") if status.ok else _("Registered, but no longer in force."),
        Checked.SERIAL,
        [registered, status],
        declaration=declaration,
    )


def _moment(value: datetime) -> str:
    """A moment to the minute, in the portal's time zone, named: 2026-05-01 09:00 JST."""
    return dateformat.format(timezone.localtime(value), "Y-m-d H:i T")


def _signature_problem(signature: SignatureCheck, code: str) -> Check:
    if code == Reason.SIGNED_AFTER_COMPROMISE and signature.compromised_since:
        times = {"compromised": _moment(signature.compromised_since)}
        if signature.timestamp_trusted and signature.signed_at:
            times["signed"] = _moment(signature.signed_at)
            text = _(
                "The portal's certificate that made this signature was marked compromised as of "
                "%(compromised)s, and the signature was timestamped at %(signed)s, after that: "
                "whoever holds the stolen key could have made it."
            )
        else:
            text = _(
                "The portal's certificate that made this signature was marked compromised as of "
                "%(compromised)s, and no trusted timestamp shows that the signature was made "
                "before then."
            )
        return Check(False, Reason.SIGNED_AFTER_COMPROMISE, text % times)
    return Check(False, Reason(code), str(PROBLEM_MESSAGES[code]))


def _signed_before_compromise(signature: SignatureCheck) -> Check | None:
    if signature.compromised_since is None or signature.signed_at is None:
        return None
    return Check(
        True,
        Reason.SIGNED_BEFORE_COMPROMISE,
        _(
            "The certificate was later marked compromised, as of %(compromised)s. This "
            "signature was timestamped at %(signed)s, before that, so it still counts."
        )
        % {
            "compromised": _moment(signature.compromised_since),
            "signed": _moment(signature.signed_at),
        },
    )


def _invalid(checks: list[Check], signature: SignatureCheck | None = None) -> Verdict:
    headline = _("This file is not a valid declaration of this portal.")
    return Verdict(Outcome.INVALID, headline, Checked.DOCUMENT, checks, signature=signature)


def too_large() -> Verdict:
    mb = settings.VERIFY_MAX_UPLOAD_BYTES // (1024 * 1024)
    return Verdict(
        Outcome.INVALID,
        _("This file was not checked: it is larger than any declaration PDF."),
        Checked.DOCUMENT,
        [Check(False, Reason.TOO_LARGE, _("The file is larger than %(mb)d MB.") % {"mb": mb})],
    )


def over_budget() -> Verdict:
    limits = {
        "seconds": settings.VERIFY_TIME_BUDGET_SECONDS,
        "mb": settings.VERIFY_MEMORY_BUDGET_MB,
    }
    return Verdict(
        Outcome.INVALID,
        _("This file was not checked: it needs more time or memory than any declaration PDF."),
        Checked.DOCUMENT,
        [
            Check(
                False,
                Reason.OVER_BUDGET,
                _(
                    "Reading it would take more than %(seconds)d seconds or %(mb)d MB; "
                    "a declaration PDF of this portal takes a small fraction of that."
                )
                % limits,
            )
        ],
    )


def _embedded_serial(record: bytes) -> str | None:
    try:
        serial = json.loads(record).get("serial")
    except (ValueError, AttributeError, RecursionError):
        return None
    return normalise_serial(serial) if isinstance(serial, str) else None


def verify_upload(data: bytes) -> Verdict:
    try:
        inspection = inspect_upload(data)
    except OverBudget as exceeded:
        # Anyone can upload such a file: worth a line, not an error.
        logger.info("Upload not verified, over budget: %s", exceeded)
        return over_budget()
    signature = inspection.signature
    if not signature.ok:
        checks = [_signature_problem(signature, code) for code in signature.problems]
        return _invalid(checks, signature)
    checks = [
        Check(
            True,
            Reason.SIGNATURE_VALID,
            _(
                "The signature is intact, by the portal's certificate (%(subject)s), "
                "and covers the whole file."
            )
            % {"subject": signature.signer_subject},
        )
    ]
    if before := _signed_before_compromise(signature):
        checks.append(before)
    embedded = inspection.record
    if embedded is None:
        checks.append(Check(False, Reason.NO_RECORD, _("The file carries no canonical record.")))
        return _invalid(checks, signature)
    digest = hashlib.sha256(embedded).hexdigest()
    serial = _embedded_serial(embedded)
    declaration = _issued(serial) if serial else None
    if declaration is None or declaration.digest != digest:
        checks.append(
            Check(
                False,
                Reason.RECORD_MISMATCH,
                _("The embedded record does not match the registry's record."),
            )
        )
        return _invalid(checks, signature)
    checks.append(
        Check(
            True,
            Reason.RECORD_MATCHES,
            _(
                "The embedded record matches the registry's record of %(serial)s "
                "(SHA-256 %(digest)s)."
            )
            % {"serial": declaration.serial, "digest": digest[:16] + "…"},
        )
    )
    status = status_check(declaration)
    checks.append(status)
    return Verdict(
        Outcome.CURRENT if status.ok else Outcome.NOT_CURRENT,
        _("Authentic and in force.") if status.ok else _("Authentic, but no longer in force."),
        Checked.DOCUMENT,
        checks,
        declaration=declaration,
        signature=signature,
        is_issued_file=hashlib.sha256(data).hexdigest() == declaration.pdf_sha256,
    )
