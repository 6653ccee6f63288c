"""A renewed PDF, validated offline years on, with only the published root.

The portal's own verification (as of the trusted timestamps, with the DSS the
renewal filled) holds in 2031 and 2040. So does pyHanko's AdES B-LTA validation
(``ades_lta_validation``, ETSI EN 319 102-1 §5.6.3), fed with nothing but the
file and the root, under a validation policy that says two things an offline
verifier must say for itself:

* How long revocation data counts as fresh: seven days after its
  ``thisUpdate`` (``FreshnessReqType.MAX_DIFF_REVOCATION_VALIDATION``, ETSI
  TS 119 172-3). The development CA's CRL names the root's own expiry as its
  ``nextUpdate``; under pyHanko's default freshness (the thisUpdate–nextUpdate
  window) a CRL from 2031 would still be "current" at the validation time, so
  the AdES time slide (``pyhanko_certvalidator.ltv.time_slide.
  _update_control_time_for_unrevoked``) would never move the control time back
  to before the expired timestamp authority's ``notAfter``, and the past
  validation of the first document timestamp would fail with
  OUT_OF_BOUNDS_NO_POE.
* That the newest timestamp's authority is not revoked at the validation time
  (a ``NonRevokedStatusAssertion``): no revocation data in a file can speak for
  a moment after the file was last stamped. pyHanko's own
  ``simulate_future_ades_lta_validation`` asserts the same.

It runs with the clock at the validation time, as a verifier in 2040 would:
pyHanko dates an object without proof of existence at ``datetime.now()``.

The renewal stamps with a freshly issued authority certificate that outlives
the validation date (ten years, as commercial TSA certificates run), before the
first one expires, as the daily renewal does.

A chain of two renewals under one CA does not validate in pyHanko 0.38; that
case is a strict expected failure below, with the reason.
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
    LocalKnowledge,
    PdfSignatureValidationSpec,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from pyhanko_certvalidator.policy_decl import (
    REQUIRE_REVINFO,
    CertRevTrustPolicy,
    FreshnessReqType,
    NonRevokedStatusAssertion,
)
from pyhanko_certvalidator.registry import SimpleTrustManager

from declarations import tasks
from declarations.documents.archival import latest_timestamp_expiry
from declarations.documents.dev_pki import issue_tsa_certificate, write_crl
from declarations.documents.signing import clear_signing_caches, verify_pdf
from declarations.verification.codes import Reason
from declarations.verification.verdicts import Outcome, verify_upload

LATER = [datetime(2031, 12, 31, tzinfo=UTC), datetime(2040, 6, 1, tzinfo=UTC)]


def lta_validation(pdf: bytes, root, when: datetime):
    """pyHanko's B-LTA validation at ``when``, offline, with ``root`` alone (see above)."""
    reader = PdfFileReader(io.BytesIO(pdf))
    newest_authority = reader.embedded_timestamp_signatures[-1].signer_cert
    policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build(trust_roots=[root]),
        revinfo_policy=CertRevTrustPolicy(
            REQUIRE_REVINFO,
            freshness=timedelta(days=7),
            freshness_req_type=FreshnessReqType.MAX_DIFF_REVOCATION_VALIDATION,
        ),
    )
    spec = PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=policy,
            revinfo_gathering_policy=RevocationInfoGatheringSpec(
                online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY
            ),
            local_knowledge=LocalKnowledge(
                nonrevoked_assertions=[NonRevokedStatusAssertion(newest_authority.sha256, at=when)]
            ),
        )
    )
    signature = reader.embedded_regular_signatures[0]
    timing = ValidationTimingInfo(
        validation_time=when, best_signature_time=when, point_in_time_validation=False
    )
    # The clock must read ``when`` too: pyHanko dates every object without a
    # proof of existence at datetime.now() (POEManager), not at the timing info.
    with time_machine.travel(when, tick=False):
        return asyncio.run(ades_lta_validation(signature, spec, timing_info=timing))


@pytest.fixture
def stored(published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    tasks.generate_pdf.delay(published.pk)
    published.refresh_from_db()
    return published.pdf_file.read()


def renew(published, settings, pki_dir, directory, pdf: bytes, *, tsa_years: int = 5) -> bytes:
    """Run the daily renewal within the margin of the newest timestamp's expiry,
    with a new timestamp authority certificate valid for ``tsa_years``."""
    with time_machine.travel(latest_timestamp_expiry(pdf) - timedelta(days=200), tick=False):
        key, cert = issue_tsa_certificate(pki_dir, years=tsa_years)
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


@pytest.mark.parametrize("when", LATER, ids=lambda when: str(when.year))
def test_pyhankos_lta_validation_passes_for_a_renewed_pdf(
    stored, published, settings, portal_pki, tmp_path, when
):
    root = load_cert_from_pemder(portal_pki / "root-ca.pem")
    renewed = renew(published, settings, portal_pki, tmp_path, stored, tsa_years=10)

    result = lta_validation(renewed, root, when)

    assert result.ades_subindic == AdESPassed.OK, result.failure_msg
    assert result.oldest_evidence_record_timestamp is not None


@pytest.mark.xfail(
    strict=True,
    reason="pyHanko 0.38: after two renewals under one CA the first timestamp's "
    "authority fails past validation (OUT_OF_BOUNDS_NO_POE)",
)
def test_pyhankos_lta_validation_passes_after_two_renewals_under_one_ca(
    stored, published, settings, portal_pki, tmp_path
):
    """Five-year authority certificates, renewed in 2031 and 2035, validated in 2040.

    Fails in pyhanko-certvalidator 0.33: the time slide for the first
    document timestamp's (expired) authority takes only the most recent CRL of
    the CA (``ltv/time_slide.py``, ``_time_slide``: ``most_recent_crl``), the
    one the 2035 renewal embedded, so the control time stops in 2035; then
    ``ltv/ades_past.py`` ``past_validate`` re-validates the whole path at that
    control time (``async_validate_path``, its own "Maintenance note" calls this
    more than the AdES spec requires) and the authority certificate, expired in
    2031, raises ExpiredError. ETSI EN 319 102-1 §5.6.2.4 asks only for proof of
    existence before the certificate's expiry, which the 2031 renewal gives. It
    would pass with a TSA under a CA of its own per generation (so that a newer
    CRL does not speak for an older authority), or with a pyHanko whose past
    validation compares the proof of existence with ``notAfter``.
    """
    root = load_cert_from_pemder(portal_pki / "root-ca.pem")
    once = renew(published, settings, portal_pki, tmp_path, stored)
    twice = renew(published, settings, portal_pki, tmp_path, once)

    result = lta_validation(twice, root, LATER[1])

    assert result.ades_subindic == AdESPassed.OK, result.failure_msg
