"""A development PKI: a root CA, the portal's signing certificate and a TSA.

``make run`` creates it under var/signing/ so that the default run signs real
PDFs with no setup; tests make their own. Production never uses it: it points
the SIGNING_* settings at a real key and certificates.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from .signing import clear_signing_caches

ROOT_CERT = "root-ca.pem"
ROOT_KEY = "root-ca-key.pem"
SIGNING_KEY = "signing-key.pem"
SIGNING_CERT = "signing-cert.pem"
TSA_CERT = "tsa-cert.pem"
TSA_KEY = "tsa-key.pem"
DEV_PKI_FILES = (ROOT_CERT, ROOT_KEY, SIGNING_KEY, SIGNING_CERT, TSA_CERT, TSA_KEY)
_KEY_FILES = {ROOT_KEY, SIGNING_KEY, TSA_KEY}

# RFC 9336 id-kp-documentSigning; not yet a named constant in cryptography.
_DOCUMENT_SIGNING_EKU = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")


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


def create_dev_pki(directory: Path, *, force: bool = False) -> list[Path]:
    """Write a development root CA, signing certificate and TSA certificate.

    Returns the files written: empty when all already exist and ``force`` is
    false. A partial set is refused rather than silently completed, because a
    new root would orphan the existing certificates.
    """
    directory = Path(directory)
    paths = [directory / name for name in DEV_PKI_FILES]
    existing = [path for path in paths if path.exists()]
    if existing and not force:
        if len(existing) == len(paths):
            return []
        raise FileExistsError(
            f"Incomplete development PKI in {directory} ({', '.join(p.name for p in existing)}"
            " exist); use --force to replace it."
        )
    directory.mkdir(parents=True, exist_ok=True)

    root_key, signing_key, tsa_key = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(3)
    )
    root = _certificate(
        subject=_name("Declaration Portal Development Root CA"),
        key=root_key,
        issuer=None,
        issuer_key=root_key,
        years=10,
        extensions=[
            (x509.BasicConstraints(ca=True, path_length=0), True),
            (_key_usage(key_cert_sign=True, crl_sign=True), True),
        ],
    )
    leaf_extensions: list[tuple[x509.ExtensionType, bool]] = [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (_key_usage(digital_signature=True, content_commitment=True), True),
    ]
    signing = _certificate(
        subject=_name("Declaration Portal Document Signing (development)"),
        key=signing_key,
        issuer=root,
        issuer_key=root_key,
        years=5,
        extensions=[
            *leaf_extensions,
            # emailProtection is what older Acrobat versions look for;
            # documentSigning is the RFC 9336 purpose.
            (
                x509.ExtendedKeyUsage(
                    [ExtendedKeyUsageOID.EMAIL_PROTECTION, _DOCUMENT_SIGNING_EKU]
                ),
                False,
            ),
        ],
    )
    tsa = _certificate(
        subject=_name("Declaration Portal Timestamp Authority (development)"),
        key=tsa_key,
        issuer=root,
        issuer_key=root_key,
        years=5,
        # RFC 3161 §2.3: the TSA certificate's EKU must be timeStamping only,
        # marked critical.
        extensions=[
            *leaf_extensions,
            (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True),
        ],
    )

    def pem_key(key: rsa.RSAPrivateKey) -> bytes:
        return key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    contents = {
        ROOT_CERT: root.public_bytes(serialization.Encoding.PEM),
        ROOT_KEY: pem_key(root_key),
        SIGNING_KEY: pem_key(signing_key),
        SIGNING_CERT: signing.public_bytes(serialization.Encoding.PEM),
        TSA_CERT: tsa.public_bytes(serialization.Encoding.PEM),
        TSA_KEY: pem_key(tsa_key),
    }
    for path in paths:
        _write(path, contents[path.name], secret=path.name in _KEY_FILES)
    clear_signing_caches()
    return paths
