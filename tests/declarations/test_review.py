"""The review page: every answer by category, what is missing, and whether it is ready."""

from declarations.drafting.answers import AnswerChange
from declarations.models import Answer
from declarations.services import save_answers

from .drafting import CONFORMANT, NOT_APPLICABLE, answer_url, gap, page_data, url


def answer_everything(draft, user):
    answers = Answer.objects.filter(declaration=draft, statement__packages=draft.package_id)
    save_answers(
        declaration=draft,
        changes=[AnswerChange(answer_id=a.pk, version=a.version, **CONFORMANT) for a in answers],
        user=user,
    )


def test_the_review_lists_each_missing_statement_with_a_link_to_its_place(
    client, alice, acme_draft
):
    client.force_login(alice)
    client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, every=CONFORMANT))
    response = client.get(url("declaration_review", acme_draft))
    review = response.context["review"]
    assert not review.is_ready
    assert len(review.missing) == 10
    assert review.missing[0].statement.code == "(2)-1"
    html = response.content.decode()
    assert 'id="not-ready"' in html
    assert f'href="{answer_url(acme_draft, 2)}#statement-2-1"' in html
    assert f'href="{answer_url(acme_draft, 4)}#statement-4-6"' in html


def test_the_review_groups_the_answers_by_category_with_their_progress(
    client, vera, alice, acme_draft
):
    client.force_login(alice)
    client.post(
        answer_url(acme_draft, 1),
        page_data(acme_draft, 1, {"(1)-2": gap("partial"), "(1)-4": NOT_APPLICABLE}),
    )
    client.force_login(vera)
    review = client.get(url("declaration_review", acme_draft)).context["review"]
    assert [s.category.number for s in review.sections] == [1, 2, 3, 4]
    assert [len(s.answers) for s in review.sections] == [3, 4, 2, 4]
    assert (review.sections[0].progress.answered, review.sections[0].progress.total) == (2, 3)
    assert review.outside == []


def test_a_draft_with_every_statement_answered_is_ready_for_attestation(client, alice, acme_draft):
    answer_everything(acme_draft, alice)
    client.force_login(alice)
    response = client.get(url("declaration_review", acme_draft))
    assert response.context["review"].is_ready
    html = response.content.decode()
    assert 'id="ready-for-attestation"' in html
    assert 'aria-valuenow="100"' in html


def test_the_list_of_answers_keeps_the_justification_of_not_applicable(client, alice, acme_draft):
    client.force_login(alice)
    client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-4": NOT_APPLICABLE}))
    html = client.get(url("declaration_review", acme_draft, "en")).content.decode()
    assert "Justification" in html and NOT_APPLICABLE["explanation"] in html
