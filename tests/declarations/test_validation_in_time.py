"""A declaration PDF is validated as of its trusted timestamp, not as of today.

Years later, with the signing and timestamp certificates long expired, a
genuine PDF is still authentic; only the declaration's status says it has
expired.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from cryptography import x509

from declarations import tasks
from declarations.documents.dev_pki import LEAF_YEARS, ROOT_YEARS
from declarations.documents.signing import verify_pdf
from declarations.verification.codes import Reason
from declarations.verification.verdicts import Outcome, verify_upload

LATER = [datetime(2031, 12, 31, tzinfo=UTC), datetime(2040, 6, 1, tzinfo=UTC)]


@pytest.fixture
def signed(published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    tasks.generate_pdf.delay(published.pk)
    published.refresh_from_db()
    return published.pdf_file.read()


def expiry(pki_dir, name) -> datetime:
    return x509.load_pem_x509_certificate((pki_dir / name).read_bytes()).not_valid_after_utc


def test_the_dates_lie_past_the_development_certificates(portal_pki):
    assert LEAF_YEARS <= 5 and ROOT_YEARS <= 10
    for name in ("signing-cert.pem", "tsa-cert.pem"):
        assert expiry(portal_pki, name) < LATER[0]
    assert expiry(portal_pki, "root-ca.pem") < LATER[1]


@pytest.mark.parametrize("when", LATER, ids=lambda when: str(when.year))
def test_a_genuine_pdf_is_authentic_after_its_certificates_expired(signed, published, when):
    with time_machine.travel(when, tick=False):
        check = verify_pdf(signed)
        verdict = verify_upload(signed)

    assert check.ok, check.problems
    assert check.timestamp_trusted and check.signed_at.year == published.attested_at.year
    assert verdict.outcome == Outcome.NOT_CURRENT
    assert [(c.code, c.ok) for c in verdict.checks] == [
        (Reason.SIGNATURE_VALID, True),
        (Reason.RECORD_MATCHES, True),
        (Reason.VALIDITY_ENDED, False),
    ]
