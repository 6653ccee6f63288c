"""Two editors on the same page: saving never loses anyone's work.

Alice opens category (1); while she types, Ada saves (1)-2. When Alice saves,
nothing of hers is written over Ada's answer: she sees both versions and may
save again to put hers over Ada's on purpose.
"""

import pytest

from declarations.drafting.answers import AnswerChange
from declarations.drafting.forms import answer_fingerprint
from declarations.models import Answer
from declarations.services import save_answers

from .drafting import CONFORMANT, answer_of, answer_url, gap, page_data

ADAS = {"status": "conformant", "explanation": "Ada: 署名付きビルドを全リリースで実施。"}
ALICES = gap("partial") | {"explanation": "Alice: 一部のリリースのみ署名済み。"}


@pytest.fixture
def alices_stale_page(acme_draft):
    """What Alice's browser holds: category (1) as it was when she opened it."""
    return page_data(acme_draft, 1)


@pytest.fixture
def ada_saved(client, ada, acme_draft, alices_stale_page):
    client.force_login(ada)
    client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-2": ADAS}))
    client.logout()
    return answer_of(acme_draft, "(1)-2")


def typed(page: dict, code: str, values: dict) -> dict:
    prefix = "s" + code.replace("(", "").replace(")", "")
    return page | {f"{prefix}-{name}": str(value) for name, value in values.items()}


def test_a_save_based_on_an_old_version_overwrites_nothing_and_saves_nothing(
    client, alice, acme_draft, alices_stale_page, ada_saved
):
    client.force_login(alice)
    data = typed(typed(alices_stale_page, "(1)-2", ALICES), "(1)-3", CONFORMANT)
    response = client.post(answer_url(acme_draft, 1, "en"), data)
    assert response.status_code == 200
    assert answer_of(acme_draft, "(1)-2").explanation == ADAS["explanation"]
    assert answer_of(acme_draft, "(1)-2").version == 1
    # All or nothing: Alice's (1)-3 was not saved either, and the page says so.
    assert answer_of(acme_draft, "(1)-3").status == ""
    assert "Nothing was saved" in response.content.decode()


def test_the_conflict_shows_their_version_with_who_saved_it_beside_yours(
    client, alice, ada, acme_draft, alices_stale_page, ada_saved
):
    client.force_login(alice)
    response = client.post(
        answer_url(acme_draft, 1, "en"), typed(alices_stale_page, "(1)-2", ALICES)
    )
    [conflict] = response.context["answers"].conflicts
    assert conflict.theirs.updated_by == ada and conflict.yours.explanation == ALICES["explanation"]
    html = response.content.decode()
    assert f"saved by {ada}" in html
    assert ADAS["explanation"] in html and ALICES["explanation"] in html
    # Alice's text is still in the form, now based on Ada's version.
    assert 'name="s1-2-version" value="1"' in html
    form = response.context["answers"].forms[0]
    assert form["explanation"].value() == ALICES["explanation"]


def test_saving_again_after_a_conflict_deliberately_puts_yours_over_theirs(
    client, alice, acme_draft, alices_stale_page, ada_saved
):
    client.force_login(alice)
    first = client.post(answer_url(acme_draft, 1), typed(alices_stale_page, "(1)-2", ALICES))
    again = client.post(answer_url(acme_draft, 1), first.context["answers"].data.dict())
    assert again.status_code == 302
    answer = answer_of(acme_draft, "(1)-2")
    assert answer.explanation == ALICES["explanation"]
    assert answer.version == 2 and answer.updated_by == alice


def test_answers_you_left_alone_do_not_conflict_and_keep_the_other_save(
    client, alice, acme_draft, alices_stale_page, ada_saved
):
    client.force_login(alice)
    response = client.post(answer_url(acme_draft, 1), typed(alices_stale_page, "(1)-3", CONFORMANT))
    assert response.status_code == 302
    assert answer_of(acme_draft, "(1)-2").explanation == ADAS["explanation"]
    assert answer_of(acme_draft, "(1)-3").status == "conformant"


def test_the_service_checks_every_version_in_one_write_and_reports_the_stale_ones(
    alice, ada, acme_draft
):
    answers = {
        a.statement.code: a
        for a in Answer.objects.filter(declaration=acme_draft).select_related("statement")
    }
    first = save_answers(
        declaration=acme_draft,
        changes=[AnswerChange(answer_id=answers["(1)-2"].pk, version=0, **ADAS)],
        user=ada,
    )
    assert first.saved == [answers["(1)-2"].pk] and first.conflicts == []

    stale = [
        AnswerChange(answer_id=answers["(1)-2"].pk, version=0, status="conformant"),
        AnswerChange(answer_id=answers["(1)-3"].pk, version=0, status="conformant"),
    ]
    second = save_answers(declaration=acme_draft, changes=stale, user=alice)
    assert second.saved == []
    assert [c.theirs.statement.code for c in second.conflicts] == ["(1)-2"]
    assert answer_of(acme_draft, "(1)-3").version == 0


def test_the_fingerprint_ignores_how_the_browser_sends_line_breaks(acme_draft):
    answer = answer_of(acme_draft, "(1)-2")
    answer.explanation = "一行目\n二行目"
    windows = Answer(explanation="一行目\r\n二行目")
    assert answer_fingerprint(answer) == answer_fingerprint(windows)
