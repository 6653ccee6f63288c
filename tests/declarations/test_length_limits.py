"""Every free-text field has a limit, said at the field; no huge input is stored or
ends in a server error, and no declaration is signed whose PDF would be too long.

The finding this answers: three answer fields of 500,000 characters each made a
464-page PDF in 34 s inside the web request.
"""

from io import BytesIO

import pikepdf
import pytest
from django.urls import reverse
from django.utils import translation

from declarations import limits, services
from declarations.documents.rendering import render_unsigned
from declarations.errors import DeclarationError
from declarations.models import Answer, Declaration, Product
from declarations.publishing import page_budget
from declarations.publishing.attestation import attestation_problems, package_answers
from tests.conftest import attest, login_verified

from .drafting import CONFORMANT, answer_of, answer_url, page_data

HUGE = "長" * 500_000


@pytest.mark.parametrize(
    "field, limit",
    [
        ("explanation", limits.EXPLANATION),
        ("evidence", limits.EVIDENCE),
        ("remediation_plan", limits.REMEDIATION_PLAN),
    ],
)
def test_an_answer_text_over_its_limit_is_refused_at_its_field(
    client, alice, acme_draft, field, limit
):
    client.force_login(alice)
    typed = CONFORMANT | {field: "あ" * (limit + 1)}
    response = client.post(
        answer_url(acme_draft, 1, "en"), page_data(acme_draft, 1, {"(1)-2": typed})
    )
    assert response.status_code == 200
    errors = response.context["answers"].forms[0].errors[field]
    assert errors == [f"Keep this to {limit:,} characters; it has {limit + 1:,}."]
    assert 'aria-describedby="' in response.content.decode()
    assert answer_of(acme_draft, "(1)-2").status == ""


def test_an_answer_text_at_its_limit_is_saved_with_line_breaks_counted_once(
    client, alice, acme_draft
):
    client.force_login(alice)
    text = ("あ" * 9 + "\r\n") * (limits.EXPLANATION // 10 - 1) + "あ" * 10  # the limit, with LF
    response = client.post(
        answer_url(acme_draft, 1),
        page_data(acme_draft, 1, {"(1)-2": CONFORMANT | {"explanation": text}}),
    )
    assert response.status_code == 302
    assert len(answer_of(acme_draft, "(1)-2").explanation) == limits.EXPLANATION


def test_a_huge_evidence_links_paste_gets_one_error_not_one_per_line(client, alice, acme_draft):
    client.force_login(alice)
    links = "not a link\n" * 50_000
    response = client.post(
        answer_url(acme_draft, 1, "en"),
        page_data(acme_draft, 1, {"(1)-2": CONFORMANT | {"evidence_links": links}}),
    )
    errors = response.context["answers"].forms[0].errors["evidence_links"]
    assert len(errors) == 1 and errors[0].startswith("Keep this to 2,000 characters")


def test_three_huge_answer_fields_are_a_page_with_errors_not_a_server_error(
    client, alice, acme_draft
):
    client.force_login(alice)
    typed = CONFORMANT | {"explanation": HUGE, "evidence": HUGE, "remediation_plan": HUGE}
    response = client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-2": typed}))
    # Over Django's request size limit, a 400; under it, the page with its errors.
    assert response.status_code in (200, 400)
    assert len(answer_of(acme_draft, "(1)-2").explanation) < 100


def test_save_answers_itself_refuses_an_answer_over_a_limit(acme_draft, alice):
    from declarations.drafting.answers import AnswerChange

    answer = answer_of(acme_draft, "(1)-2")
    change = AnswerChange(
        answer_id=answer.pk, version=answer.version, status="conformant", evidence=HUGE
    )
    with pytest.raises(DeclarationError, match="2,000 文字以内"):
        services.save_answers(declaration=acme_draft, changes=[change], user=alice)
    assert answer_of(acme_draft, "(1)-2").evidence == ""


def test_attestation_refuses_an_answer_stored_over_its_limit(complete_draft, sam, portal_pki):
    Answer.objects.filter(declaration=complete_draft, statement__code="(2)-1").update(
        remediation_plan="x" * (limits.REMEDIATION_PLAN + 1)
    )
    with translation.override("en"), pytest.raises(DeclarationError) as refused:
        attest(complete_draft, sam)
    assert "(2)-1: Remediation plan (Japanese): Keep this to 2,000 characters" in str(refused.value)


def test_a_product_description_has_a_limit_in_the_form_and_the_service(client, alice, acme):
    client.force_login(alice)
    response = client.post(
        reverse("declarations:product_create"),
        {"name": "長い製品", "kind": "software", "roles": ["developer"], "description": HUGE},
    )
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert not Product.objects.filter(name="長い製品").exists()
    with pytest.raises(DeclarationError):
        services.create_product(
            organization=acme,
            name="長い製品",
            kind="software",
            roles=["developer"],
            description=HUGE,
        )
    with pytest.raises(DeclarationError):
        services.create_product(
            organization=acme, name="長" * 201, kind="software", roles=["developer"]
        )


def test_the_signatory_title_and_a_reason_have_limits_in_the_services_too(
    complete_draft, sam, root, portal_pki
):
    with pytest.raises(DeclarationError, match="200 文字以内"):
        services.attest_declaration(
            declaration=complete_draft,
            user=sam,
            password="correct horse battery",
            signatory_name="署名 三郎",
            signatory_title="代表" * 101,
            confirmed=True,
        )
    published = attest(complete_draft, sam)
    with pytest.raises(DeclarationError, match="2,000 文字以内"):
        services.withdraw_declaration(declaration=published, user=sam, reason="理" * 2001)
    with pytest.raises(DeclarationError, match="2,000 文字以内"):
        services.revoke_declaration(declaration=published, user=root, reason="理" * 2001)


def test_the_attest_page_refuses_a_huge_title_at_the_field(client, complete_draft, sam):
    login_verified(client, sam)
    response = client.post(
        reverse("declarations:attest", args=[complete_draft.pk]),
        {
            "signatory_name": "署名 三郎",
            "signatory_title": HUGE,
            "confirm": "on",
            "password": "correct horse battery",
        },
    )
    assert response.status_code == 200
    assert "signatory_title" in response.context["form"].errors
    complete_draft.refresh_from_db()
    assert complete_draft.status == Declaration.Status.DRAFT


# ------------------------------------------------------------- the page budget


def test_the_estimate_counts_wide_characters_twice_and_every_line_break():
    assert page_budget.text_lines("") == 0
    assert page_budget.text_lines("a" * page_budget.LINE_WIDTH) == 1
    assert page_budget.text_lines("あ" * page_budget.LINE_WIDTH) == 2
    assert page_budget.text_lines("x\n" * 100) == 101


def test_a_declaration_of_ordinary_answers_is_well_within_the_budget(complete_draft):
    pages = page_budget.estimated_pages(package_answers(complete_draft))
    assert 3 <= pages <= 8  # the rendered PDF has 5 (test_pdf_render)
    assert page_budget.problems(package_answers(complete_draft)) == []


def _fill_to_the_limits(draft: Declaration, *, codes=None) -> None:
    answers = Answer.objects.filter(declaration=draft)
    if codes:
        answers = answers.filter(statement__code__in=codes)
    # Within every limit: 4,000 wide characters and 300 short lines of evidence.
    answers.update(explanation="説明" * (limits.EXPLANATION // 2), evidence="証跡\n" * 300)


def test_answers_within_their_limits_can_still_make_too_long_a_pdf(complete_draft, sam, portal_pki):
    _fill_to_the_limits(complete_draft, codes=["(2)-1", "(2)-2"])
    answers = package_answers(complete_draft)
    assert page_budget.problems(answers) == []  # two long answers fit

    _fill_to_the_limits(complete_draft)
    answers = package_answers(complete_draft)
    assert page_budget.estimated_pages(answers) > page_budget.PAGE_BUDGET
    with translation.override("en"):
        [problem] = [p for p in attestation_problems(complete_draft) if "pages" in p]
        assert f"more than the {page_budget.PAGE_BUDGET} pages" in problem
        # The longest answers, named: the first three of equal length.
        assert "answers: (1)-2 (4,929 characters), (1)-3 (4,929 characters), (1)-4" in problem
        with pytest.raises(DeclarationError, match="Shorten the longest answers"):
            attest(complete_draft, sam)
    complete_draft.refresh_from_db()
    assert complete_draft.status == Declaration.Status.DRAFT and not complete_draft.serial


def test_the_estimate_is_close_to_the_pages_rendered(complete_draft, sam, portal_pki):
    """Measured, not assumed: the estimate against the PDF the worker would make."""
    Answer.objects.filter(declaration=complete_draft).update(
        explanation="説明" * (limits.EXPLANATION // 2)
    )
    estimate = page_budget.estimated_pages(package_answers(complete_draft))
    published = attest(complete_draft, sam)
    rendered = len(pikepdf.open(BytesIO(render_unsigned(published))).pages)
    assert abs(rendered - estimate) <= max(3, rendered // 5), (estimate, rendered)


def test_many_short_lines_count_against_the_budget_too(complete_draft):
    Answer.objects.filter(declaration=complete_draft).update(evidence="-\n" * 999)
    assert page_budget.problems(package_answers(complete_draft))


def test_the_attest_page_shows_the_budget_problem_before_the_form(client, complete_draft, sam):
    _fill_to_the_limits(complete_draft)
    login_verified(client, sam)
    with translation.override("en"):
        page = client.get(reverse("declarations:attest", args=[complete_draft.pk]))
    assert page.status_code == 200
    assert "Shorten the longest answers" in page.content.decode()
