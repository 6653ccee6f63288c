"""Signing and verifying declaration PDFs (PAdES, pyHanko).

The portal signs every issued PDF with one key, PAdES B-LTA: a signature
timestamp, the certificates and CRL needed to validate it embedded in the
document security store, and a document timestamp over the whole. It verifies
uploads against one pinned root certificate, never the operating system's
trust store, and only accepts signatures made with the portal's own
document-signing certificates (``trust``). A signature is validated as of its
trusted timestamp, so a PDF keeps verifying after its certificates expire;
of a certificate marked compromised, only the signatures timestamped before
the compromise count.
Everything here is synchronous. pyHanko's
own sync wrappers call ``asyncio.run()``, which fails inside a running event
loop (an ASGI view, a test driving a browser), so its coroutines are run here
through ``run_sync``, which steps aside to a thread when a loop is already running.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from asn1crypto import keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.general import find_unique_cms_attribute, get_pyca_cryptography_hash
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.validation import async_validate_pdf_signature, async_validate_pdf_timestamp
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import trust
from .pdf import IndexedPdfFileReader
from .trust import SigningConfigurationError, load_certs, read_file, trust_roots

__all__ = [
    "SignatureCheck",
    "SigningConfigurationError",
    "run_sync",
    "sign_pdf",
    "verify_pdf",
]

logger = logging.getLogger(__name__)

# pyHanko logs every suspicious incremental update as an ERROR with a full
# traceback; uploads are untrusted input, so that would let anyone flood the
# logs. The verdict is reported through SignatureCheck instead.
logging.getLogger("pyhanko.sign.diff_analysis").setLevel(logging.CRITICAL)


def _not_the_local_crl_warning(record: logging.LogRecord) -> bool:
    # With SIGNING_CRL_FILE the CRL comes from a file on purpose; pyHanko
    # warns about every signature that fetching is off.
    return "fetching is not allowed" not in record.getMessage()


logging.getLogger("pyhanko.sign.signers.pdf_signer").addFilter(_not_the_local_crl_warning)

SIGNATURE_FIELD = "PortalSignature"


# --- verification verdict -------------------------------------------------

NOT_PDF = "not_pdf"
UNREADABLE = "unreadable"
NO_SIGNATURE = "no_signature"
MULTIPLE_SIGNATURES = "multiple_signatures"
TAMPERED = "tampered"
UNTRUSTED = "untrusted"
MODIFIED_AFTER_SIGNING = "modified_after_signing"
TIMESTAMP_UNTRUSTED = "timestamp_untrusted"
NOT_PORTAL_CERTIFICATE = "not_portal_certificate"
SIGNED_AFTER_COMPROMISE = "signed_after_compromise"

PROBLEM_MESSAGES = {
    NOT_PDF: _("The file is not a PDF document."),
    UNREADABLE: _("The PDF or its signature could not be read; it may be damaged or truncated."),
    NO_SIGNATURE: _("The PDF has no digital signature."),
    MULTIPLE_SIGNATURES: _("The PDF has more than one signature; the portal signs only once."),
    TAMPERED: _("The signed content does not match the signature: the file was altered."),
    UNTRUSTED: _("The signature was not made with a certificate issued by the portal."),
    MODIFIED_AFTER_SIGNING: _("The file was changed after it was signed."),
    TIMESTAMP_UNTRUSTED: _("The signature's timestamp is invalid or from an untrusted authority."),
    NOT_PORTAL_CERTIFICATE: _(
        "The signature was made with a certificate that is not one of the portal's "
        "document-signing certificates."
    ),
    SIGNED_AFTER_COMPROMISE: _(
        "The signature's certificate was marked compromised, and no trusted timestamp "
        "shows that the signature was made before that."
    ),
}


@dataclass(frozen=True)
class SignatureCheck:
    ok: bool
    problems: tuple[str, ...] = ()
    intact: bool = False
    trusted: bool = False
    # Coverage ENTIRE_FILE and modification level NONE: not a byte was added.
    covers_whole_file: bool = False
    signer_subject: str = ""
    signer_fingerprint: str = ""
    # The timestamp's time when there is one, else the signer's own claim (/M).
    signed_at: datetime | None = None
    timestamped_at: datetime | None = None
    timestamp_trusted: bool = False
    # When its certificate was marked compromised; None if it never was.
    compromised_since: datetime | None = None

    @property
    def messages(self) -> list[str]:
        return [str(PROBLEM_MESSAGES[code]) for code in self.problems]


def _failed(*problems: str) -> SignatureCheck:
    return SignatureCheck(ok=False, problems=problems)


# --- keys and certificates ------------------------------------------------


def _load_key(path: str, passphrase: str) -> tuple[keys.PrivateKeyInfo, bytes]:
    """The key as pyHanko wants it, and its public half (SubjectPublicKeyInfo DER)."""
    data = read_file(path, "Signing key")
    load = (
        serialization.load_pem_private_key
        if b"-----BEGIN" in data
        else serialization.load_der_private_key
    )
    try:
        key = load(data, password=passphrase.encode() or None)
    except (ValueError, TypeError) as exc:
        raise SigningConfigurationError(
            f"Cannot load signing key {path} (wrong SIGNING_KEY_PASSPHRASE?): {exc}"
        ) from None
    pkcs8 = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return keys.PrivateKeyInfo.load(pkcs8), public


class _Signer(signers.SimpleSigner):
    """pyHanko's SimpleSigner, with the private key parsed once.

    SimpleSigner parses its key from DER for every signature it makes, and for
    an RSA key cryptography then checks the primes: about 35 ms, twice a PDF
    (pyHanko also signs once to size the signature's container). That was half
    of what signing added to rendering (docs/benchmarks.md). The mechanisms the
    portal's keys use are signed here with the parsed key; any other goes
    through pyHanko's own code.
    """

    @functools.cached_property
    def _private_key(self):
        return serialization.load_der_private_key(self.signing_key.dump(), password=None)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            algorithm = mechanism.signature_algo
        except ValueError:
            algorithm = mechanism["algorithm"].native
        key = self._private_key
        digest = get_pyca_cryptography_hash(digest_algorithm)
        if algorithm == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
            return key.sign(data, padding.PKCS1v15(), digest)
        if algorithm == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(data, ec.ECDSA(digest))
        return super().sign_raw(data, digest_algorithm)


@functools.lru_cache(maxsize=4)
def _load_signer(
    key_file: str, cert_file: str, root_file: str, passphrase: str
) -> signers.SimpleSigner:
    # The certificate file may hold the whole chain, leaf first, so that a
    # production certificate from an intermediate CA verifies offline.
    leaf, *intermediates = load_certs(cert_file, "Signing certificate")
    roots = trust_roots(root_file)
    key, public = _load_key(key_file, passphrase)
    # A key that does not belong to the certificate yields PDFs that every
    # verifier rejects; fail when loading instead of after issuing them.
    if public != leaf.public_key.dump():
        raise SigningConfigurationError(
            f"Signing key {key_file} does not match certificate {cert_file}."
        )
    return _Signer(
        signing_cert=leaf,
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([*intermediates, *roots]),
    )


def get_signer() -> signers.SimpleSigner:
    """The portal's signer from settings, loaded once per process."""
    return _load_signer(
        str(settings.SIGNING_KEY_FILE),
        str(settings.SIGNING_CERT_FILE),
        str(settings.SIGNING_ROOT_CERT_FILE),
        settings.SIGNING_KEY_PASSPHRASE,
    )


def clear_signing_caches() -> None:
    """Forget loaded keys and roots (after a key rotation, or between tests)."""
    _load_signer.cache_clear()
    trust.clear_caches()


def certificate_fingerprint(pem_path: Path | str) -> str:
    """SHA-256 of the (first) certificate's DER encoding, lowercase hex."""
    cert = x509.load_pem_x509_certificate(Path(pem_path).read_bytes())
    return cert.fingerprint(hashes.SHA256()).hex()


# --- signing ----------------------------------------------------------------


def run_sync(coroutine):
    """Run a pyHanko coroutine to completion, also from inside a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def sign_pdf(
    pdf: bytes,
    *,
    reason: str,
    location: str = "",
    timestamper: TimeStamper | None = None,
    long_term: bool = True,
) -> bytes:
    """Sign ``pdf`` invisibly, PAdES B-LTA (B-T without ``long_term``).

    The timestamper defaults to the configured authority (``trust``). The
    visible "electronically signed" mark is part of the HTML, so the
    signature field has no appearance of its own.
    """
    signer = get_signer()
    # Its PDFs would never verify: refuse, and let the task retry after a rotation.
    if trust.fingerprint(signer.signing_cert) in trust.compromises():
        raise SigningConfigurationError(
            f"The signing certificate {settings.SIGNING_CERT_FILE} is marked compromised; "
            "rotate the signing key (rotate_signing_key) before signing again."
        )
    roots = trust_roots(str(settings.SIGNING_ROOT_CERT_FILE))
    crls = trust.local_crls()
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location or None,
        embed_validation_info=long_term,
        use_pades_lta=long_term,
        # Hard-fail: a PDF whose revocation data cannot be gathered is not
        # long-term; better no PDF now (the task retries) than a weak one.
        validation_context=ValidationContext(
            trust_roots=list(roots),
            other_certs=list(signer.cert_registry),
            crls=crls,
            allow_fetching=not crls,
            revocation_mode="hard-fail",
        )
        if long_term
        else None,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer,
        timestamper=timestamper or trust.get_timestamper(),
        new_field_spec=fields.SigFieldSpec(SIGNATURE_FIELD),
    )
    output = run_sync(
        pdf_signer.async_sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf)), output=BytesIO())
    )
    return output.getvalue()


# --- verification -------------------------------------------------------------


def load_trust_roots() -> tuple[tuple[asn1_x509.Certificate, ...], ...]:
    """The roots that signatures and timestamps must chain to, loaded once.

    Also loads the portal's certificates. Raises SigningConfigurationError
    when one is missing.
    """
    trust.portal_certificates()
    trust.compromises()
    return trust_roots(str(settings.SIGNING_ROOT_CERT_FILE)), trust_roots(
        *trust.timestamp_root_paths()
    )


def _gen_time(tst_signed_data) -> datetime:
    return tst_signed_data["encap_content_info"]["content"].parsed["gen_time"].native


def _signature_time(signature: EmbeddedPdfSignature) -> datetime | None:
    """The time its signature timestamp claims, not yet checked; None without one."""
    try:
        token = find_unique_cms_attribute(
            signature.signer_info["unsigned_attrs"], "signature_time_stamp_token"
        )
    except Exception:  # no unsigned attributes, or no timestamp among them
        return None
    return _gen_time(token["content"])


class _Contexts:
    """Validation contexts as of a moment, fed with the document's own DSS."""

    def __init__(self, reader: PdfFileReader):
        try:
            self.dss: DocumentSecurityStore | None = DocumentSecurityStore.read_dss(reader)
        except Exception:  # no DSS: a B-B or B-T signature
            self.dss = None

    def at(self, roots, moment: datetime | None) -> ValidationContext:
        # moment None is "now"; a signature without a timestamp has nothing better.
        kwargs: dict[str, Any] = {"trust_roots": list(roots), "moment": moment}
        if self.dss is None:
            return ValidationContext(**kwargs)
        return self.dss.as_validation_context(kwargs)


def _document_timestamps_hold(
    timestamps: list[EmbeddedPdfSignature], contexts: _Contexts, roots
) -> bool:
    """Each document timestamp is intact and trusted, as of its own time.

    Without pyHanko's difference analysis (skip_diff): what is asked of a
    timestamp is its digest and its trust, which do not depend on it, while
    whatever follows the signature, timestamps and all, is judged by the
    signature's own analysis (modification_level in verify_pdf), revision by
    revision. Analysing again from the timestamp's revision only read every
    object of the document a second time.
    """
    for stamp in timestamps:
        moment = _gen_time(stamp.signed_data)
        status = run_sync(
            async_validate_pdf_timestamp(
                stamp, validation_context=contexts.at(roots, moment), skip_diff=True
            )
        )
        if not (status.intact and status.valid and status.trusted):
            return False
    return True


def verify_pdf(pdf: bytes) -> SignatureCheck:
    """Check that ``pdf`` carries exactly one intact portal signature over all of it.

    Only long-term additions (DSS, document timestamps) may follow the
    signature, and each document timestamp must hold. Never raises on bad
    input: every failure becomes a problem code. Only a missing trust root or
    portal certificate (a server misconfiguration) raises, and MemoryError, so
    that a caller running this under a memory limit can tell "too big to check"
    from "damaged".
    """
    # Header may legally follow up to 1 KiB of junk (ISO 32000-1, annex H).
    if b"%PDF-" not in pdf[:1024]:
        return _failed(NOT_PDF)
    # Load roots before touching the input so misconfiguration is not
    # mistaken for a bad file.
    roots, ts_roots = load_trust_roots()
    try:
        # pyHanko's reader, only without re-reading an object stream's header
        # for every object in it (quadratic for a tagged PDF).
        reader = IndexedPdfFileReader(BytesIO(pdf))
        signatures = reader.embedded_signatures
        regular = reader.embedded_regular_signatures
    except MemoryError:
        raise
    except Exception as exc:
        # pyHanko raises many unrelated exception types on malformed input.
        # No traceback: anyone can upload garbage, and it is not our bug.
        logger.info("Unreadable PDF submitted for verification: %r", exc)
        return _failed(UNREADABLE)
    if not regular:
        return _failed(NO_SIGNATURE)
    try:
        contexts = _Contexts(reader)
        # As of the time the timestamp claims: the timestamp itself is then
        # checked at that time, and if it does not hold the verdict says so.
        moment = _signature_time(regular[0])
        status = run_sync(
            async_validate_pdf_signature(
                regular[0],
                contexts.at(roots, moment),
                ts_validation_context=contexts.at(ts_roots, moment),
            )
        )
        doc_timestamps = [s for s in signatures if s.sig_object_type == "/DocTimeStamp"]
        doc_timestamps_ok = _document_timestamps_hold(doc_timestamps, contexts, ts_roots)
    except MemoryError:
        raise
    except Exception as exc:
        logger.info("Signature could not be validated: %r", exc)
        return _failed(UNREADABLE)

    problems: list[str] = []
    if len(regular) > 1:
        problems.append(MULTIPLE_SIGNATURES)
    cert = status.signing_cert
    # `valid` alone says nothing about the document bytes; `intact` is the
    # digest check over the signed byte range.
    if not (status.intact and status.valid):
        problems.append(TAMPERED)
    elif not status.trusted:
        problems.append(UNTRUSTED)
    elif not trust.is_portal_certificate(cert):
        problems.append(NOT_PORTAL_CERTIFICATE)
    # Only long-term additions may follow the signature: a DSS and document
    # timestamps, which must then hold (below).
    long_term_only = status.modification_level == ModificationLevel.LTA_UPDATES and bool(
        doc_timestamps
    )
    whole_file = (
        status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        and status.modification_level == ModificationLevel.NONE
    ) or (status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and long_term_only)
    if not whole_file:
        problems.append(MODIFIED_AFTER_SIGNING)
    tst = status.timestamp_validity
    tst_ok = tst is not None and tst.intact and tst.valid and tst.trusted
    # Altered bytes break the timestamps over them too; that is the same fault.
    if TAMPERED not in problems and ((tst is not None and not tst_ok) or not doc_timestamps_ok):
        problems.append(TIMESTAMP_UNTRUSTED)
    # A stolen key can sign anything, but not before it was stolen: only a
    # trusted timestamp earlier than the compromise keeps the signature.
    compromised_since = None
    if TAMPERED not in problems and UNTRUSTED not in problems:
        compromised_since = trust.compromises().get(trust.fingerprint(cert))
    if compromised_since is not None and not (
        tst is not None and tst_ok and tst.timestamp < compromised_since
    ):
        problems.append(SIGNED_AFTER_COMPROMISE)
    # bottom_line also covers seed values and DocMDP; keep it as a backstop so
    # nothing pyHanko rejects is reported as ok.
    if not status.bottom_line and not problems:
        problems.append(TAMPERED)

    return SignatureCheck(
        ok=not problems,
        problems=tuple(problems),
        intact=bool(status.intact),
        trusted=bool(status.trusted),
        covers_whole_file=whole_file,
        signer_subject=cert.subject.human_friendly,
        signer_fingerprint=hashlib.sha256(cert.dump()).hexdigest(),
        signed_at=tst.timestamp if tst_ok else status.signer_reported_dt,
        timestamped_at=tst.timestamp if tst is not None else None,
        timestamp_trusted=tst_ok,
        compromised_since=compromised_since,
    )
