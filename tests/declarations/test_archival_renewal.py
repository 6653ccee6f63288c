"""A stored PDF gets a fresh document timestamp before its latest one's certificate expires.

The renewal appends to the file: the portal's signature, the bytes it covers
and the embedded record stay as they were, and the registry then holds the
renewed file as the issued one.
"""

import hashlib
import io
from datetime import timedelta

import pytest
import time_machine
from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader

from declarations import tasks
from declarations.documents.archival import latest_timestamp_expiry
from declarations.documents.dev_pki import issue_tsa_certificate
from declarations.documents.pdf import extract_attachment
from declarations.documents.rendering import RECORD_FILENAME
from declarations.documents.signing import clear_signing_caches, verify_pdf
from declarations.verification.verdicts import Outcome, verify_upload


@pytest.fixture
def stored(published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    tasks.generate_pdf.delay(published.pk)
    published.refresh_from_db()
    return published.pdf_file.read()


def rotate_tsa(settings, pki_dir, directory):
    """A new TSA key from the development CA, as a real authority rotates its own."""
    key, cert = issue_tsa_certificate(pki_dir)
    (directory / "tsa2-key.pem").write_bytes(key)
    (directory / "tsa2-cert.pem").write_bytes(cert)
    settings.SIGNING_TSA_KEY_FILE = directory / "tsa2-key.pem"
    settings.SIGNING_TSA_CERT_FILE = directory / "tsa2-cert.pem"
    clear_signing_caches()
    return x509.load_pem_x509_certificate(cert)


def renew_near_expiry(published, settings, portal_pki, tmp_path, stored):
    """Travel to within the margin of the TSA certificate's expiry and run the daily task."""
    expiry = latest_timestamp_expiry(stored)
    with time_machine.travel(expiry - timedelta(days=200), tick=False):
        rotate_tsa(settings, portal_pki, tmp_path)
        assert tasks.renew_archival_timestamps.delay().get() == 1
    published.refresh_from_db()
    return published.pdf_file.read()


def signed_revision(pdf: bytes) -> tuple[tuple[int, ...], bytes]:
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_regular_signatures[0]
    byte_range = tuple(signature.sig_object["/ByteRange"])
    return byte_range, pdf[: byte_range[2] + byte_range[3]]


def test_a_pdf_not_due_is_left_alone(stored, published):
    before = (published.pdf_file.name, published.pdf_sha256)

    tasks.renew_archival_timestamps.delay()

    published.refresh_from_db()
    assert (published.pdf_file.name, published.pdf_sha256) == before
    assert published.pdf_file.read() == stored


def test_a_pdf_near_its_timestamps_expiry_gets_a_fresh_timestamp(
    stored, published, settings, portal_pki, tmp_path
):
    digest = published.digest

    renewed = renew_near_expiry(published, settings, portal_pki, tmp_path, stored)

    assert renewed != stored and renewed.startswith(stored)
    assert published.pdf_sha256 == hashlib.sha256(renewed).hexdigest()
    assert published.digest == digest
    assert extract_attachment(renewed, RECORD_FILENAME) == extract_attachment(
        stored, RECORD_FILENAME
    )
    # The portal's signature covers exactly the revision it covered before.
    assert signed_revision(renewed) == signed_revision(stored)
    reader = PdfFileReader(io.BytesIO(renewed))
    assert len(reader.embedded_timestamp_signatures) == 2
    assert len(reader.embedded_regular_signatures) == 1
    # The newest timestamp is the rotated authority's, good for years more.
    assert latest_timestamp_expiry(renewed) > latest_timestamp_expiry(stored) + timedelta(days=1000)


def test_the_renewed_pdf_verifies_as_the_issued_file(
    stored, published, settings, portal_pki, tmp_path
):
    renewed = renew_near_expiry(published, settings, portal_pki, tmp_path, stored)

    check = verify_pdf(renewed)
    assert check.ok, check.problems
    assert check.intact and check.covers_whole_file and check.timestamp_trusted
    verdict = verify_upload(renewed)
    assert verdict.outcome == Outcome.CURRENT
    assert verdict.is_issued_file
    # The file as first issued is still authentic, just no longer the newest.
    old = verify_upload(stored)
    assert old.outcome == Outcome.CURRENT and not old.is_issued_file


def test_renewing_twice_the_same_day_renews_once(stored, published, settings, portal_pki, tmp_path):
    renewed = renew_near_expiry(published, settings, portal_pki, tmp_path, stored)
    expiry = latest_timestamp_expiry(stored)

    with time_machine.travel(expiry - timedelta(days=199), tick=False):
        tasks.renew_archival_timestamps.delay()

    published.refresh_from_db()
    assert published.pdf_file.read() == renewed


def test_the_previous_file_is_removed_from_storage(
    stored, published, settings, portal_pki, tmp_path, django_capture_on_commit_callbacks
):
    first = published.pdf_file.name
    storage = published.pdf_file.storage
    with django_capture_on_commit_callbacks(execute=True):
        renew_near_expiry(published, settings, portal_pki, tmp_path, stored)

    assert published.pdf_file.name != first
    assert storage.exists(published.pdf_file.name) and not storage.exists(first)


def test_the_renewal_runs_daily():
    from django.conf import settings

    entry = next(
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "declarations.tasks.renew_archival_timestamps"
    )
    schedule = entry["schedule"]
    # Once a day: one hour, one minute, every day of every month.
    assert len(schedule.hour) == 1 and len(schedule.minute) == 1
    assert len(schedule.day_of_week) == 7 and len(schedule.day_of_month) == 31
