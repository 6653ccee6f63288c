"""GET /api/v1/declarations/<serial>/: the public summary for anyone; the signed record
for the vendor's members, procurers and site staff, by session or API token."""

import json

import pytest
from rest_framework.authtoken.models import Token

from declarations.access import may_read_answers
from portal.models import Organization
from tests.conftest import ANSWER_TEXT
from tests.factories import MembershipFactory, OrganizationFactory

from .conftest import EVIDENCE, NOT_APPLICABLE, REMEDIATION

PRIVATE_TEXT = [ANSWER_TEXT, EVIDENCE, NOT_APPLICABLE, REMEDIATION, "acme.example/security"]


def url(serial):
    return f"/api/v1/declarations/{serial}/"


def test_the_summary_counts_answers_per_category_from_the_signed_record(client, declaration):
    body = client.get(url(declaration.serial)).json()
    record = json.loads(declaration.canonical_json)
    codes = record["package"]["statements"]
    assert [s["code"] for s in body["statements"]] == codes
    assert {s["code"]: s["status"] for s in body["statements"]} == {
        code: record["answers"][code]["status"] for code in codes
    }
    assert set(body["statements"][0]) == {"code", "category", "status", "public_statement"}
    totals = {"conformant": 0, "partial": 0, "not_conformant": 0, "not_applicable": 0}
    for category in body["categories"]:
        for status, count in category["counts"].items():
            totals[status] += count
    assert totals == {
        "conformant": len(codes) - 2,
        "partial": 1,
        "not_conformant": 0,
        "not_applicable": 1,
    }
    numbers = [c["number"] for c in body["categories"]]
    assert numbers == sorted(numbers) and body["categories"][0]["title"]["ja"]
    assert body["serial"] == declaration.serial and body["status"] == "in_force"


@pytest.mark.parametrize("who", ["anonymous", "otto", "unapproved_procurer"])
def test_the_public_never_sees_explanations_evidence_or_remediation(client, declaration, otto, who):
    if who == "otto":
        client.force_login(otto)
    if who == "unapproved_procurer":
        pending = OrganizationFactory(
            kind=Organization.Kind.PROCURER, status=Organization.Status.PENDING
        )
        client.force_login(MembershipFactory(organization=pending).user)
    response = client.get(url(declaration.serial))
    assert response.status_code == 200
    assert "record" not in response.json()
    text = response.content.decode()
    assert not [private for private in PRIVATE_TEXT if private in text]


@pytest.mark.parametrize("who", ["pat", "root", "vera", "alice", "sam", "ada"])
def test_procurers_staff_and_the_vendors_members_get_the_signed_record(
    client, declaration, request, who
):
    client.force_login(request.getfixturevalue(who))
    body = client.get(url(declaration.serial)).json()
    assert body["record"] == json.loads(declaration.canonical_json)
    text = json.dumps(body, ensure_ascii=False)
    assert all(private in text for private in PRIVATE_TEXT)


def test_an_api_token_authenticates(client, declaration, pat):
    token = Token.objects.create(user=pat)
    response = client.get(url(declaration.serial), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200 and "record" in response.json()


def test_a_wrong_token_is_refused_not_taken_for_anonymous(client, declaration):
    response = client.get(url(declaration.serial), HTTP_AUTHORIZATION="Token not-a-token")
    assert response.status_code == 401 and response.json()["detail"]
    assert response["WWW-Authenticate"] == "Token"


def test_a_serial_is_found_in_any_case(client, declaration):
    assert client.get(url(declaration.serial.lower())).json()["serial"] == declaration.serial


@pytest.mark.parametrize(
    "serial",
    [
        "JPD-2026-ZZZZ-ZZZZ",  # well formed, unknown
        "JPD-2026/ZZZZ",
        "..",
        "%2E%2E",
        "%00",
        "JPD%00",
        "A" * 5000,
        "宣言",
        "%E3%81%82",
        "%FF",
        "JPD-2026-ZZZZ-ZZZZ%0A",
        "' OR 1=1 --",
    ],
)
def test_an_unknown_or_malformed_serial_is_a_json_404(client, declaration, serial):
    response = client.get(url(serial))
    assert response.status_code == 404, serial
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_a_draft_has_no_serial_to_be_found_by(client, acme_draft):
    assert client.get(url("None")).status_code == 404


def test_a_drafts_answers_are_no_record_to_serve(acme_draft, alice, root):
    assert not may_read_answers(alice, acme_draft)
    assert not may_read_answers(root, acme_draft)
