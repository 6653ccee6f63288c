"""The machine-readable words of a verdict: its outcome and each check's reason.

They are a public contract: API clients branch on them and docs/verification.md
lists them (a test holds the two together). Add codes; never rename or reuse
one. The signature codes are the problem codes of ``documents.signing``, so that
there is one vocabulary from pyHanko's answer to the API.
"""

from __future__ import annotations

from enum import StrEnum

from ..documents import signing


class Outcome(StrEnum):
    CURRENT = "current"  # in force (and, for an upload, authentic and unaltered)
    NOT_CURRENT = "not_current"  # withdrawn, revoked, superseded or past its validity
    INVALID = "invalid"  # not accepted as a declaration of this portal, or altered
    UNKNOWN = "unknown"  # no declaration has this serial


class Checked(StrEnum):
    """What a verdict is about: only a document can be authentic."""

    DOCUMENT = "document"
    SERIAL = "serial"


class Reason(StrEnum):
    # The signature of an uploaded PDF.
    SIGNATURE_VALID = "signature_valid"
    NOT_PDF = signing.NOT_PDF
    UNREADABLE = signing.UNREADABLE
    NO_SIGNATURE = signing.NO_SIGNATURE
    MULTIPLE_SIGNATURES = signing.MULTIPLE_SIGNATURES
    TAMPERED = signing.TAMPERED
    UNTRUSTED = signing.UNTRUSTED
    MODIFIED_AFTER_SIGNING = signing.MODIFIED_AFTER_SIGNING
    TIMESTAMP_UNTRUSTED = signing.TIMESTAMP_UNTRUSTED
    NOT_PORTAL_CERTIFICATE = signing.NOT_PORTAL_CERTIFICATE
    SIGNED_AFTER_COMPROMISE = signing.SIGNED_AFTER_COMPROMISE
    # Passed: its certificate was marked compromised later than it was timestamped.
    SIGNED_BEFORE_COMPROMISE = "signed_before_compromise"
    # The canonical record embedded in it.
    RECORD_MATCHES = "record_matches"
    NO_RECORD = "no_record"
    RECORD_MISMATCH = "record_mismatch"
    # A serial number looked up without a file.
    SERIAL_REGISTERED = "serial_registered"
    UNKNOWN_SERIAL = "unknown_serial"
    # The declaration's status today.
    IN_FORCE = "in_force"
    VALIDITY_ENDED = "validity_ended"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"
    REVOKED = "revoked"
    # Uploads this service does not check.
    TOO_LARGE = "too_large"
    OVER_BUDGET = "over_budget"


# Not a verdict: the answer to a client that verifies too often (HTTP 429).
RATE_LIMITED = "rate_limited"
