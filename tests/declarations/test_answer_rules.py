"""One rule says what a valid answer is; the form shows it and attestation enforces it again.

Attestation checks every answer of the package as of the day it signs, so an
answer that was valid when typed — a target date that has since passed, say —
or that reached the database without the form is never signed.
"""

import datetime

import pytest
import time_machine
from django.urls import reverse

from declarations import services
from declarations.drafting.answers import answer_problems
from declarations.errors import DeclarationError
from declarations.models import Answer, Declaration
from tests.conftest import attest, login_verified

TODAY = datetime.date(2026, 11, 27)
LATER = TODAY + datetime.timedelta(days=90)
GAP = {
    "status": "not_conformant",
    "explanation": "未着手。",
    "remediation_plan": "来期に導入する。",
    "target_date": LATER,
}


def problems(**answer):
    values = {
        "status": "",
        "explanation": "",
        "evidence_links": "",
        "remediation_plan": "",
        "target_date": None,
    }
    return {(p.field, p.code) for p in answer_problems(**(values | answer), today=TODAY)}


# ------------------------------------------------------------ the rule itself


def test_a_conformant_answer_needs_nothing_more():
    assert problems(status="conformant") == set()


def test_an_unanswered_statement_has_no_problems_yet():
    assert problems() == set()


@pytest.mark.parametrize("status", ["partial", "not_conformant"])
def test_a_gap_needs_an_explanation(status):
    assert ("explanation", "required") in problems(**(GAP | {"status": status, "explanation": ""}))


def test_not_applicable_needs_a_justification():
    assert problems(status="not_applicable") == {("explanation", "required")}
    assert problems(status="not_applicable", explanation="オンプレミス専用のため。") == set()


def test_a_gap_needs_a_remediation_plan():
    assert problems(**(GAP | {"remediation_plan": " "})) == {("remediation_plan", "required")}


def test_a_gap_needs_a_target_date():
    assert problems(**(GAP | {"target_date": None})) == {("target_date", "required")}


@pytest.mark.parametrize("days", [0, -1, -400])
def test_a_gap_target_date_must_be_in_the_future(days):
    target = TODAY + datetime.timedelta(days=days)
    assert problems(**(GAP | {"target_date": target})) == {("target_date", "past")}


def test_evidence_links_must_be_web_addresses():
    links = "https://acme.example/policy\nftp://acme.example/x\nnot a link"
    found = answer_problems(
        status="conformant",
        explanation="",
        evidence_links=links,
        remediation_plan="",
        target_date=None,
        today=TODAY,
    )
    assert [(p.field, p.code) for p in found] == [("evidence_links", "invalid_url")] * 2
    assert "Line 2" in found[0].message or "2 行目" in found[0].message


# ------------------------------------------------- attestation runs it again


def _break(draft: Declaration, code: str, **fields) -> None:
    """Store an answer as no form would accept it (a bulk write, an old copy…)."""
    Answer.objects.filter(declaration=draft, statement__code=code).update(**fields)


BROKEN = {
    "an explanation missing": {"status": "partial", "explanation": ""},
    "a justification missing": {"status": "not_applicable", "explanation": ""},
    "a remediation plan missing": GAP | {"remediation_plan": ""},
    "a target date missing": GAP | {"target_date": None},
    "a target date in the past": GAP | {"target_date": datetime.date(2020, 1, 1)},
    "a malformed evidence link": {"evidence_links": "javascript:alert(1)"},
}


@pytest.mark.parametrize("case", BROKEN)
def test_attestation_refuses_an_invalid_answer(complete_draft, sam, portal_pki, case):
    _break(complete_draft, "(2)-1", **BROKEN[case])
    with pytest.raises(DeclarationError) as refused:
        attest(complete_draft, sam)
    assert "(2)-1" in str(refused.value)
    complete_draft.refresh_from_db()
    assert complete_draft.status == Declaration.Status.DRAFT and not complete_draft.serial


def test_a_target_date_that_passed_since_it_was_typed_blocks_attestation(
    complete_draft, sam, portal_pki
):
    soon = datetime.date.today() + datetime.timedelta(days=10)
    _break(complete_draft, "(2)-1", **(GAP | {"target_date": soon}))
    with time_machine.travel(soon + datetime.timedelta(days=1)), pytest.raises(DeclarationError):
        attest(complete_draft, sam)


def test_a_renewal_that_copied_a_passed_target_date_is_not_signed(
    complete_draft, sam, alice, portal_pki
):
    target = datetime.date.today() + datetime.timedelta(days=30)
    _break(complete_draft, "(2)-1", **(GAP | {"target_date": target}))
    published = attest(complete_draft, sam)
    with time_machine.travel(target + datetime.timedelta(days=5)):
        renewal = services.renew_declaration(declaration=published, user=alice)
        copied = renewal.answers.get(statement__code="(2)-1")
        assert copied.target_date == target
        with pytest.raises(DeclarationError) as refused:
            attest(renewal, sam)
    assert "(2)-1" in str(refused.value)


def test_the_attest_page_lists_the_answer_to_fix(client, complete_draft, sam):
    _break(complete_draft, "(2)-1", **(GAP | {"target_date": datetime.date(2020, 1, 1)}))
    login_verified(client, sam)
    page = client.get(reverse("declarations:attest", args=[complete_draft.pk]))
    assert page.status_code == 200
    assert "(2)-1" in page.content.decode()
