"""Anyone verifies a PDF or a serial; every bad upload gets a clear verdict."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from declarations import services, tasks
from declarations.documents.rendering import render_unsigned
from declarations.documents.signing import sign_pdf
from declarations.verification.verdicts import Outcome, verify_serial, verify_upload
from tests.conftest import use_pki


@pytest.fixture
def signed(published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    tasks.generate_pdf.delay(published.pk)
    published.refresh_from_db()
    return published.pdf_file.read()


def test_an_issued_pdf_is_authentic_and_in_force(signed, published):
    verdict = verify_upload(signed)
    assert verdict.outcome == Outcome.CURRENT and verdict.declaration == published
    assert verdict.is_issued_file and all(check.ok for check in verdict.checks)


def test_a_withdrawn_declaration_pdf_says_so(signed, published, sam):
    services.withdraw_declaration(declaration=published, user=sam, reason="提供終了")
    with translation.override("en"):
        verdict = verify_upload(signed)
    assert verdict.outcome == Outcome.NOT_CURRENT
    assert "withdrawn" in verdict.checks[-1].text and "提供終了" in verdict.checks[-1].text


def test_a_flipped_byte_is_not_authentic(signed):
    middle = len(signed) // 3
    tampered = signed[:middle] + bytes([signed[middle] ^ 0xFF]) + signed[middle + 1 :]
    assert verify_upload(tampered).outcome == Outcome.INVALID


def test_content_appended_after_signing_is_not_authentic(signed):
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    ref = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 72 Td (FORGED) Tj ET")
    )
    writer.add_stream_to_page(0, ref)
    out = BytesIO()
    writer.write(out)
    assert verify_upload(out.getvalue()).outcome == Outcome.INVALID


def test_a_pdf_resigned_by_someone_else_is_not_authentic(
    published, settings, pki_dir, attacker_pki_dir
):
    unsigned = render_unsigned(published)
    use_pki(settings, attacker_pki_dir)
    forged = sign_pdf(unsigned, reason="forged")
    use_pki(settings, pki_dir)  # trust stays pinned to the portal's own root
    assert verify_upload(forged).outcome == Outcome.INVALID


@pytest.mark.parametrize("data", [b"", b"hello", b"%PDF-1.7\n garbage"])
def test_garbage_gets_a_verdict_not_an_error(data, portal_pki):
    assert verify_upload(data).outcome == Outcome.INVALID


def test_a_truncated_pdf_gets_a_verdict(signed):
    assert verify_upload(signed[: len(signed) // 2]).outcome == Outcome.INVALID


def test_the_upload_page_shows_one_verdict(client, signed):
    response = client.post("/verify/", {"pdf": SimpleUploadedFile("d.pdf", signed)})
    assert response.status_code == 200
    assert b'data-outcome="current"' in response.content


def test_the_upload_page_refuses_non_pdf_without_an_error(client, portal_pki):
    response = client.post("/en/verify/", {"pdf": SimpleUploadedFile("x.txt", b"not a pdf")})
    assert response.status_code == 200 and b'data-outcome="invalid"' in response.content


def test_a_serial_is_looked_up_with_its_current_status(client, published, sam):
    assert verify_serial(published.serial).outcome == Outcome.CURRENT
    response = client.post("/verify/", {"serial": published.serial.lower()})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/verify/JPD-0000-XXXX-XXXX/").status_code == 404


def test_the_portal_certificate_is_downloadable(client, portal_pki):
    page = client.get("/verify/certificate/")
    assert page.status_code == 200 and b'id="root-fingerprint"' in page.content
    pem = client.get("/verify/certificate/root.pem")
    assert b"BEGIN CERTIFICATE" in b"".join(pem.streaming_content)


def test_an_oversized_upload_is_refused_before_it_is_read(client, settings):
    settings.VERIFY_MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 200_000)
    response = client.post("/en/verify/", {"pdf": big})
    assert response.status_code == 413 and b'id="too-large"' in response.content


def test_the_upload_help_follows_the_readers_language(client, settings):
    settings.VERIFY_MAX_UPLOAD_BYTES = 8 * 1024 * 1024
    english = client.get("/en/verify/").content.decode()
    japanese = client.get("/verify/").content.decode()
    assert "The signed PDF you received (at most 8 MB)." in english
    assert "お手元の署名付き PDF（最大 8 MB）。" in japanese


def test_the_invalid_headline_is_japanese_on_the_japanese_page(client, portal_pki):
    upload = SimpleUploadedFile("x.pdf", b"%PDF-1.7\nnot really\n", "application/pdf")
    page = client.post("/verify/", {"pdf": upload}).content.decode()
    assert "このポータルが発行した有効な宣言書ではありません" in page


def test_a_pdf_sent_from_another_declarations_page_says_whose_it_is(client, signed, published):
    page = client.get(f"/verify/{published.serial}/").content.decode()
    assert f'action="/verify/?expected={published.serial}"' in page

    def upload(expected):
        pdf = SimpleUploadedFile("d.pdf", signed, content_type="application/pdf")
        return client.post(f"/en/verify/?expected={expected}", {"pdf": pdf}).content.decode()

    other = "JPD-2020-2222-ZZZZ"
    assert f"This PDF is declaration {published.serial}, not {other}" in upload(other)
    assert 'id="other-declaration"' not in upload(published.serial)
