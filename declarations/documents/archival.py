"""Keeping a signed PDF verifiable for longer than its timestamp's certificate lives.

A PAdES B-LTA document is only as durable as its latest timestamp: once that
timestamp's authority certificate has expired, nothing proves that the
validation data inside existed while it was still good. Before that happens a
fresh document timestamp is appended over the whole file, after the DSS has
been given what validates the previous one (pyHanko's archival timestamp chain,
ETSI EN 319 142-1 §5.5). Each renewal is an incremental update: the bytes the
portal's signature covers, and with them the embedded record, never change.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from io import BytesIO

from asn1crypto import x509 as asn1_x509
from django.conf import settings
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.general import extract_certificate_info, find_unique_cms_attribute
from pyhanko.sign.signers import PdfTimeStamper
from pyhanko.sign.timestamps import TimeStamper
from pyhanko_certvalidator import ValidationContext

from . import trust
from .pdf import IndexedPdfFileReader
from .signing import run_sync

__all__ = ["latest_timestamp_expiry", "renew_archival_timestamp", "renewal_due"]

ARCHIVAL_TIMESTAMP_FIELD = "PortalArchivalTimestamp"


def _latest_timestamp_certificate(reader: PdfFileReader) -> asn1_x509.Certificate | None:
    """The authority certificate of the newest timestamp: a document timestamp's, else the
    signature timestamp's; None for a PDF with neither."""
    doc_timestamps = reader.embedded_timestamp_signatures
    if doc_timestamps:
        return doc_timestamps[-1].signer_cert
    regular = reader.embedded_regular_signatures
    if not regular:
        return None
    try:
        token = find_unique_cms_attribute(
            regular[0].signer_info["unsigned_attrs"], "signature_time_stamp_token"
        )
    except Exception:  # no unsigned attributes, or no timestamp among them
        return None
    return extract_certificate_info(token["content"]).signer_cert


def latest_timestamp_expiry(pdf: bytes) -> datetime | None:
    """When the certificate of ``pdf``'s newest timestamp expires; None without one."""
    cert = _latest_timestamp_certificate(IndexedPdfFileReader(BytesIO(pdf)))
    return None if cert is None else cert.not_valid_after


def renewal_due(pdf: bytes, *, now: datetime) -> bool:
    """Whether the newest timestamp's certificate expires within SIGNING_RENEW_BEFORE_DAYS."""
    expiry = latest_timestamp_expiry(pdf)
    margin = timedelta(days=settings.SIGNING_RENEW_BEFORE_DAYS)
    return expiry is not None and expiry <= now + margin


def renew_archival_timestamp(pdf: bytes, *, timestamper: TimeStamper | None = None) -> bytes:
    """``pdf`` with the previous timestamp's validation data and a new document timestamp.

    The previous timestamp is validated now, with the same roots and CRL
    source as verification uses, and the renewal fails loudly (the task
    retries tomorrow) rather than stamping over a timestamp that does not hold.
    """
    crls = trust.local_crls()
    context = ValidationContext(
        trust_roots=list(trust.trust_roots(*trust.timestamp_root_paths())),
        crls=crls,
        allow_fetching=not crls,
        revocation_mode="hard-fail",
    )
    stamper = PdfTimeStamper(
        timestamper or trust.get_timestamper(), field_name=_next_field_name(pdf)
    )
    output = run_sync(
        stamper.async_update_archival_timestamp_chain(
            IndexedPdfFileReader(BytesIO(pdf)), context, in_place=False, output=BytesIO()
        )
    )
    return output.getvalue()


def _next_field_name(pdf: bytes) -> str:
    # One field per renewal, numbered, so that the chain reads in order.
    count = len(IndexedPdfFileReader(BytesIO(pdf)).embedded_timestamp_signatures)
    return f"{ARCHIVAL_TIMESTAMP_FIELD}{count}"
