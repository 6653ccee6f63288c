"""Rotating the signing key: new PDFs use the new key, old PDFs keep verifying."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from declarations.documents.signing import (
    certificate_fingerprint,
    clear_signing_caches,
    sign_pdf,
    verify_pdf,
)
from tests.conftest import use_pki


@pytest.fixture
def own_pki(db, settings, pki_dir, tmp_path):
    """A copy of the development PKI that this test may rotate."""
    directory = tmp_path / "signing"
    shutil.copytree(pki_dir, directory)
    use_pki(settings, directory)
    settings.SIGNING_DIR = directory
    yield directory
    clear_signing_caches()


def test_pdfs_signed_before_a_rotation_still_verify(own_pki, unsigned_pdf):
    old_fingerprint = certificate_fingerprint(own_pki / "signing-cert.pem")
    before = sign_pdf(unsigned_pdf, reason="発行")

    call_command("rotate_signing_key")
    after = sign_pdf(unsigned_pdf, reason="発行")

    assert certificate_fingerprint(own_pki / "signing-cert.pem") != old_fingerprint
    assert (own_pki / "retired-certs" / f"{old_fingerprint}.pem").exists()
    assert verify_pdf(before).ok and verify_pdf(before).signer_fingerprint == old_fingerprint
    assert verify_pdf(after).ok and verify_pdf(after).signer_fingerprint != old_fingerprint


def test_a_retired_certificate_no_longer_listed_stops_verifying(settings, own_pki, unsigned_pdf):
    before = sign_pdf(unsigned_pdf, reason="発行")
    call_command("rotate_signing_key")

    settings.SIGNING_CERT_FILES = [own_pki / "signing-cert.pem"]
    clear_signing_caches()

    assert verify_pdf(before).problems == ("not_portal_certificate",)


def test_the_certificate_page_lists_every_signing_certificate(client, own_pki):
    old_fingerprint = certificate_fingerprint(own_pki / "signing-cert.pem")
    call_command("rotate_signing_key")
    new_fingerprint = certificate_fingerprint(own_pki / "signing-cert.pem")

    page = client.get("/en/verify/certificate/").content.decode()

    assert f'data-fingerprint="{old_fingerprint}"' in page
    assert f'data-fingerprint="{new_fingerprint}"' in page
    assert page.count("<tr data-fingerprint=") == 2
    assert "current" in page


def test_rotation_refuses_when_retired_certificates_would_not_be_read(settings, own_pki):
    settings.SIGNING_CERT_FILES = [own_pki / "signing-cert.pem"]

    with pytest.raises(CommandError, match="SIGNING_CERT_FILES"):
        call_command("rotate_signing_key")


def test_rotation_without_a_development_ca_explains_production(settings, own_pki):
    (own_pki / "root-ca-key.pem").unlink()

    with pytest.raises(CommandError, match="In production"):
        call_command("rotate_signing_key")
