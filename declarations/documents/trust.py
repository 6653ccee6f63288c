"""Whose signatures count, and the material a long-term signature embeds.

Chaining to the portal's root is not enough: the same root also issues the
timestamp authority's certificate, and may issue others. A signature counts
only when it is made with one of the portal's own document-signing
certificates, listed in SIGNING_CERT_FILES (files, or directories of them, so
that certificates retired by a key rotation keep verifying the PDFs they
signed), and only when that certificate is fit for signing documents.
A certificate marked compromised as of a time (``compromises``) vouches only
for signatures timestamped before that time.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import cms, core
from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509
from asn1crypto.pem import unarmor
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.keys import (
    load_cert_from_pemder,
    load_certs_from_pemder_data,
    load_private_key_from_pemder,
)
from pyhanko.sign import general
from pyhanko.sign.general import get_pyca_cryptography_hash, simple_cms_attribute
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

# RFC 9336 id-kp-documentSigning.
DOCUMENT_SIGNING = "1.3.6.1.5.5.7.3.36"
_SIGNING_KEY_USAGES = {"digital_signature", "non_repudiation"}


class SigningConfigurationError(ImproperlyConfigured):
    """The signing key, certificate or trust root is missing or inconsistent."""


def read_file(path: Path | str, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise SigningConfigurationError(
            f"{what} not found at {path}. For development run "
            "`python manage.py create_dev_signing_key`; in production set SIGNING_KEY_FILE, "
            "SIGNING_CERT_FILE and SIGNING_ROOT_CERT_FILE."
        ) from None


def load_certs(path: Path | str, what: str) -> list[asn1_x509.Certificate]:
    certs = list(load_certs_from_pemder_data(read_file(path, what)))
    if not certs:
        raise SigningConfigurationError(f"{what} at {path} contains no certificate.")
    return certs


@functools.lru_cache(maxsize=4)
def trust_roots(*paths: str) -> tuple[asn1_x509.Certificate, ...]:
    return tuple(cert for path in paths for cert in load_certs(path, "Trusted root certificate"))


def timestamp_root_paths() -> tuple[str, ...]:
    """The files of the roots a timestamp may chain to."""
    # A commercial TSA chains to its own root, not ours. Deployments using one
    # name its root in SIGNING_TSA_ROOT_CERT_FILE; otherwise only our root
    # (which issues the development/test TSA certificate) is accepted.
    paths = [str(settings.SIGNING_ROOT_CERT_FILE)]
    extra = settings.SIGNING_TSA_ROOT_CERT_FILE
    if extra:
        paths.append(str(extra))
    return tuple(paths)


# --- the portal's own certificates -------------------------------------------


@dataclass(frozen=True)
class PortalCertificate:
    certificate: asn1_x509.Certificate
    fingerprint: str  # SHA-256 of the DER encoding, lowercase hex
    subject: str
    not_before: datetime
    not_after: datetime
    current: bool  # the one the portal signs with now


def fingerprint(cert: asn1_x509.Certificate) -> str:
    return hashlib.sha256(cert.dump()).hexdigest()


def _certificate_files(entry: Path) -> list[Path]:
    if entry.is_dir():
        return sorted(entry.glob("*.pem"))
    # A directory that does not exist yet holds no retired certificate; a
    # named file that does not exist is a mistake.
    if not entry.exists() and not entry.suffix:
        return []
    return [entry]


@functools.lru_cache(maxsize=4)
def _portal_certificates(current: str, *entries: str) -> tuple[PortalCertificate, ...]:
    found: dict[str, PortalCertificate] = {}
    for path in [Path(current), *(f for e in entries for f in _certificate_files(Path(e)))]:
        # A file may hold a chain, leaf first; only the leaf signs.
        leaf = load_certs(path, "Portal signing certificate")[0]
        digest = fingerprint(leaf)
        if digest not in found:
            found[digest] = PortalCertificate(
                certificate=leaf,
                fingerprint=digest,
                subject=leaf.subject.human_friendly,
                not_before=leaf.not_valid_before,
                not_after=leaf.not_valid_after,
                current=path == Path(current),
            )
    return tuple(found.values())


def portal_certificates() -> tuple[PortalCertificate, ...]:
    """Every certificate whose signatures the portal accepts, the current one first."""
    return _portal_certificates(
        str(settings.SIGNING_CERT_FILE), *(str(entry) for entry in settings.SIGNING_CERT_FILES)
    )


def fit_for_document_signing(cert: asn1_x509.Certificate) -> bool:
    """Key usage digitalSignature or nonRepudiation; documentSigning if it names purposes."""
    usage = cert.key_usage_value
    if usage is None or not _SIGNING_KEY_USAGES & set(usage.native):
        return False
    purposes = cert.extended_key_usage_value
    return purposes is None or DOCUMENT_SIGNING in purposes.native


def is_portal_certificate(cert: asn1_x509.Certificate) -> bool:
    digest = fingerprint(cert)
    listed = any(known.fingerprint == digest for known in portal_certificates())
    return listed and fit_for_document_signing(cert)


# --- compromised keys ------------------------------------------------------------


def _der(crl_data: bytes) -> bytes:
    if crl_data.lstrip().startswith(b"-----BEGIN"):
        return unarmor(crl_data)[2]
    return crl_data


def published_crl() -> bytes | None:
    """The CRL at SIGNING_CRL_FILE in DER, as its distribution point serves it; None without."""
    crls = local_crls()
    try:
        return _der(crls[0]) if crls else None
    except ValueError as exc:
        raise SigningConfigurationError(
            f"The CRL in SIGNING_CRL_FILE cannot be read: {exc}"
        ) from None


def _revocations(crl_data: bytes) -> dict[tuple[str, int], datetime]:
    """{(issuer, serial): the time from which the certificate no longer counts}."""
    try:
        crl_data = _der(crl_data)
        crl = asn1_crl.CertificateList.load(crl_data)
        issuer = crl.issuer.hashable
        found = {}
        for entry in crl["tbs_cert_list"]["revoked_certificates"]:
            # The invalidity date, when given, is when the key is known or
            # suspected to have been compromised (RFC 5280 §5.3.2).
            moment = entry.invalidity_date_value or entry["revocation_date"]
            found[(issuer, entry["user_certificate"].native)] = moment.native
        return found
    except (ValueError, TypeError, KeyError) as exc:
        raise SigningConfigurationError(
            f"The CRL in SIGNING_CRL_FILE cannot be read: {exc}"
        ) from None


def compromises() -> dict[str, datetime]:
    """{fingerprint: time} for each portal certificate compromised as of a time.

    Two sources, the earlier time winning: SIGNING_COMPROMISED, and the
    revocations of portal certificates in the CRL at SIGNING_CRL_FILE (where
    ``rotate_signing_key --compromised-since`` writes them in development).
    Read afresh on every call: a revocation must count at once.
    """
    found = dict(settings.SIGNING_COMPROMISED)
    revoked: dict[tuple[str, int], datetime] = {}
    for crl_data in local_crls():
        revoked.update(_revocations(crl_data))
    for known in portal_certificates():
        cert = known.certificate
        moment = revoked.get((cert.issuer.hashable, cert.serial_number))
        if moment is not None:
            found[known.fingerprint] = min(moment, found.get(known.fingerprint, moment))
    return found


# --- material for long-term signatures ----------------------------------------


def local_crls() -> list[bytes]:
    """The CRLs to embed, read from SIGNING_CRL_FILE; none means fetch them."""
    path = settings.SIGNING_CRL_FILE
    return [read_file(path, "CRL")] if path else []


class _InProcessTimeStamper(DummyTimeStamper):
    """pyHanko's in-process authority with its RSA key parsed once, not for every
    timestamp (35 ms each, two a PDF). The signed attributes are pyHanko's own."""

    @functools.cached_property
    def _private_key(self):
        return serialization.load_der_private_key(self.tsa_key.dump(), password=None)

    def _sign_tst_info(self, tst_info_data: bytes, md_algorithm: str, dt: datetime):
        digest = hashes.Hash(get_pyca_cryptography_hash(md_algorithm))
        digest.update(tst_info_data)
        signed_attrs = cms.CMSAttributes(
            [
                simple_cms_attribute("content_type", "tst_info"),
                simple_cms_attribute("signing_time", cms.Time({"utc_time": core.UTCTime(dt)})),
                simple_cms_attribute(
                    "signing_certificate", general.as_signing_certificate(self.tsa_cert)
                ),
                simple_cms_attribute("message_digest", digest.finalize()),
            ]
        )
        signature = self._private_key.sign(
            signed_attrs.dump(), PKCS1v15(), get_pyca_cryptography_hash(md_algorithm.upper())
        )
        return signature, signed_attrs


@functools.lru_cache(maxsize=4)
def _in_process_timestamper(cert_file: str, key_file: str, root_file: str) -> TimeStamper:
    read_file(key_file, "Timestamp authority key")
    return _InProcessTimeStamper(
        tsa_cert=load_cert_from_pemder(cert_file),
        tsa_key=load_private_key_from_pemder(key_file, passphrase=None),
        certs_to_embed=SimpleCertificateStore.from_certs(list(trust_roots(root_file))),
    )


def get_timestamper() -> TimeStamper:
    """The RFC 3161 authority at SIGNING_TSA_URL, else the development PKI's, in-process."""
    if settings.SIGNING_TSA_URL:
        return HTTPTimeStamper(settings.SIGNING_TSA_URL)
    return _in_process_timestamper(
        str(settings.SIGNING_TSA_CERT_FILE),
        str(settings.SIGNING_TSA_KEY_FILE),
        str(settings.SIGNING_ROOT_CERT_FILE),
    )


def clear_caches() -> None:
    trust_roots.cache_clear()
    _portal_certificates.cache_clear()
    _in_process_timestamper.cache_clear()
