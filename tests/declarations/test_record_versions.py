"""Records signed under schemas /1 (before answers had public statements) and /2 (before
declarations were bilingual) stay readable and verifiable: the registry summarises them,
the API serves them as signed, their PDF renders and its upload verifies."""

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
from tests.declarations.conftest import run

SCHEMA_1 = "jp-cyber-infrastructure-declaration/1"
SCHEMA_2 = "jp-cyber-infrastructure-declaration/2"


def as_signed_under(declaration: Declaration, schema: str) -> Declaration:
    """The declaration as the portal issued it under an older schema, with its digest:
    no ``language``, each free text one (Japanese) string, and under /1 no
    ``public_statement`` either. An issued declaration refuses every change, so this goes
    beneath the guard, as only a test may."""
    record = json.loads(declaration.canonical_json)
    record["schema"] = schema
    del record["language"]
    for answer in record["answers"].values():
        answer["explanation"] = answer["explanation"]["ja"]
        answer["evidence"]["text"] = answer["evidence"]["text"]["ja"]
        if answer["remediation"]:
            answer["remediation"]["plan"] = answer["remediation"]["plan"]["ja"]
        if schema == SCHEMA_1:
            del answer["public_statement"]
    data = records.canonical_bytes(record)
    QuerySet.update(
        Declaration.objects.filter(pk=declaration.pk),
        canonical_json=data.decode(),
        digest=records.digest_of(data),
    )
    declaration.refresh_from_db()
    return declaration


@pytest.fixture(params=[SCHEMA_1, SCHEMA_2])
def old(request, published):
    return as_signed_under(published, request.param)


def test_the_old_record_is_what_its_schema_said(old):
    record = json.loads(old.canonical_json)
    assert "language" not in record
    assert all(isinstance(a["explanation"], str) for a in record["answers"].values())
    if record["schema"] == SCHEMA_1:
        assert all("public_statement" not in a for a in record["answers"].values())
    assert records.digest_of(old.canonical_json.encode()) == old.digest


def test_the_summary_of_an_old_record_renders_for_the_public_and_for_readers(client, old, pat):
    public = client.get(f"/en/registry/{old.serial}/")
    assert public.status_code == 200
    html = public.content.decode()
    assert "Conformant" in html and "public-statement" not in html and ANSWER_TEXT not in html
    assert 'id="authoritative-language">Japanese' in html
    client.force_login(pat)
    html = client.get(f"/en/registry/{old.serial}/").content.decode()
    assert ANSWER_TEXT in html and "Translation (" not in html


def test_the_api_serves_an_old_record_as_signed(client, old, pat):
    body = client.get(f"/api/v1/declarations/{old.serial}/").json()
    assert body["language"] == "ja"
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
    page_one = run("pdftotext", "-enc", "UTF-8", "-l", "1", "-", "-", stdin=data)
    assert "日本語 English" not in page_one and "日本語 Japanese" in page_one
    verdict = verify_upload(data)
    assert verdict.outcome == Outcome.CURRENT, [c.code for c in verdict.checks]
    assert "record_matches" in [c.code for c in verdict.checks]
    page = client.post("/en/verify/", {"pdf": SimpleUploadedFile("old.pdf", data)})
    assert 'data-outcome="current"' in page.content.decode()
