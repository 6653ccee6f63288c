"""A hostile upload is the uploader's business: validating it logs no warning or error.

pyHanko and its certificate validator log a stranger's signature as a WARNING
and a malformed certificate as an ERROR, with tracebacks; the LOGGING settings
keep them out of the operator's log, since the verdict already says it.
"""

import logging

import pytest

from declarations.documents.signing import sign_pdf, verify_pdf
from tests.conftest import use_pki
from tests.declarations.conftest import timestamper_for
from tests.declarations.test_signing import corrupt_cms_hex, flip_byte, signed_range_end


def warnings_and_errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_signature_by_another_ca_logs_nothing_above_info(
    settings, unsigned_pdf, attacker_pki_dir, pki_dir, caplog
):
    use_pki(settings, attacker_pki_dir)
    forged = sign_pdf(unsigned_pdf, reason="自己適合宣言の発行")
    use_pki(settings, pki_dir)
    caplog.clear()

    assert verify_pdf(forged).problems == ("untrusted", "timestamp_untrusted")
    assert warnings_and_errors(caplog) == []


def test_a_timestamp_by_another_authority_logs_nothing_above_info(
    unsigned_pdf, portal_pki, attacker_pki_dir, caplog
):
    signed = sign_pdf(
        unsigned_pdf, reason="発行", timestamper=timestamper_for(attacker_pki_dir), long_term=False
    )
    caplog.clear()

    assert verify_pdf(signed).problems == ("timestamp_untrusted",)
    assert warnings_and_errors(caplog) == []


@pytest.mark.parametrize(
    "spoil",
    [
        lambda pdf: flip_byte(pdf, signed_range_end(pdf) // 2),
        lambda pdf: corrupt_cms_hex(pdf, lambda length: 0),
        lambda pdf: pdf[: len(pdf) // 2],
    ],
    ids=["flipped-byte", "mangled-signature", "truncated"],
)
def test_a_damaged_file_logs_nothing_above_info(signed_pdf, spoil, caplog):
    assert not verify_pdf(spoil(signed_pdf)).ok
    assert warnings_and_errors(caplog) == []
