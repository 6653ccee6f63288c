"""What changed: answer by answer after a renewal, statement by statement after a new edition."""

import datetime
import json

import pytest
from django.urls import reverse

from declarations import services
from declarations.comparison.diff import (
    Change,
    StatementFacts,
    answer_changes,
    edition_changes,
    visible_changes,
)
from declarations.comparison.queries import supersession_diff
from declarations.models import Answer
from tests.conftest import PASSWORD, attest
from tests.declarations.editions import publish_newer_edition


def _answer(status="conformant", explanation="ok", links=(), text="", plan="", target=None):
    gap = status in ("partial", "not_conformant")
    return {
        "title": {"ja": "題", "en": "Title"},
        "status": status,
        "explanation": explanation,
        "evidence": {"links": list(links), "text": text},
        "remediation": {"plan": plan, "target_date": target} if gap else None,
    }


def _record(answers: dict) -> dict:
    return {"package": {"statements": list(answers)}, "answers": answers}


# ------------------------------------------------------------ pure functions


def test_an_answer_diff_names_each_changed_part_and_nothing_else():
    old = _record({"(1)-1": _answer(), "(1)-2": _answer(), "(1)-3": _answer(text="A")})
    new = _record(
        {
            "(1)-1": _answer(),
            "(1)-2": _answer("partial", "half", plan="fix it", target="2030-01-01"),
            "(1)-3": _answer(text="B"),
        }
    )
    diffs = {d.code: d for d in answer_changes(old, new)}
    assert diffs["(1)-1"].change == Change.UNCHANGED
    assert diffs["(1)-2"].changed_fields == ["status", "explanation", "plan", "target_date"]
    assert diffs["(1)-3"].changed_fields == ["evidence"]
    assert diffs["(1)-3"].fields[0].old == "A" and diffs["(1)-3"].fields[0].new == "B"


def test_statements_declared_on_one_side_only_are_added_or_removed():
    old = _record({"(1)-1": _answer(), "(5)-2": _answer()})
    new = _record({"(1)-1": _answer(), "(1)-4": _answer("not_applicable", "n/a")})
    diffs = {d.code: d for d in answer_changes(old, new)}
    assert diffs["(1)-4"].change == Change.ADDED and diffs["(1)-4"].new_status == "not_applicable"
    assert diffs["(5)-2"].change == Change.REMOVED and diffs["(5)-2"].old_status == "conformant"
    assert [d.code for d in answer_changes(old, new)] == ["(1)-1", "(1)-4", "(5)-2"]


def test_readers_without_access_to_the_answers_see_only_status_and_public_statement_changes():
    old = _record({"(1)-1": _answer(), "(1)-2": _answer(explanation="old words")})
    new = _record(
        {
            "(1)-1": _answer("partial", "x", plan="p", target="2030-01-01"),
            "(1)-2": _answer(explanation="new words"),
        }
    )
    public = {d.code: d for d in visible_changes(answer_changes(old, new), full=False)}
    # The target date belongs to the plan, which the public does not read.
    assert public["(1)-1"].changed_fields == ["status"]
    assert public["(1)-2"].change == Change.UNCHANGED and public["(1)-2"].fields == ()


def _facts(code, title="t", packages=("standard",), category=1, alignment="a"):
    return StatementFacts(
        code=code,
        category=category,
        titles={"ja": title, "en": title},
        descriptions={"ja": "", "en": ""},
        classification=(alignment, "e", "d"),
        packages=frozenset(packages),
    )


def test_an_edition_diff_lists_new_changed_and_gone_statements():
    old = {c: _facts(c) for c in ("(1)-1", "(1)-2", "(1)-3", "(5)-2")}
    new = {
        "(1)-1": _facts("(1)-1"),
        "(1)-2": _facts("(1)-2", title="reworded"),
        "(1)-3": _facts("(1)-3", packages=("minimum", "standard"), alignment="b"),
        "(1)-5": _facts("(1)-5"),
    }
    diff = edition_changes(old, new)
    assert [c.code for c in diff.new] == ["(1)-5"]
    assert {c.code: c.fields for c in diff.changed} == {
        "(1)-2": ("titles",),
        "(1)-3": ("classification", "packages"),
    }
    assert [c.code for c in diff.gone] == ["(5)-2"]
    assert not edition_changes(old, old)


# ------------------------------------------------------------ on real declarations


def _renew(declaration, editor, signatory, changes: dict):
    draft = services.renew_declaration(declaration=declaration, user=editor)
    for code, fields in changes.items():
        Answer.objects.filter(declaration=draft, statement__code=code).update(**fields)
    return attest(draft, signatory, password=PASSWORD)


GAP = {
    "status": "partial",
    "explanation": "DAST は一部のみ",
    "remediation_plan": "管理画面にも導入する",
    "target_date": datetime.date.today() + datetime.timedelta(days=90),
}


def test_a_superseding_declarations_diff_lists_exactly_the_changed_answers(published, alice, sam):
    newer = _renew(published, alice, sam, {"(1)-2": GAP, "(2)-1": {"evidence": "社内規程 SEC-002"}})
    diff = supersession_diff(newer, sam)
    assert diff is not None and diff.full
    assert [a.code for a in diff.changed] == ["(1)-2", "(2)-1"]
    assert diff.changed[1].changed_fields == ["evidence"]
    assert len(diff.unchanged) == len(json.loads(newer.canonical_json)["answers"]) - 2


def test_the_diff_shows_on_the_declaration_page_with_text_for_readers(
    client, published, alice, sam, pat
):
    newer = _renew(published, alice, sam, {"(1)-2": GAP})
    client.force_login(pat)
    page = client.get(reverse("declarations:declaration_detail", args=[newer.pk]))
    html = page.content.decode()
    assert 'id="declaration-changes"' in html and 'data-code="(1)-2"' in html
    assert "管理画面にも導入する" in html  # the plan: pat may read the answers
    assert 'id="unchanged-answers"' in html
    assert f"compare={published.serial}&amp;compare={newer.serial}" in html


def test_the_public_summary_shows_status_changes_but_no_text(client, published, alice, sam):
    newer = _renew(published, alice, sam, {"(1)-2": GAP, "(2)-1": {"evidence": "新しい規程"}})
    html = client.get(reverse("declarations:registry_summary", args=[newer.serial])).content
    html = html.decode()
    assert 'data-code="(1)-2"' in html
    assert 'data-code="(2)-1"' not in html  # only its evidence changed: not for the public
    assert "管理画面にも導入する" not in html and "新しい規程" not in html


def test_a_declaration_that_superseded_nothing_has_no_diff(client, published, pat):
    assert supersession_diff(published, pat) is None
    client.force_login(pat)
    html = client.get(reverse("declarations:declaration_detail", args=[published.pk])).content
    assert b'id="declaration-changes"' not in html


@pytest.fixture
def newer_edition(guideline):
    return publish_newer_edition(guideline)


def test_a_renewal_draft_on_a_newer_edition_shows_new_changed_and_gone_statements(
    client, published, alice, newer_edition
):
    draft = services.renew_declaration(declaration=published, user=alice)
    assert draft.edition == newer_edition
    client.force_login(alice)
    html = client.get(reverse("declarations:declaration_detail", args=[draft.pk])).content
    html = html.decode()
    assert 'id="edition-changes"' in html
    new = html.split('id="statements-new"')[1].split("</ul>")[0]
    changed = html.split('id="statements-changed"')[1].split("</ul>")[0]
    gone = html.split('id="statements-gone"')[1].split("</ul>")[0]
    assert 'data-code="(1)-5"' in new
    assert 'data-code="(1)-2"' in changed and 'data-code="(4)-1"' in changed
    assert 'data-code="(5)-2"' in gone


def test_a_draft_on_the_same_edition_shows_no_edition_changes(client, acme_draft, alice):
    client.force_login(alice)
    html = client.get(reverse("declarations:declaration_detail", args=[acme_draft.pk])).content
    assert b'id="edition-changes"' not in html


def test_everyone_sees_a_changed_public_statement():
    old = _record({"(1)-1": {**_answer(), "public_statement": {"ja": "旧", "en": ""}}})
    new = _record({"(1)-1": {**_answer(), "public_statement": {"ja": "新", "en": "New"}}})
    public = visible_changes(answer_changes(old, new), full=False)
    assert public[0].changed_fields == ["public_statement_ja", "public_statement_en"]
    assert [(f.old_display, f.new_display) for f in public[0].fields] == [
        ("旧", "新"),
        ("–", "New"),
    ]
