"""A serial number alone says what the registry holds, never that a document is authentic."""

import datetime

import pytest
import time_machine
from django.utils import translation

from declarations import services
from declarations.models import SERIAL_PATTERN
from declarations.publishing.records import new_serial
from declarations.verification.verdicts import Outcome, verify_serial


def test_a_registered_serial_in_force_is_registered_not_authentic(published):
    with translation.override("en"):
        verdict = verify_serial(published.serial)

    assert verdict.outcome == Outcome.CURRENT
    assert verdict.headline == "Registered and in force."
    assert [check.code for check in verdict.checks] == ["serial_registered", "in_force"]
    assert "upload the PDF" in verdict.checks[0].text


def test_the_serial_page_invites_an_upload(client, published):
    page = client.get(f"/en/verify/{published.serial}/").content.decode()

    assert "Registered and in force." in page and "Authentic" not in page
    assert f'action="/en/verify/?expected={published.serial}"' in page and 'type="file"' in page


def test_a_withdrawn_serial_says_why_and_since_when(published, sam):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)):
        services.withdraw_declaration(declaration=published, user=sam, reason="提供終了")
    with translation.override("en"):
        verdict = verify_serial(published.serial)

    assert verdict.outcome == Outcome.NOT_CURRENT
    assert verdict.headline == "Registered, but no longer in force."
    assert verdict.checks[-1].code == "withdrawn"
    assert "2026-05-01" in verdict.checks[-1].text and "提供終了" in verdict.checks[-1].text


def test_a_published_declaration_past_its_validity_has_ended(published):
    later = published.valid_until + datetime.timedelta(days=1)
    with time_machine.travel(later), translation.override("en"):
        verdict = verify_serial(published.serial)

    assert verdict.outcome == Outcome.NOT_CURRENT
    assert verdict.checks[-1].code == "validity_ended"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_no_serial_verdict_says_authentic(published, sam, language):
    services.withdraw_declaration(declaration=published, user=sam, reason="提供終了")
    with translation.override(language):
        verdict = verify_serial(published.serial)
        authentic = [translation.gettext("Authentic and in force.")]
        authentic.append(translation.gettext("Authentic, but no longer in force."))

    assert verdict.headline not in authentic


def test_a_full_width_serial_from_a_japanese_input_method_is_found(client, published):
    full_width = published.serial.translate(
        {ord(c): ord(c) + 0xFEE0 for c in "JPD0123456789ABCDEFGHJKMNPQRSTUVWXYZ"}
        | {ord("-"): ord("－")}
    )

    response = client.post("/verify/", {"serial": full_width})

    assert response.status_code == 302
    assert response["Location"] == f"/verify/{published.serial}/"


def test_every_serial_the_portal_makes_has_the_shape_verification_accepts():
    for year in (2024, 2026, 2099):
        for _ in range(200):
            assert SERIAL_PATTERN.fullmatch(new_serial(datetime.date(year, 1, 1)))
