"""A renewed PDF, validated offline years on, with only the published root.

The portal's own verification (as of the trusted timestamps, with the DSS the
renewal filled) holds in 2031 and 2040. pyHanko's AdES B-LTA validation
(``ades_lta_validation``) does not yet: it reports INDETERMINATE/NO_POE, because
its evidence-record step cannot validate the newest document timestamp "at
current time" and falls back to OUT_OF_BOUNDS_NO_POE for it, and so grants the
chain no proof of existence. That test is kept as a strict expected failure,
so that the day it passes the suite says so.
"""

import asyncio
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESPassed
from pyhanko.sign.validation.ades import ades_lta_validation
from pyhanko.sign.validation.policy_decl import (
    PdfSignatureValidationSpec,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
from pyhanko_certvalidator.registry import SimpleTrustManager

from declarations import tasks
from declarations.documents.archival import latest_timestamp_expiry
from declarations.documents.dev_pki import issue_tsa_certificate, write_crl
from declarations.documents.signing import clear_signing_caches, verify_pdf
from declarations.verification.codes import Reason
from declarations.verification.verdicts import Outcome, verify_upload

LATER = [datetime(2031, 12, 31, tzinfo=UTC), datetime(2040, 6, 1, tzinfo=UTC)]


def lta_validation(pdf: bytes, root, when: datetime):
    policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build(trust_roots=[root]),
        revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO),
    )
    spec = PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=policy,
            revinfo_gathering_policy=RevocationInfoGatheringSpec(
                online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY
            ),
        )
    )
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_regular_signatures[0]
    timing = ValidationTimingInfo(
        validation_time=when, best_signature_time=when, point_in_time_validation=False
    )
    return asyncio.run(ades_lta_validation(signature, spec, timing_info=timing))


@pytest.fixture
def stored(published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    tasks.generate_pdf.delay(published.pk)
    published.refresh_from_db()
    return published.pdf_file.read()


def renew(published, settings, pki_dir, directory, pdf: bytes) -> bytes:
    """Run the daily renewal within the margin of the newest timestamp's expiry."""
    with time_machine.travel(latest_timestamp_expiry(pdf) - timedelta(days=200), tick=False):
        key, cert = issue_tsa_certificate(pki_dir)
        name = f"tsa-{len(list(directory.glob('tsa-*-key.pem')))}"
        (directory / f"{name}-key.pem").write_bytes(key)
        (directory / f"{name}-cert.pem").write_bytes(cert)
        settings.SIGNING_TSA_KEY_FILE = directory / f"{name}-key.pem"
        settings.SIGNING_TSA_CERT_FILE = directory / f"{name}-cert.pem"
        # The CA publishes CRLs as it goes; the renewal embeds the current one.
        for part in ("root-ca.pem", "root-ca-key.pem"):
            (directory / part).write_bytes((pki_dir / part).read_bytes())
        settings.SIGNING_CRL_FILE = str(write_crl(directory))
        clear_signing_caches()
        tasks.renew_archival_timestamps.delay()
    published.refresh_from_db()
    return published.pdf_file.read()


def renewed_pdf(published, settings, portal_pki, tmp_path, stored) -> bytes:
    return renew(published, settings, portal_pki, tmp_path, stored)


@pytest.mark.parametrize("when", LATER, ids=lambda when: str(when.year))
def test_the_portal_verifies_a_renewed_pdf_offline_years_on(
    stored, published, settings, portal_pki, tmp_path, when
):
    renewed = renewed_pdf(published, settings, portal_pki, tmp_path, stored)
    settings.SIGNING_CRL_FILE = ""  # nothing but the file and the root

    with time_machine.travel(when, tick=False):
        check = verify_pdf(renewed)
        verdict = verify_upload(renewed)

    assert check.ok, check.problems
    assert check.timestamp_trusted and check.covers_whole_file
    assert verdict.outcome == Outcome.NOT_CURRENT and verdict.is_issued_file
    assert [(c.code, c.ok) for c in verdict.checks][:2] == [
        (Reason.SIGNATURE_VALID, True),
        (Reason.RECORD_MATCHES, True),
    ]


@pytest.mark.xfail(
    strict=True,
    reason="pyHanko 0.38 ades_lta_validation: NO_POE (newest document timestamp "
    "OUT_OF_BOUNDS_NO_POE at current time)",
)
@pytest.mark.parametrize("when", LATER, ids=lambda when: str(when.year))
def test_pyhankos_lta_validation_passes_for_a_renewed_pdf(
    stored, published, settings, portal_pki, tmp_path, when
):
    root = load_cert_from_pemder(portal_pki / "root-ca.pem")
    renewed = renewed_pdf(published, settings, portal_pki, tmp_path, stored)

    result = lta_validation(renewed, root, when)

    assert result.ades_subindic == AdESPassed.OK, result.failure_msg
