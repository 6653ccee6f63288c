"""The portal's signer parses its private key once, and its signatures still verify."""

import datetime

import pytest
from asn1crypto import keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID
from pyhanko_certvalidator.registry import SimpleCertificateStore

from declarations.documents import signing


def _signer(key) -> signing._Signer:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test signer")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return signing._Signer(
        signing_cert=asn1_x509.Certificate.load(
            certificate.public_bytes(serialization.Encoding.DER)
        ),
        signing_key=keys.PrivateKeyInfo.load(der),
        cert_registry=SimpleCertificateStore(),
    )


@pytest.mark.parametrize("kind", ["rsa", "ec"])
def test_signatures_verify_and_the_key_is_parsed_once(monkeypatch, kind):
    key = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if kind == "rsa"
        else ec.generate_private_key(ec.SECP256R1())
    )
    signer = _signer(key)
    parsed = []
    load = serialization.load_der_private_key
    monkeypatch.setattr(
        serialization, "load_der_private_key", lambda *a, **k: parsed.append(1) or load(*a, **k)
    )
    for data in (b"first", b"second"):
        signature = signer.sign_raw(data, "sha256")
        if kind == "rsa":
            key.public_key().verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        else:
            key.public_key().verify(signature, data, ec.ECDSA(hashes.SHA256()))
    assert len(parsed) == 1
