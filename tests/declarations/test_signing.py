import asyncio
import hashlib
import ssl
import stat
from io import BytesIO

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID
from django.core.management import call_command
from django.utils import translation
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.general import find_unique_cms_attribute
from pyhanko.sign.validation.dss import DocumentSecurityStore

from declarations.documents.dev_pki import DEV_PKI_FILES
from declarations.documents.pdf import extract_attachment
from declarations.documents.signing import (
    SignatureCheck,
    SigningConfigurationError,
    certificate_fingerprint,
    clear_signing_caches,
    get_signer,
    sign_pdf,
    verify_pdf,
)
from tests.conftest import use_pki
from tests.declarations.conftest import JSON_ATTACHMENT, run, timestamper_for


def signed_range_end(pdf: bytes) -> int:
    return PdfFileReader(BytesIO(pdf)).embedded_signatures[0].byte_range[1]


def flip_byte(pdf: bytes, offset: int) -> bytes:
    data = bytearray(pdf)
    data[offset] ^= 0x01
    return bytes(data)


def test_signed_pdf_verifies_as_intact_trusted_and_complete(signed_pdf, portal_pki):
    check = verify_pdf(signed_pdf)

    assert check.ok, check.problems
    assert check.problems == ()
    assert check.intact and check.trusted and check.covers_whole_file
    assert "Declaration Portal Document Signing (development)" in check.signer_subject
    assert check.signer_fingerprint == certificate_fingerprint(portal_pki / "signing-cert.pem")
    assert check.timestamp_trusted
    assert check.signed_at == check.timestamped_at is not None


def test_signed_pdf_is_long_term_with_a_crl_and_a_document_timestamp(signed_pdf):
    reader = PdfFileReader(BytesIO(signed_pdf))
    dss = DocumentSecurityStore.read_dss(reader)

    assert [s.sig_object_type for s in reader.embedded_signatures] == ["/Sig", "/DocTimeStamp"]
    assert len(dss.crls) >= 1
    assert len(dss.certs) >= 3  # signing, TSA and root certificates
    assert (
        find_unique_cms_attribute(
            reader.embedded_signatures[0].signer_info["unsigned_attrs"],
            "signature_time_stamp_token",
        )
        is not None
    )


def test_dev_certificates_name_a_crl_distribution_point(pki_dir):
    for name in ("signing-cert.pem", "tsa-cert.pem"):
        cert = x509.load_pem_x509_certificate((pki_dir / name).read_bytes())
        points = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
        assert points[0].full_name[0].value.startswith("http")
    crl = x509.load_der_x509_crl((pki_dir / "root-ca.crl").read_bytes())
    root = x509.load_pem_x509_certificate((pki_dir / "root-ca.pem").read_bytes())
    assert crl.is_signature_valid(root.public_key())


def test_signing_keeps_the_embedded_json(signed_pdf):
    assert extract_attachment(signed_pdf, "declaration.json") == JSON_ATTACHMENT


def test_pdfsig_sees_one_valid_signature(signed_pdf, tmp_path):
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed_pdf)

    report = run("pdfsig", str(path))

    # The portal's signature, then the document timestamp over everything.
    assert report.count("Signature #") == 2
    assert "Signature Field Name: PortalSignature" in report
    # Poppler leaves the document timestamp, which covers the rest, unchecked.
    assert "Signature is Valid" in report


def test_flipped_byte_in_the_metadata_is_tampering(signed_pdf, portal_pki):
    offset = signed_pdf.index(b"WeasyPrint")  # /Producer of the first revision
    assert offset < signed_range_end(signed_pdf)

    check = verify_pdf(flip_byte(signed_pdf, offset))

    assert not check.ok
    assert "tampered" in check.problems
    assert not check.intact


def test_flipped_byte_in_page_content_is_tampering(signed_pdf, portal_pki):
    check = verify_pdf(flip_byte(signed_pdf, signed_range_end(signed_pdf) // 2))

    assert not check.ok
    assert "tampered" in check.problems


def corrupt_cms_hex(pdf: bytes, position_from_der_start) -> bytes:
    """Change one hex digit of the CMS blob in /Contents (outside the signed range)."""
    start = signed_range_end(pdf) + 1  # skip the "<"
    der_length = 4 + int(pdf[start + 4 : start + 8], 16)  # 30 82 LL LL
    offset = start + position_from_der_start(der_length) * 2
    data = bytearray(pdf)
    data[offset] = ord("1") if data[offset] != ord("1") else ord("2")
    return bytes(data)


def signature_value_at(pdf: bytes):
    """Where in the CMS blob the signer's own RSA signature value lies."""
    value = PdfFileReader(BytesIO(pdf)).embedded_signatures[0].signer_info["signature"].contents
    start = signed_range_end(pdf) + 1
    der = bytes.fromhex(pdf[start : start + 2 * (4 + int(pdf[start + 4 : start + 8], 16))].decode())
    offset = der.index(value) + 10
    return lambda length: offset


def test_damaged_signature_value_is_tampering(signed_pdf, portal_pki):
    check = verify_pdf(corrupt_cms_hex(signed_pdf, signature_value_at(signed_pdf)))

    assert not check.ok
    assert check.problems == ("tampered",)


def test_mangled_signature_container_is_unreadable_not_a_crash(signed_pdf, portal_pki):
    check = verify_pdf(corrupt_cms_hex(signed_pdf, lambda length: 0))

    assert check.problems == ("unreadable",)


def test_content_added_after_signing_is_reported(signed_pdf, portal_pki):
    writer = IncrementalPdfFileWriter(BytesIO(signed_pdf))
    forged = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 700 Td (FORGED) Tj ET")
    )
    writer.add_stream_to_page(0, forged)
    out = BytesIO()
    writer.write(out)

    check = verify_pdf(out.getvalue())

    assert not check.ok
    assert check.problems == ("modified_after_signing",)
    assert check.intact  # the signed revision itself is untouched
    assert not check.covers_whole_file


def test_harmless_looking_catalog_change_after_signing_is_reported(signed_pdf, portal_pki):
    writer = IncrementalPdfFileWriter(BytesIO(signed_pdf))
    writer.root["/Lang"] = generic.TextStringObject("en")
    writer.update_root()
    out = BytesIO()
    writer.write(out)

    assert verify_pdf(out.getvalue()).problems == ("modified_after_signing",)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "not_pdf"),
        (b"PK\x03\x04 this is a zip file", "not_pdf"),
        ("自己適合宣言".encode() * 100, "not_pdf"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n%%EOF\n", "unreadable"),
    ],
    ids=["empty", "zip", "text", "pdf-header-with-junk"],
)
def test_non_pdf_input_gets_a_clear_verdict(data, problem, portal_pki):
    assert verify_pdf(data) == SignatureCheck(ok=False, problems=(problem,))


def test_truncated_pdf_is_unreadable(signed_pdf, portal_pki):
    check = verify_pdf(signed_pdf[: len(signed_pdf) // 2])

    assert not check.ok
    assert check.problems == ("unreadable",)


def test_unsigned_pdf_has_no_signature(unsigned_pdf, portal_pki):
    check = verify_pdf(unsigned_pdf)

    assert not check.ok
    assert check.problems == ("no_signature",)
    with translation.override("en"):
        assert check.messages == ["The PDF has no digital signature."]


def test_pdf_signed_by_another_ca_is_untrusted(settings, unsigned_pdf, attacker_pki_dir, pki_dir):
    use_pki(settings, attacker_pki_dir)
    forged = sign_pdf(unsigned_pdf, reason="自己適合宣言の発行")
    use_pki(settings, pki_dir)

    check = verify_pdf(forged)

    assert not check.ok
    # The forger's own timestamps do not chain to our root either.
    assert check.problems == ("untrusted", "timestamp_untrusted")
    assert check.intact and not check.trusted
    # Same names as ours, so the subject alone proves nothing.
    assert "Declaration Portal Document Signing" in check.signer_subject


def test_second_signature_on_a_portal_pdf_is_reported(
    settings, signed_pdf, attacker_pki_dir, pki_dir
):
    use_pki(settings, attacker_pki_dir)
    meta = signers.PdfSignatureMetadata(field_name="Countersignature", md_algorithm="sha256")
    out = signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(signed_pdf)), meta, get_signer())
    use_pki(settings, pki_dir)

    check = verify_pdf(out.getvalue())

    assert not check.ok
    assert "multiple_signatures" in check.problems
    assert "modified_after_signing" in check.problems


def test_timestamped_signature_records_the_timestamp(unsigned_pdf, portal_pki):
    signed = sign_pdf(unsigned_pdf, reason="発行", timestamper=timestamper_for(portal_pki))

    check = verify_pdf(signed)

    assert check.ok, check.problems
    assert check.timestamp_trusted
    assert check.timestamped_at is not None
    assert check.signed_at == check.timestamped_at


def test_timestamp_from_an_unknown_authority_is_reported(
    unsigned_pdf, portal_pki, attacker_pki_dir
):
    # B-T only: a long-term signature needs the timestamp's chain to embed.
    signed = sign_pdf(
        unsigned_pdf,
        reason="発行",
        timestamper=timestamper_for(attacker_pki_dir),
        long_term=False,
    )

    check = verify_pdf(signed)

    assert not check.ok
    assert check.problems == ("timestamp_untrusted",)
    assert check.trusted  # the signature itself is still ours


def test_missing_signing_key_explains_how_to_create_one(settings, tmp_path, unsigned_pdf):
    settings.SIGNING_KEY_FILE = tmp_path / "nope" / "signing-key.pem"
    settings.SIGNING_CERT_FILE = tmp_path / "nope" / "signing-cert.pem"
    settings.SIGNING_ROOT_CERT_FILE = tmp_path / "nope" / "root-ca.pem"
    clear_signing_caches()

    with pytest.raises(SigningConfigurationError, match="create_dev_signing_key"):
        sign_pdf(unsigned_pdf, reason="発行")


def test_key_that_does_not_match_the_certificate_is_refused(settings, pki_dir, attacker_pki_dir):
    use_pki(settings, pki_dir)
    settings.SIGNING_KEY_FILE = attacker_pki_dir / "signing-key.pem"

    with pytest.raises(SigningConfigurationError, match="does not match"):
        get_signer()


def test_passphrase_protected_key_is_used_with_its_passphrase(
    settings, tmp_path, pki_dir, unsigned_pdf
):
    key = serialization.load_pem_private_key((pki_dir / "signing-key.pem").read_bytes(), None)
    encrypted = tmp_path / "signing-key.pem"
    encrypted.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"correct horse"),
        )
    )
    use_pki(settings, pki_dir)
    settings.SIGNING_KEY_FILE = encrypted
    settings.SIGNING_KEY_PASSPHRASE = "correct horse"

    assert verify_pdf(sign_pdf(unsigned_pdf, reason="発行")).ok

    settings.SIGNING_KEY_PASSPHRASE = "wrong"
    clear_signing_caches()
    with pytest.raises(SigningConfigurationError, match="SIGNING_KEY_PASSPHRASE"):
        get_signer()


def test_verification_without_a_trust_root_is_a_configuration_error(settings, tmp_path, signed_pdf):
    settings.SIGNING_ROOT_CERT_FILE = tmp_path / "missing-root.pem"
    clear_signing_caches()

    with pytest.raises(SigningConfigurationError):
        verify_pdf(signed_pdf)


def test_certificate_fingerprint_is_sha256_of_the_der_certificate(pki_dir):
    der = ssl.PEM_cert_to_DER_cert((pki_dir / "root-ca.pem").read_text())

    assert certificate_fingerprint(pki_dir / "root-ca.pem") == hashlib.sha256(der).hexdigest()


def test_dev_pki_has_the_expected_certificate_profiles(pki_dir):
    def load(name):
        return x509.load_pem_x509_certificate((pki_dir / name).read_bytes())

    root, leaf, tsa = load("root-ca.pem"), load("signing-cert.pem"), load("tsa-cert.pem")
    constraints = root.extensions.get_extension_for_class(x509.BasicConstraints)
    tsa_eku = tsa.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    leaf_usage = leaf.extensions.get_extension_for_class(x509.KeyUsage).value

    assert "Development Root CA" in root.subject.rfc4514_string()
    assert constraints.critical and constraints.value.ca
    assert leaf.issuer == root.subject and tsa.issuer == root.subject
    assert leaf_usage.digital_signature and leaf_usage.content_commitment
    assert tsa_eku.critical and list(tsa_eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]
    assert (leaf.not_valid_after_utc - leaf.not_valid_before_utc).days >= 5 * 365
    for name in ("root-ca-key.pem", "signing-key.pem", "tsa-key.pem"):
        assert stat.S_IMODE((pki_dir / name).stat().st_mode) == 0o600


def test_create_dev_signing_key_writes_the_files_once(db, settings, tmp_path, capsys):
    settings.SIGNING_DIR = tmp_path / "signing"

    call_command("create_dev_signing_key")
    first = {name: (settings.SIGNING_DIR / name).read_bytes() for name in DEV_PKI_FILES}
    call_command("create_dev_signing_key")
    second = {name: (settings.SIGNING_DIR / name).read_bytes() for name in DEV_PKI_FILES}
    output = capsys.readouterr().out

    assert first == second
    assert output.count("Wrote ") == len(DEV_PKI_FILES)
    assert "already exist" in output
    assert "Root CA SHA-256 fingerprint" in output


def test_create_dev_signing_key_force_replaces_the_pki(db, settings, tmp_path):
    settings.SIGNING_DIR = tmp_path / "signing"
    call_command("create_dev_signing_key")
    old_root = (settings.SIGNING_DIR / "root-ca.pem").read_bytes()

    call_command("create_dev_signing_key", force=True)

    assert (settings.SIGNING_DIR / "root-ca.pem").read_bytes() != old_root


def test_create_dev_signing_key_refuses_to_complete_a_partial_pki(db, settings, tmp_path):
    settings.SIGNING_DIR = tmp_path / "signing"
    call_command("create_dev_signing_key")
    (settings.SIGNING_DIR / "signing-key.pem").unlink()

    with pytest.raises(Exception, match="--force"):
        call_command("create_dev_signing_key")


def test_signing_and_verifying_work_inside_a_running_event_loop(unsigned_pdf, portal_pki):
    # As under ASGI, or beside a browser driver: pyHanko's own sync wrappers
    # would fail with "asyncio.run() cannot be called from a running event loop".
    async def inside_a_loop():
        signed = sign_pdf(unsigned_pdf, reason="test")
        return verify_pdf(signed)

    assert asyncio.run(inside_a_loop()).ok
