"""Only the portal's own document-signing certificates sign declarations.

Chaining to the portal's root is not enough: the root also issues the
timestamp authority's certificate, and could issue others.
"""

from cryptography.x509.oid import ExtendedKeyUsageOID
from pyhanko.keys import load_cert_from_pemder

from declarations.documents.dev_pki import DOCUMENT_SIGNING_EKU, issue_certificate
from declarations.documents.signing import clear_signing_caches, sign_pdf, verify_pdf
from declarations.documents.trust import fit_for_document_signing
from tests.declarations.tampering import (
    signed_with,
    signed_with_another_certificate_of_the_ca,
    signed_with_the_tsa_certificate,
)


def test_a_pdf_signed_with_the_tsa_certificate_is_not_the_portals(unsigned_pdf, portal_pki):
    check = verify_pdf(signed_with_the_tsa_certificate(unsigned_pdf, portal_pki))

    assert not check.ok
    assert check.trusted  # it does chain to the portal's root
    assert check.problems == ("not_portal_certificate",)


def test_a_pdf_signed_with_another_certificate_of_the_same_ca_is_not_the_portals(
    unsigned_pdf, portal_pki
):
    check = verify_pdf(signed_with_another_certificate_of_the_ca(unsigned_pdf, portal_pki))

    assert check.problems == ("not_portal_certificate",)


def test_a_listed_certificate_is_accepted_besides_the_current_one(
    settings, unsigned_pdf, portal_pki, tmp_path
):
    key, cert = issue_certificate(
        portal_pki, common_name="Second signer", purposes=[DOCUMENT_SIGNING_EKU]
    )
    signed = signed_with(unsigned_pdf, portal_pki, key, cert)
    assert verify_pdf(signed).problems == ("not_portal_certificate",)

    (tmp_path / "second.pem").write_bytes(cert)
    settings.SIGNING_CERT_FILES = [*settings.SIGNING_CERT_FILES, tmp_path]
    clear_signing_caches()

    assert verify_pdf(signed).ok


def test_a_listed_certificate_for_another_purpose_is_still_refused(
    settings, unsigned_pdf, portal_pki, tmp_path
):
    key, cert = issue_certificate(
        portal_pki, common_name="Web client", purposes=[ExtendedKeyUsageOID.CLIENT_AUTH]
    )
    (tmp_path / "client.pem").write_bytes(cert)
    settings.SIGNING_CERT_FILES = [tmp_path / "client.pem"]
    clear_signing_caches()

    check = verify_pdf(signed_with(unsigned_pdf, portal_pki, key, cert))

    assert check.problems == ("not_portal_certificate",)


def test_the_portal_signing_certificate_is_for_document_signing(portal_pki):
    cert = load_cert_from_pemder(portal_pki / "signing-cert.pem")

    assert "1.3.6.1.5.5.7.3.36" in cert.extended_key_usage_value.native
    assert fit_for_document_signing(cert)
    assert not fit_for_document_signing(load_cert_from_pemder(portal_pki / "tsa-cert.pem"))


def test_the_portals_own_signature_still_verifies(unsigned_pdf, portal_pki):
    assert verify_pdf(sign_pdf(unsigned_pdf, reason="発行")).ok
