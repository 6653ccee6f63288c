"""A development PKI: a root CA, its CRL, the portal's signing certificate and a TSA.

``make run`` creates it under var/signing/ so that the default run signs real
PDFs with no setup; tests make their own. Production never uses it: it points
the SIGNING_* settings at a real key and certificates.

Every certificate the CA issues names a CRL distribution point, so that a
long-term (PAdES B-LT/B-LTA) signature has revocation data to embed: the
portal's own ``/verify/certificate/root.crl`` under SITE_URL, which serves the
CRL file written here (SIGNING_CRL_FILE). The signer reads that file rather than
fetching the URL. A signing certificate whose key was compromised is revoked in
it (``revoke_certificate``), as of the time of the compromise.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings

from .signing import clear_signing_caches

ROOT_CERT = "root-ca.pem"
ROOT_KEY = "root-ca-key.pem"
SIGNING_KEY = "signing-key.pem"
SIGNING_CERT = "signing-cert.pem"
TSA_CERT = "tsa-cert.pem"
TSA_KEY = "tsa-key.pem"
ROOT_CRL = "root-ca.crl"
DEV_PKI_FILES = (ROOT_CERT, ROOT_KEY, SIGNING_KEY, SIGNING_CERT, TSA_CERT, TSA_KEY, ROOT_CRL)
# Where the portal publishes the development CA's CRL, below SITE_URL
# (declarations/verification_urls.py serves it).
CRL_PATH = "/verify/certificate/root.crl"
# How long the development certificates and CRL are valid, in years.
ROOT_YEARS = 10
LEAF_YEARS = 5
_KEY_FILES = {ROOT_KEY, SIGNING_KEY, TSA_KEY}
DEV_ROOT_NAME = "Declaration Portal Development Root CA"

# RFC 9336 id-kp-documentSigning; not yet a named constant in cryptography.
DOCUMENT_SIGNING_EKU = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Declaration Portal"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(
    *,
    subject: x509.Name,
    key: rsa.RSAPrivateKey,
    issuer: x509.Certificate | None,
    issuer_key: rsa.RSAPrivateKey,
    years: int,
    extensions: list[tuple[x509.ExtensionType, bool]],
) -> x509.Certificate:
    now = datetime.now(UTC)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        # A little slack so a freshly made certificate is valid on a
        # verifier whose clock is slightly behind.
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(ski, critical=False)
    )
    if issuer is not None:
        issuer_ski = issuer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
        aki = x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(issuer_ski.value)
        builder = builder.add_extension(aki, critical=False)
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical=critical)
    return builder.sign(issuer_key, hashes.SHA256())


def _key_usage(
    *,
    digital_signature: bool = False,
    content_commitment: bool = False,
    key_cert_sign: bool = False,
    crl_sign: bool = False,
) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=content_commitment,  # a.k.a. nonRepudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=key_cert_sign,
        crl_sign=crl_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _write(path: Path, data: bytes, *, secret: bool) -> None:
    # Create key files as 0600 from the start, so they are never readable
    # by others even for a moment.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if secret else 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    if secret:
        os.chmod(path, 0o600)


def _pem_key(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def dev_crl_url() -> str:
    """The CRL distribution point the development CA names: the portal's own CRL page."""
    return settings.SITE_URL.rstrip("/") + CRL_PATH


def _leaf_extensions(crl_url: str | None) -> list[tuple[x509.ExtensionType, bool]]:
    crl_url = crl_url or dev_crl_url()
    distribution_point = x509.DistributionPoint(
        full_name=[x509.UniformResourceIdentifier(crl_url)],
        relative_name=None,
        reasons=None,
        crl_issuer=None,
    )
    return [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (_key_usage(digital_signature=True, content_commitment=True), True),
        (x509.CRLDistributionPoints([distribution_point]), False),
    ]


def _load_ca(directory: Path) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    root = x509.load_pem_x509_certificate((directory / ROOT_CERT).read_bytes())
    key = serialization.load_pem_private_key((directory / ROOT_KEY).read_bytes(), None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError(f"{directory / ROOT_KEY} is not an RSA key.")
    return root, key


def issue_certificate(
    directory: Path,
    *,
    common_name: str,
    purposes: list[x509.ObjectIdentifier] | None,
    crl_url: str | None = None,
    years: int = LEAF_YEARS,
) -> tuple[bytes, bytes]:
    """A new key and a certificate for it from the development CA in ``directory``.

    Returns (key PEM, certificate PEM). ``purposes`` is the extended key usage;
    None leaves it out.
    """
    root, root_key = _load_ca(Path(directory))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    extensions = _leaf_extensions(crl_url)
    if purposes is not None:
        extensions.append((x509.ExtendedKeyUsage(purposes), False))
    cert = _certificate(
        subject=_name(common_name),
        key=key,
        issuer=root,
        issuer_key=root_key,
        years=years,
        extensions=extensions,
    )
    return _pem_key(key), _pem(cert)


def issue_signing_certificate(
    directory: Path, *, crl_url: str | None = None
) -> tuple[bytes, bytes]:
    """A document-signing key and certificate, as the portal signs with."""
    # emailProtection is what older Acrobat versions look for; documentSigning
    # is the RFC 9336 purpose, and the one the portal checks.
    return issue_certificate(
        directory,
        common_name="Declaration Portal Document Signing (development)",
        purposes=[ExtendedKeyUsageOID.EMAIL_PROTECTION, DOCUMENT_SIGNING_EKU],
        crl_url=crl_url,
    )


def issue_tsa_certificate(
    directory: Path, *, crl_url: str | None = None, years: int = LEAF_YEARS
) -> tuple[bytes, bytes]:
    """A timestamp authority key and certificate from the development CA in ``directory``.

    Returns (key PEM, certificate PEM). A new one stands for a TSA that rotated
    its key, as a real one does long before a PDF's archive life ends.
    """
    root, root_key = _load_ca(Path(directory))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = _certificate(
        subject=_name("Declaration Portal Timestamp Authority (development)"),
        key=key,
        issuer=root,
        issuer_key=root_key,
        years=years,
        # RFC 3161 §2.3: the TSA certificate's EKU must be timeStamping only,
        # marked critical.
        extensions=[
            *_leaf_extensions(crl_url),
            (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True),
        ],
    )
    return _pem_key(key), _pem(cert)


def _revoked(path: Path) -> list[x509.RevokedCertificate]:
    """The entries of the CRL already at ``path``, so that a new CRL keeps them."""
    if not path.exists():
        return []
    return list(x509.load_der_x509_crl(path.read_bytes()))


def write_crl(directory: Path, *, revoke: list[x509.RevokedCertificate] | None = None) -> Path:
    """A fresh CRL of the development CA, valid as long as the CA itself.

    It lists every certificate the previous CRL listed, and ``revoke`` besides.
    """
    directory = Path(directory)
    root, root_key = _load_ca(directory)
    path = directory / ROOT_CRL
    now = datetime.now(UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root.subject)
        .last_update(now - timedelta(minutes=5))
        # A development CA publishes rarely; production CRLs are short-lived
        # and fetched from the distribution point.
        .next_update(root.not_valid_after_utc)
        .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
    )
    listed = {entry.serial_number: entry for entry in _revoked(path)}
    for entry in revoke or []:
        listed.setdefault(entry.serial_number, entry)
    for entry in listed.values():
        builder = builder.add_revoked_certificate(entry)
    crl = builder.sign(root_key, hashes.SHA256())
    _write(path, crl.public_bytes(serialization.Encoding.DER), secret=False)
    return path


def revoke_certificate(directory: Path, cert_pem: bytes, *, compromised_at: datetime) -> Path:
    """List a certificate in the development CA's CRL as compromised since ``compromised_at``.

    The revocation date is the time of the compromise, with reason keyCompromise
    and that time as the invalidity date too (RFC 5280 §5.3.2): the moment from
    which its signatures no longer count. A certificate already listed keeps its
    first entry. Returns the CRL file.
    """
    if compromised_at.utcoffset() is None:
        raise ValueError("The time of a compromise needs its offset (e.g. +09:00 or Z).")
    cert = x509.load_pem_x509_certificate(cert_pem)
    at = compromised_at.astimezone(UTC)
    entry = (
        x509.RevokedCertificateBuilder()
        .serial_number(cert.serial_number)
        .revocation_date(at)
        .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False)
        .add_extension(x509.InvalidityDate(at.replace(tzinfo=None)), critical=False)
        .build()
    )
    path = write_crl(Path(directory), revoke=[entry])
    clear_signing_caches()
    return path


def create_dev_pki(
    directory: Path, *, force: bool = False, crl_url: str | None = None
) -> list[Path]:
    """Write a development root CA, its CRL, a signing certificate and a TSA certificate.

    Returns the files written: empty when all already exist and ``force`` is
    false. A PKI made before CRLs existed only gets its CRL. Any other partial
    set is refused rather than silently completed, because a new root would
    orphan the existing certificates.
    """
    directory = Path(directory)
    paths = [directory / name for name in DEV_PKI_FILES]
    existing = [path for path in paths if path.exists()]
    if existing and not force:
        if len(existing) == len(paths):
            return []
        if [p.name for p in paths if p not in existing] == [ROOT_CRL]:
            written = [write_crl(directory)]
            clear_signing_caches()
            return written
        raise FileExistsError(
            f"Incomplete development PKI in {directory} ({', '.join(p.name for p in existing)}"
            " exist); use --force to replace it."
        )
    directory.mkdir(parents=True, exist_ok=True)

    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = _certificate(
        subject=_name(DEV_ROOT_NAME),
        key=root_key,
        issuer=None,
        issuer_key=root_key,
        years=ROOT_YEARS,
        extensions=[
            (x509.BasicConstraints(ca=True, path_length=0), True),
            (_key_usage(key_cert_sign=True, crl_sign=True), True),
        ],
    )
    _write(directory / ROOT_CERT, _pem(root), secret=False)
    _write(directory / ROOT_KEY, _pem_key(root_key), secret=True)
    signing_key, signing_cert = issue_signing_certificate(directory, crl_url=crl_url)
    tsa_key, tsa_cert = issue_tsa_certificate(directory, crl_url=crl_url)
    contents = {
        SIGNING_KEY: signing_key,
        SIGNING_CERT: signing_cert,
        TSA_CERT: tsa_cert,
        TSA_KEY: tsa_key,
    }
    for name, data in contents.items():
        _write(directory / name, data, secret=name in _KEY_FILES)
    write_crl(directory)
    clear_signing_caches()
    return paths


def rotate_signing_key(
    ca_directory: Path,
    *,
    key_file: Path,
    cert_file: Path,
    retired_directory: Path,
    compromised_at: datetime | None = None,
) -> Path:
    """Replace the signing key and certificate with new ones from the development CA.

    The old certificate is kept in ``retired_directory`` (named by its
    SHA-256 fingerprint), so that PDFs it signed keep verifying. With
    ``compromised_at`` it is first revoked in the CA's CRL as of that time, so
    that only the PDFs it signed before then keep verifying. Returns that file.
    """
    old_pem = Path(cert_file).read_bytes()
    old = x509.load_pem_x509_certificate(old_pem)
    if compromised_at is not None:
        revoke_certificate(Path(ca_directory), old_pem, compromised_at=compromised_at)
    key, cert = issue_signing_certificate(Path(ca_directory))
    retired_directory = Path(retired_directory)
    retired_directory.mkdir(parents=True, exist_ok=True)
    kept = retired_directory / f"{old.fingerprint(hashes.SHA256()).hex()}.pem"
    _write(kept, _pem(old), secret=False)
    # Key first: a certificate without its key fails loudly when loaded
    # (signing refuses a mismatched pair), never silently.
    _write(Path(key_file), key, secret=True)
    _write(Path(cert_file), cert, secret=False)
    clear_signing_caches()
    return kept


def is_development_certificate(path: Path) -> bool:
    """Whether the PEM certificate at ``path`` was issued by a development root."""
    cert = x509.load_pem_x509_certificate(path.read_bytes())
    names = cert.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)
    return any(name.value == DEV_ROOT_NAME for name in names)
