"""The worker renders, embeds and signs the PDF once; failures retry and then show."""

import hashlib
import subprocess

import pytest

from declarations import services, tasks
from declarations.documents.pdf import extract_attachment
from declarations.documents.rendering import RECORD_FILENAME
from declarations.documents.signing import (
    SigningConfigurationError,
    clear_signing_caches,
    verify_pdf,
)
from declarations.models import Declaration

P = Declaration.PdfState


def test_the_pdf_is_signed_by_the_portal_and_covers_the_whole_file(with_pdf):
    data = with_pdf.pdf_file.read()
    check = verify_pdf(data)
    assert check.ok and check.intact and check.trusted and check.covers_whole_file
    assert with_pdf.pdf_sha256 == hashlib.sha256(data).hexdigest()


def test_the_embedded_record_equals_the_stored_one(with_pdf):
    embedded = extract_attachment(with_pdf.pdf_file.read(), RECORD_FILENAME)
    assert embedded == with_pdf.canonical_json.encode()
    assert hashlib.sha256(embedded).hexdigest() == with_pdf.digest


def test_the_pdf_text_has_the_japanese_statement_titles(with_pdf, tmp_path):
    path = tmp_path / "d.pdf"
    path.write_bytes(with_pdf.pdf_file.read())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "セキュアなビルド" in text and "自己適合宣言書" in text and with_pdf.serial in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "Noto-Sans-CJK-JP" in fonts


def test_the_qr_code_leads_to_the_verification_page(with_pdf, tmp_path):
    path = tmp_path / "d.pdf"
    path.write_bytes(with_pdf.pdf_file.read())
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
        check=True,
    )
    png = next(tmp_path.glob("p*.png"))
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True
    ).stdout.strip()
    assert decoded.endswith(f"/verify/{with_pdf.serial}/")


def test_running_the_task_twice_keeps_one_pdf(with_pdf):
    first = (with_pdf.pdf_file.name, with_pdf.pdf_sha256)
    tasks.generate_pdf.delay(with_pdf.pk)
    with_pdf.refresh_from_db()
    assert (with_pdf.pdf_file.name, with_pdf.pdf_sha256) == first
    assert len(list(with_pdf.pdf_file.storage.listdir("declarations")[1])) == 1


def test_a_failing_render_ends_failed_and_the_vendor_can_retry(published, sam, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    good_key = settings.SIGNING_KEY_FILE
    settings.SIGNING_KEY_FILE = tmp_path / "missing-key.pem"  # a real failure, not a mock
    clear_signing_caches()
    with pytest.raises(SigningConfigurationError):
        tasks.generate_pdf.delay(published.pk)
    published.refresh_from_db()
    assert published.pdf_state == P.FAILED and "signing" in published.pdf_error.lower()

    settings.SIGNING_KEY_FILE = good_key
    clear_signing_caches()
    assert services.retry_pdf(declaration=published, user=sam)
    published.refresh_from_db()
    assert published.pdf_state == P.PENDING
    tasks.generate_pdf.delay(published.pk)
    published.refresh_from_db()
    assert published.pdf_state == P.READY


def test_the_sweep_queues_declarations_whose_pdf_is_missing(published, settings, tmp_path):
    import time_machine

    settings.MEDIA_ROOT = tmp_path / "media"
    assert tasks.sweep_missing_pdfs() == 0  # too fresh: its task may still be queued
    with time_machine.travel(published.updated_at + tasks.STALE_AFTER * 2):
        assert tasks.missing_pdf_ids() == [published.pk]
        tasks.sweep_missing_pdfs()
    published.refresh_from_db()
    assert published.pdf_state == P.READY


def test_the_status_endpoint_reports_the_state(client, with_pdf, sam):
    client.force_login(sam)
    data = client.get(f"/declarations/{with_pdf.pk}/pdf/status/").json()
    assert data["state"] == "ready" and data["download_url"].endswith("/pdf/")
    download = client.get(data["download_url"])
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
