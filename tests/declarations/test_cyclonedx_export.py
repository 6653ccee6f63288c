"""A declaration as a CycloneDX 1.6 BOM: the attestation of the signed record, public parts only.

Checked by cyclonedx-python-lib's strict validator against the official 1.6
JSON schema, and claim by claim against the record that was signed.
"""

import datetime
import json

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from declarations import services
from declarations.models import Answer

from ..conftest import ANSWER_TEXT, attest

PRIVATE = ("社内規程 SEC-001", ANSWER_TEXT, "https://acme.example/security", "来年度に導入予定")
STATUSES = ["conformant", "partial", "not_conformant", "not_applicable"]


def _url(declaration, prefix=""):
    return f"{prefix}/registry/{declaration.serial}/cyclonedx.json"


@pytest.fixture
def mixed(complete_draft, sam, portal_pki):
    """Acme Cloud's Minimum declaration with every kind of answer and a public statement."""
    answers = Answer.objects.filter(declaration=complete_draft).order_by("pk")
    for number, answer in enumerate(answers):
        answer.status = STATUSES[number % 4]
        if answer.status in ("partial", "not_conformant"):
            answer.remediation_plan = "来年度に導入予定"
            answer.target_date = datetime.date.today() + datetime.timedelta(days=200)
        answer.public_statement_ja = f"公開説明 {number}" if number % 3 else ""
        answer.public_statement_en = f"Public statement {number}"
        answer.save()
    return attest(complete_draft, sam)


def _valid(content: bytes) -> dict:
    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(content.decode())
    assert error is None, error
    return json.loads(content)


def test_the_export_is_a_valid_cyclonedx_16_bom(client, mixed):
    response = client.get(_url(mixed))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.cyclonedx+json")
    bom = _valid(response.content)
    assert bom["specVersion"] == "1.6" and bom["version"] == 1
    assert bom["metadata"]["component"]["name"] == "Acme Cloud"


@pytest.mark.parametrize(("prefix", "lang"), [("", "ja"), ("/en", "en")])
def test_each_claim_says_what_the_record_says_statement_by_statement(client, mixed, prefix, lang):
    bom = _valid(client.get(_url(mixed, prefix)).content)
    record = json.loads(mixed.canonical_json)
    codes = record["package"]["statements"]
    [standard] = bom["definitions"]["standards"]
    assert [r["identifier"] for r in standard["requirements"]] == codes
    assert standard["version"] == record["guideline"]["edition"]
    [attestation] = bom["declarations"]["attestations"]
    claims = {c["bom-ref"]: c for c in bom["declarations"]["claims"]}
    assert len(claims) == len(attestation["map"]) == len(codes)
    for code, entry in zip(codes, attestation["map"], strict=True):
        answer = record["answers"][code]
        assert entry["requirement"] == "requirement-s" + code.replace("(", "").replace(")", "")
        assert entry["conformance"]["rationale"] == answer["status"]
        score = {"conformant": 1, "partial": 0.5, "not_conformant": 0}.get(answer["status"])
        assert entry["conformance"].get("score") == score
        [claim_ref] = entry["claims"]
        claim = claims[claim_ref]
        assert claim["target"] == bom["metadata"]["component"]["bom-ref"]
        assert claim["predicate"].startswith(code)
        written = answer["public_statement"]
        assert claim.get("reasoning") == (written[lang] or written["ja" if lang == "en" else "en"])


def test_nothing_private_is_exported_whoever_asks(client, mixed, pat):
    client.force_login(pat)
    text = client.get(_url(mixed)).content.decode()
    assert not [secret for secret in PRIVATE if secret in text]


def test_the_signatory_affirms_with_name_role_and_organization(client, mixed):
    bom = _valid(client.get(_url(mixed)).content)
    [signatory] = bom["declarations"]["affirmation"]["signatories"]
    assert signatory["name"] == "署名 三郎" and signatory["role"] == "代表取締役"
    assert signatory["organization"]["name"] == "アクメ株式会社"
    assert signatory["externalReference"]["url"].endswith(f"/registry/{mixed.serial}/pdf/")


def test_it_links_the_registry_page_the_pdf_and_the_verify_api(client, mixed, settings):
    bom = _valid(client.get(_url(mixed)).content)
    urls = {ref["type"]: ref["url"] for ref in bom["externalReferences"]}
    base = f"{settings.SITE_URL}"
    assert urls["attestation"] == f"{base}/registry/{mixed.serial}/"
    assert urls["electronic-signature"] == f"{base}/registry/{mixed.serial}/pdf/"
    assert urls["other"] == f"{base}/api/v1/verify/{mixed.serial}/"
    props = {p["name"].split(":")[1]: p["value"] for p in bom["metadata"]["properties"]}
    assert props["serial"] == mixed.serial and props["record-digest"] == f"sha256:{mixed.digest}"
    assert props["status"] == "in_force"


def test_a_withdrawn_declaration_is_still_exported_and_says_so(client, mixed, sam, settings):
    first = _valid(client.get(_url(mixed)).content)
    services.withdraw_declaration(declaration=mixed, user=sam, reason="製品の販売終了")
    bom = _valid(client.get(_url(mixed)).content)
    props = {p["name"].split(":")[1]: p["value"] for p in bom["metadata"]["properties"]}
    assert props["status"] == "withdrawn"
    assert bom["serialNumber"] == first["serialNumber"] and bom["version"] == 2
    assert bom["declarations"]["claims"] == first["declarations"]["claims"]


def test_the_summary_page_and_the_api_link_the_export(client, mixed):
    html = client.get(f"/en/registry/{mixed.serial}/").content.decode()
    assert f'href="/en/registry/{mixed.serial}/cyclonedx.json"' in html
    detail = client.get(f"/api/v1/declarations/{mixed.serial}/").json()
    assert detail["links"]["cyclonedx"].endswith(_url(mixed))


def test_an_unknown_serial_or_a_draft_is_not_found(client, acme_draft):
    assert client.get("/registry/JPD-2026-AAAA-BBBB/cyclonedx.json").status_code == 404
    assert client.get("/registry/%00/cyclonedx.json").status_code == 404


def test_the_export_is_public_and_cached_until_the_status_changes(client, mixed):
    response = client.get(_url(mixed))
    assert "public" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get(_url(mixed), HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_the_export_reads_the_declaration_and_the_statements_only(
    client, mixed, django_assert_num_queries
):
    # The declaration (with its successor), the package's statements.
    with django_assert_num_queries(2):
        assert client.get(_url(mixed)).status_code == 200
