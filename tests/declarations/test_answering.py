"""An editor answers the statements of the package, one category page at a time."""

import datetime

import time_machine
from django.utils import timezone

from declarations.drafting.progress import draft_progress
from declarations.models import Answer

from .drafting import CONFORMANT, NOT_APPLICABLE, answer_of, answer_url, future, gap, page_data, url


def test_the_page_shows_each_statement_of_the_category_with_its_classification(
    client, alice, acme_draft
):
    client.force_login(alice)
    response = client.get(answer_url(acme_draft, 1))
    html = response.content.decode()
    # Minimum holds (1)-2, (1)-3 and (1)-4 of category (1), not (1)-1.
    codes = [form.answer.statement.code for form in response.context["answers"]]
    assert codes == ["(1)-2", "(1)-3", "(1)-4"]
    assert 'id="statement-1-2"' in html and "セキュアなビルド" in html
    assert "badge-axis" in html
    assert 'name="s1-2-version" value="0"' in html
    assert "<legend" in html  # the status radios are a fieldset with a legend


def test_an_editor_saves_a_category_and_the_progress_counts_it(client, alice, acme_draft):
    client.force_login(alice)
    response = client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, every=CONFORMANT))
    assert response.status_code == 302
    answer = answer_of(acme_draft, "(1)-2")
    assert answer.status == "conformant" and answer.version == 1 and answer.updated_by == alice
    progress = draft_progress(acme_draft)
    assert (progress.overall.answered, progress.overall.total) == (3, 13)
    assert progress.for_category(1).is_complete


def test_a_half_answered_page_can_be_saved(client, alice, acme_draft):
    client.force_login(alice)
    client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-3": CONFORMANT}))
    statuses = dict(
        Answer.objects.filter(declaration=acme_draft, statement__category__number=1).values_list(
            "statement__code", "status"
        )
    )
    assert statuses == {"(1)-1": "", "(1)-2": "", "(1)-3": "conformant", "(1)-4": ""}
    assert answer_of(acme_draft, "(1)-2").version == 0  # untouched answers are not rewritten


def test_an_explanation_is_required_unless_conformant(client, alice, acme_draft):
    client.force_login(alice)
    response = client.post(
        answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-2": {"status": "partial"}})
    )
    form = response.context["answers"].forms[0]
    assert "explanation" in form.errors


def test_not_applicable_needs_a_justification_which_is_stored_as_the_explanation(
    client, alice, acme_draft
):
    client.force_login(alice)
    response = client.post(
        answer_url(acme_draft, 1, "en"),
        page_data(acme_draft, 1, {"(1)-4": {"status": "not_applicable"}}),
    )
    assert response.context["answers"].forms[2].errors["explanation"] == [
        "Give the justification: why does this statement not apply?"
    ]
    client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-4": NOT_APPLICABLE}))
    assert answer_of(acme_draft, "(1)-4").explanation == NOT_APPLICABLE["explanation"]


def test_a_gap_needs_a_remediation_plan_and_a_target_date(client, alice, acme_draft):
    client.force_login(alice)
    typed = {"status": "not_conformant", "explanation": "未対応"}
    response = client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-2": typed}))
    errors = response.context["answers"].forms[0].errors
    assert set(errors) == {"remediation_plan", "target_date"}

    client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-2": gap("partial")}))
    answer = answer_of(acme_draft, "(1)-2")
    assert answer.status == "partial" and answer.remediation_plan
    assert answer.target_date > timezone.localdate()


@time_machine.travel(datetime.datetime(2026, 4, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_the_target_date_must_be_in_the_future(client, alice, acme_draft):
    client.force_login(alice)
    for day in ("2026-03-31", "2026-04-01"):
        typed = gap() | {"target_date": day}
        response = client.post(
            answer_url(acme_draft, 1, "en"), page_data(acme_draft, 1, {"(1)-2": typed})
        )
        errors = response.context["answers"].forms[0].errors
        assert errors["target_date"] == ["The target date must be in the future."]
    typed = gap() | {"target_date": "2026-04-02"}
    assert (
        client.post(
            answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-2": typed})
        ).status_code
        == 302
    )


def test_each_evidence_link_must_be_a_web_address(client, alice, acme_draft):
    client.force_login(alice)
    links = "https://example.jp/policy\nftp://example.jp/file\n\n  https://example.jp/report  "
    response = client.post(
        answer_url(acme_draft, 1, "en"),
        page_data(acme_draft, 1, {"(1)-2": CONFORMANT | {"evidence_links": links}}),
    )
    assert response.context["answers"].forms[0].errors["evidence_links"] == [
        "Line 2 is not a web address (http:// or https://): ftp://example.jp/file"
    ]
    links = "https://example.jp/policy\n\n  https://example.jp/report  "
    client.post(
        answer_url(acme_draft, 1),
        page_data(acme_draft, 1, {"(1)-2": CONFORMANT | {"evidence_links": links}}),
    )
    stored = answer_of(acme_draft, "(1)-2")
    assert stored.evidence_link_list == ["https://example.jp/policy", "https://example.jp/report"]


def test_one_invalid_answer_saves_nothing_on_the_page_and_keeps_what_was_typed(
    client, alice, acme_draft
):
    client.force_login(alice)
    data = page_data(
        acme_draft,
        1,
        {"(1)-2": CONFORMANT, "(1)-3": {"status": "partial", "evidence": "監査報告書"}},
    )
    response = client.post(answer_url(acme_draft, 1), data)
    assert response.status_code == 200
    assert not Answer.objects.filter(declaration=acme_draft).exclude(status="").exists()
    html = response.content.decode()
    assert "監査報告書" in html and CONFORMANT["explanation"] in html


def test_errors_are_summarised_at_the_top_with_links_to_the_fields(client, alice, acme_draft):
    client.force_login(alice)
    response = client.post(
        answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-3": {"status": "partial"}})
    )
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert 'href="#id_s1-3-explanation"' in html
    assert 'href="#id_s1-3-remediation_plan"' in html


def test_errors_speak_the_language_of_the_user(client, alice, acme_draft):
    client.force_login(alice)
    typed = gap() | {"target_date": "31/31/2026"}
    japanese = client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-2": typed}))
    english = client.post(
        "/en" + answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-2": typed})
    )
    assert "日付を正しく入力してください。" in japanese.content.decode()
    assert "Enter a valid date." in english.content.decode()
    assert "Enter a valid date." not in japanese.content.decode()


def test_save_and_continue_leads_to_the_next_category_and_from_the_last_to_the_review(
    client, alice, acme_draft
):
    client.force_login(alice)
    response = client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, action="next"))
    assert response["Location"] == answer_url(acme_draft, 2)
    response = client.post(answer_url(acme_draft, 2), page_data(acme_draft, 2, action="previous"))
    assert response["Location"] == answer_url(acme_draft, 1)
    # Minimum has no statement in category (5): (4) is its last page.
    response = client.post(answer_url(acme_draft, 4), page_data(acme_draft, 4, action="next"))
    assert response["Location"] == url("declaration_review", acme_draft)


def test_a_category_without_statements_in_the_package_is_not_found(client, alice, acme_draft):
    client.force_login(alice)
    assert client.get(answer_url(acme_draft, 5)).status_code == 404
    assert client.get(answer_url(acme_draft, 6)).status_code == 404


def test_the_target_date_field_shows_the_stored_date_for_a_date_picker(client, alice, acme_draft):
    client.force_login(alice)
    client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-2": gap()}))
    html = client.get(answer_url(acme_draft, 1)).content.decode()
    assert f'type="date" name="s1-2-target_date" value="{future()}"' in html
