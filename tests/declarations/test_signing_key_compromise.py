"""A signing key marked compromised as of a time: signatures timestamped after it stop counting.

Those timestamped before it still verify, and the verdict says that the
certificate was later marked compromised. The development CA lists the
certificate in its CRL (revocation date, reason keyCompromise), which the
portal serves at the distribution point its certificates name.
"""

import re
import shutil
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from cryptography import x509
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from declarations.documents.dev_pki import CRL_PATH, create_dev_pki
from declarations.documents.signing import (
    SigningConfigurationError,
    certificate_fingerprint,
    clear_signing_caches,
    sign_pdf,
    verify_pdf,
)
from declarations.verification.codes import Outcome, Reason
from declarations.verification.verdicts import verify_upload
from portal import config
from tests.conftest import use_pki

# Both within the development certificates' five years, a fortnight apart.
FIRST = datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)
SECOND = FIRST + timedelta(days=14)
BETWEEN = FIRST + timedelta(days=7)
AFTERWARDS = SECOND + timedelta(days=7)


@pytest.fixture
def own_pki(db, settings, pki_dir, tmp_path):
    """A copy of the development PKI whose CRL this test may change."""
    directory = tmp_path / "signing"
    shutil.copytree(pki_dir, directory)
    use_pki(settings, directory)
    settings.SIGNING_DIR = directory
    yield directory
    clear_signing_caches()


@pytest.fixture
def two_signed(own_pki, unsigned_pdf) -> tuple[bytes, bytes]:
    """One PDF signed before BETWEEN and one after it, with the same key."""
    with time_machine.travel(FIRST, tick=False):
        before = sign_pdf(unsigned_pdf, reason="発行")
    with time_machine.travel(SECOND, tick=False):
        after = sign_pdf(unsigned_pdf, reason="発行")
    return before, after


def mark_compromised(since: datetime) -> None:
    with time_machine.travel(AFTERWARDS, tick=False):
        call_command("rotate_signing_key", compromised_since=since.isoformat())


def test_a_compromise_time_splits_signatures_made_with_one_key(own_pki, two_signed):
    before, after = two_signed
    fingerprint = certificate_fingerprint(own_pki / "signing-cert.pem")

    mark_compromised(BETWEEN)

    with time_machine.travel(AFTERWARDS, tick=False):
        kept, rejected = verify_pdf(before), verify_pdf(after)
    assert kept.ok and kept.signer_fingerprint == fingerprint
    assert kept.compromised_since == BETWEEN
    assert not rejected.ok and rejected.problems == ("signed_after_compromise",)
    assert rejected.signed_at == SECOND


def test_the_setting_alone_splits_them_too(settings, own_pki, two_signed):
    before, after = two_signed
    fingerprint = certificate_fingerprint(own_pki / "signing-cert.pem")
    settings.SIGNING_COMPROMISED = {fingerprint: BETWEEN}

    assert verify_pdf(before).ok
    assert verify_pdf(after).problems == ("signed_after_compromise",)


def test_the_earlier_of_the_setting_and_the_crl_counts(settings, own_pki, two_signed):
    before, _after = two_signed
    fingerprint = certificate_fingerprint(own_pki / "signing-cert.pem")
    settings.SIGNING_COMPROMISED = {fingerprint: FIRST - timedelta(days=1)}

    mark_compromised(BETWEEN)

    assert verify_pdf(before).problems == ("signed_after_compromise",)


def test_new_pdfs_are_signed_with_the_new_key_and_verify(own_pki, two_signed, unsigned_pdf):
    mark_compromised(BETWEEN)

    with time_machine.travel(AFTERWARDS + timedelta(hours=1), tick=False):
        fresh = sign_pdf(unsigned_pdf, reason="発行")
        check = verify_pdf(fresh)

    assert check.ok and check.compromised_since is None


def test_the_portal_refuses_to_sign_with_a_compromised_key(settings, own_pki, unsigned_pdf):
    fingerprint = certificate_fingerprint(own_pki / "signing-cert.pem")
    settings.SIGNING_COMPROMISED = {fingerprint: datetime.now(UTC) - timedelta(hours=1)}

    with pytest.raises(SigningConfigurationError, match="compromised"):
        sign_pdf(unsigned_pdf, reason="発行")


def test_the_crl_url_serves_a_crl_that_lists_the_certificate(client, own_pki, two_signed):
    old = x509.load_pem_x509_certificate((own_pki / "signing-cert.pem").read_bytes())

    mark_compromised(BETWEEN)
    response = client.get(CRL_PATH)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pkix-crl"
    crl = x509.load_der_x509_crl(response.content)
    root = x509.load_pem_x509_certificate((own_pki / "root-ca.pem").read_bytes())
    assert crl.is_signature_valid(root.public_key())
    entry = crl.get_revoked_certificate_by_serial_number(old.serial_number)
    assert entry is not None and entry.revocation_date_utc == BETWEEN
    reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
    assert reason == x509.ReasonFlags.key_compromise
    assert len(list(crl)) == 1


def test_the_crl_url_is_the_one_the_certificates_name(settings, tmp_path):
    settings.SITE_URL = "https://portal.example.jp"
    create_dev_pki(tmp_path)

    cert = x509.load_pem_x509_certificate((tmp_path / "signing-cert.pem").read_bytes())
    points = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value

    assert reverse("verification:crl") == CRL_PATH
    assert [name.value for name in points[0].full_name] == [
        "https://portal.example.jp/verify/certificate/root.crl"
    ]


def test_no_crl_is_served_when_the_ca_publishes_its_own(client, settings, portal_pki):
    settings.SIGNING_CRL_FILE = ""

    assert client.get(CRL_PATH).status_code == 404


# --- what verifiers see ---------------------------------------------------------------


@pytest.fixture
def issued(with_pdf, own_pki):
    """A published declaration's PDF, signed now; own_pki holds the same keys."""
    return with_pdf.pdf_file.read()


def page_verdict(client, data: bytes, prefix: str) -> str:
    pdf = SimpleUploadedFile("d.pdf", data, "application/pdf")
    page = client.post(f"{prefix}/verify/", {"pdf": pdf}).content.decode()
    return re.sub(r"\s+", " ", page[page.index('id="verdict"') : page.index("</section>")])


def test_the_verdict_page_says_the_signature_predates_the_compromise(client, issued):
    mark_compromised(FIRST)

    with time_machine.travel(AFTERWARDS, tick=False):
        verdict = verify_upload(issued)
        english = page_verdict(client, issued, "/en")
        japanese = page_verdict(client, issued, "")

    assert verdict.outcome == Outcome.CURRENT
    assert [check.code for check in verdict.checks] == [
        Reason.SIGNATURE_VALID,
        Reason.SIGNED_BEFORE_COMPROMISE,
        Reason.RECORD_MATCHES,
        Reason.IN_FORCE,
    ]
    assert 'data-code="signed_before_compromise"' in english
    assert "later marked compromised" in english and "before that, so it still counts" in english
    assert "侵害" in japanese and "より前" in japanese


def test_the_api_rejects_a_signature_timestamped_after_the_compromise(
    client, settings, issued, own_pki
):
    fingerprint = certificate_fingerprint(own_pki / "signing-cert.pem")
    settings.SIGNING_COMPROMISED = {fingerprint: datetime.now(UTC) - timedelta(days=1)}

    pdf = SimpleUploadedFile("d.pdf", issued, "application/pdf")
    body = client.post("/api/v1/verify/?lang=en", {"pdf": pdf}).json()

    assert body["outcome"] == "invalid"
    assert [check["code"] for check in body["checks"]] == ["signed_after_compromise"]
    assert "after that" in body["checks"][0]["text"]
    assert body["declaration"] is None


# --- marking a compromise -------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "abc@2026-05-01T09:00:00+09:00",
        "f" * 64 + "@2026-05-01T09:00:00",  # no offset
        "f" * 64 + "@yesterday",
        "f" * 64,
    ],
)
def test_a_bad_compromise_setting_stops_the_start(monkeypatch, value):
    monkeypatch.setenv("SIGNING_COMPROMISED", value)

    with pytest.raises(ImproperlyConfigured, match="SIGNING_COMPROMISED"):
        config.compromises("SIGNING_COMPROMISED")


def test_the_setting_takes_fingerprints_as_openssl_prints_them(monkeypatch):
    fingerprint = "AB:" * 31 + "AB"
    monkeypatch.setenv("SIGNING_COMPROMISED", f" {fingerprint}@2026-05-01T09:00:00+09:00 ,")

    assert config.compromises("SIGNING_COMPROMISED") == {
        "ab" * 32: datetime(2026, 5, 1, 0, 0, tzinfo=UTC)
    }


@pytest.mark.parametrize("since", ["2026-05-01T09:00:00", "not a time", "2999-01-01T00:00:00Z"])
def test_the_command_refuses_a_time_without_offset_or_in_the_future(own_pki, since):
    with pytest.raises(CommandError, match="compromised-since"):
        call_command("rotate_signing_key", compromised_since=since)

    assert not list((own_pki / "retired-certs").glob("*.pem"))
