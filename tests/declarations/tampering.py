"""Every way the tests know to spoil a signed PDF, with the reason codes it must get.

Built from the signing tests' own cases, so that the page and the API are held
to each of them too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from cryptography.x509.oid import ExtendedKeyUsageOID
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from declarations.documents.dev_pki import issue_certificate
from declarations.documents.pdf import render_pdf
from declarations.documents.signing import get_signer, sign_pdf
from tests.conftest import use_pki
from tests.declarations.conftest import timestamper_for
from tests.declarations.test_signing import (
    corrupt_cms_hex,
    flip_byte,
    signature_value_at,
    signed_range_end,
)


@dataclass
class Materials:
    signed: bytes  # signed by the portal; its record is no declaration of the registry
    unsigned: bytes
    settings: object
    pki_dir: Path
    attacker_pki_dir: Path

    def as_attacker(self, make: Callable[[], bytes]) -> bytes:
        use_pki(self.settings, self.attacker_pki_dir)
        try:
            return make()
        finally:
            use_pki(self.settings, self.pki_dir)


def _appended_content(m: Materials) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(m.signed))
    forged = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 700 Td (FORGED) Tj ET")
    )
    writer.add_stream_to_page(0, forged)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _catalog_change(m: Materials) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(m.signed))
    writer.root["/Lang"] = generic.TextStringObject("en")
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _countersigned(m: Materials) -> bytes:
    def sign() -> bytes:
        meta = signers.PdfSignatureMetadata(field_name="Countersignature", md_algorithm="sha256")
        writer = IncrementalPdfFileWriter(BytesIO(m.signed))
        return signers.sign_pdf(writer, meta, get_signer()).getvalue()

    return m.as_attacker(sign)


def signed_with(pdf: bytes, pki_dir: Path, key_pem: bytes, cert_pem: bytes) -> bytes:
    """Signed (B-T) with a key and certificate that are not the portal's settings."""
    (root,) = load_certs_from_pemder_data((pki_dir / "root-ca.pem").read_bytes())
    (cert,) = load_certs_from_pemder_data(cert_pem)
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=load_private_key_from_pemder_data(key_pem, passphrase=None),
        cert_registry=SimpleCertificateStore.from_certs([root]),
    )
    meta = signers.PdfSignatureMetadata(field_name="PortalSignature", md_algorithm="sha256")
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    return signers.sign_pdf(writer, meta, signer, timestamper=timestamper_for(pki_dir)).getvalue()


def signed_with_the_tsa_certificate(pdf: bytes, pki_dir: Path) -> bytes:
    return signed_with(
        pdf,
        pki_dir,
        (pki_dir / "tsa-key.pem").read_bytes(),
        (pki_dir / "tsa-cert.pem").read_bytes(),
    )


def signed_with_another_certificate_of_the_ca(pdf: bytes, pki_dir: Path) -> bytes:
    key, cert = issue_certificate(
        pki_dir,
        common_name="Declaration Portal Web Client (development)",
        purposes=[ExtendedKeyUsageOID.CLIENT_AUTH],
    )
    return signed_with(pdf, pki_dir, key, cert)


def _without_record(m: Materials) -> bytes:
    bare = render_pdf("<p>自己適合宣言</p>", base_url=None, attachments=[])
    return sign_pdf(bare, reason="発行")


CASES: dict[str, tuple[Callable[[Materials], bytes], set[str]]] = {
    "flipped-metadata-byte": (
        lambda m: flip_byte(m.signed, m.signed.index(b"WeasyPrint")),
        {"tampered"},
    ),
    "flipped-content-byte": (
        lambda m: flip_byte(m.signed, signed_range_end(m.signed) // 2),
        {"tampered"},
    ),
    "damaged-signature-value": (
        lambda m: corrupt_cms_hex(m.signed, signature_value_at(m.signed)),
        {"tampered"},
    ),
    "mangled-signature-container": (
        lambda m: corrupt_cms_hex(m.signed, lambda length: 0),
        {"unreadable"},
    ),
    "content-appended-after-signing": (_appended_content, {"modified_after_signing"}),
    "catalog-changed-after-signing": (_catalog_change, {"modified_after_signing"}),
    "signed-by-another-ca": (
        lambda m: m.as_attacker(lambda: sign_pdf(m.unsigned, reason="自己適合宣言の発行")),
        {"untrusted", "timestamp_untrusted"},
    ),
    "signed-with-the-tsa-certificate": (
        lambda m: signed_with_the_tsa_certificate(m.unsigned, m.pki_dir),
        {"not_portal_certificate"},
    ),
    "signed-with-another-certificate-of-the-ca": (
        lambda m: signed_with_another_certificate_of_the_ca(m.unsigned, m.pki_dir),
        {"not_portal_certificate"},
    ),
    "second-signature": (_countersigned, {"multiple_signatures", "modified_after_signing"}),
    "timestamp-from-unknown-authority": (
        lambda m: sign_pdf(
            m.unsigned,
            reason="発行",
            timestamper=timestamper_for(m.attacker_pki_dir),
            long_term=False,
        ),
        {"timestamp_untrusted"},
    ),
    "truncated": (lambda m: m.signed[: len(m.signed) // 2], {"unreadable"}),
    "unsigned": (lambda m: m.unsigned, {"no_signature"}),
    "zip": (lambda m: b"PK\x03\x04 this is a zip file", {"not_pdf"}),
    "text": (lambda m: "自己適合宣言".encode() * 100, {"not_pdf"}),
    "pdf-header-with-junk": (
        lambda m: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n%%EOF\n",
        {"unreadable"},
    ),
    "nul-bytes": (lambda m: b"%PDF-1.7\n\x00\x00\x00" * 1000, {"unreadable"}),
    "signed-without-a-record": (_without_record, {"no_record"}),
    "signed-record-not-in-the-registry": (lambda m: m.signed, {"record_mismatch"}),
}
