"""Page 1 tells a reader how to verify the declaration, online and offline."""

from django.conf import settings

from declarations.documents.signing import certificate_fingerprint


def test_page_one_prints_the_root_fingerprint_and_the_verification_url(with_pdf, pdf_pages):
    first = pdf_pages[0]
    fingerprint = certificate_fingerprint(settings.SIGNING_ROOT_CERT_FILE)

    assert fingerprint in "".join(first.split())
    assert f"/verify/{with_pdf.serial}/" in first
    assert "/verify/certificate/" in first
    assert "オフラインでの検証" in first and "Verifying offline" in first
