"""Records signed under schema /1, before answers had public statements, stay readable
and verifiable: the registry summarises them, the API serves them as signed, their
PDF renders and its upload verifies."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import QuerySet

from declarations import tasks
from declarations.api.serializers import RecordSerializer
from declarations.models import Declaration
from declarations.publishing import records
from declarations.verification.verdicts import Outcome, verify_serial, verify_upload
from tests.conftest import ANSWER_TEXT

SCHEMA_1 = "jp-cyber-infrastructure-declaration/1"


def as_signed_under_schema_1(declaration: Declaration) -> Declaration:
    """The declaration as the portal issued it before schema 2: the same record without
    ``public_statement`` in its answers, and its digest. An issued declaration refuses
    every change, so this goes beneath the guard, as only a test may."""
    record = json.loads(declaration.canonical_json)
    record["schema"] = SCHEMA_1
    for answer in record["answers"].values():
        del answer["public_statement"]
    data = records.canonical_bytes(record)
    QuerySet.update(
        Declaration.objects.filter(pk=declaration.pk),
        canonical_json=data.decode(),
        digest=records.digest_of(data),
    )
    declaration.refresh_from_db()
    return declaration


@pytest.fixture
def old(published):
    return as_signed_under_schema_1(published)


def test_the_old_record_is_what_schema_1_said(old):
    record = json.loads(old.canonical_json)
    assert record["schema"] == SCHEMA_1
    assert all("public_statement" not in a for a in record["answers"].values())
    assert records.digest_of(old.canonical_json.encode()) == old.digest


def test_the_summary_of_an_old_record_renders_for_the_public_and_for_readers(client, old, pat):
    public = client.get(f"/en/registry/{old.serial}/")
    assert public.status_code == 200
    html = public.content.decode()
    assert "Conformant" in html and "public-statement" not in html and ANSWER_TEXT not in html
    client.force_login(pat)
    html = client.get(f"/en/registry/{old.serial}/").content.decode()
    assert ANSWER_TEXT in html


def test_the_api_serves_an_old_record_as_signed(client, old, pat):
    body = client.get(f"/api/v1/declarations/{old.serial}/").json()
    assert {s["public_statement"]["en"] for s in body["statements"]} == {""}
    client.force_login(pat)
    record = client.get(f"/api/v1/declarations/{old.serial}/").json()["record"]
    assert record == json.loads(old.canonical_json)
    assert RecordSerializer(record).data == record  # the documentation names its keys


def test_an_old_serial_verifies(client, old):
    verdict = verify_serial(old.serial)
    assert verdict.outcome == Outcome.CURRENT
    assert client.get(f"/verify/{old.serial}/").status_code == 200


def test_a_pdf_of_an_old_record_renders_and_its_upload_verifies(client, old, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    tasks.generate_pdf.delay(old.pk)
    old.refresh_from_db()
    assert old.pdf_state == Declaration.PdfState.READY
    data = old.pdf_file.open("rb").read()
    verdict = verify_upload(data)
    assert verdict.outcome == Outcome.CURRENT, [c.code for c in verdict.checks]
    assert "record_matches" in [c.code for c in verdict.checks]
    page = client.post("/en/verify/", {"pdf": SimpleUploadedFile("old.pdf", data)})
    assert 'data-outcome="current"' in page.content.decode()
