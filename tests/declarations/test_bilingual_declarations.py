"""A declaration may be answered in Japanese, English or both. Its authoritative language
(Japanese unless chosen otherwise, changeable until attestation) is the one whose text is
required and declared; the record signs both texts and names it, the PDF prints it on page 1
and marks every text in the other language as a translation."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import translation

from declarations.drafting.answers import answer_problems
from declarations.drafting.forms import AnswerPage
from declarations.errors import DeclarationError
from declarations.models import Answer, Declaration, DeclarationEvent
from declarations.publishing import records
from declarations.services import change_language, start_declaration
from tests.conftest import attest, login_verified
from tests.declarations.conftest import run

EXPLANATION_JA = "全リリースで SBOM を作成し、既知の脆弱性と照合している。"
EXPLANATION_EN = "An SBOM is made for every release and checked against known vulnerabilities."
PLAN_JA = "2027年3月までに署名を導入する。"
PLAN_EN = "Signing will be introduced by March 2027."
TOMORROW = datetime.date.today() + datetime.timedelta(days=30)


def _rule(language, **texts):
    fields = {
        "status": "partial",
        "explanation": "",
        "evidence_links": "",
        "remediation_plan": "",
        "target_date": TOMORROW,
        "today": datetime.date.today(),
    }
    return {p.field for p in answer_problems(**(fields | texts), language=language)}


def test_a_japanese_declaration_requires_the_japanese_text_only():
    assert _rule("ja", explanation=EXPLANATION_JA, remediation_plan=PLAN_JA) == set()
    assert _rule("ja", explanation_en=EXPLANATION_EN, remediation_plan_en=PLAN_EN) == {
        "explanation",
        "remediation_plan",
    }


def test_an_english_declaration_requires_the_english_text():
    assert _rule("en", explanation_en=EXPLANATION_EN, remediation_plan_en=PLAN_EN) == set()
    assert _rule("en", explanation=EXPLANATION_JA, remediation_plan=PLAN_JA) == {
        "explanation_en",
        "remediation_plan_en",
    }


def test_the_answer_form_of_an_english_declaration_asks_for_english_text(acme_draft):
    answer = acme_draft.answers.select_related("statement").first()
    prefix = f"s{answer.statement.slug}"
    data = {
        f"{prefix}-status": "not_conformant",
        f"{prefix}-explanation": EXPLANATION_JA,
        f"{prefix}-remediation_plan": PLAN_JA,
        f"{prefix}-target_date": TOMORROW.isoformat(),
        f"{prefix}-version": "0",
    }
    with translation.override("en"):
        page = AnswerPage([answer], data, language="en")
        assert not page.is_valid()
        [form] = page.forms
        assert set(form.errors) == {"explanation_en", "remediation_plan_en"}
        assert "in English" in form.errors["explanation_en"][0]
        assert "Translation, optional" in str(form.fields["explanation"].help_text)


def test_starting_a_draft_chooses_its_language_japanese_by_default(acme_product, minimum, alice):
    draft = start_declaration(product=acme_product, package=minimum, user=alice)
    assert draft.language == "ja"
    with pytest.raises(DeclarationError):
        change_language(declaration=draft, language="fr", user=alice)


def test_the_start_page_sets_the_language(client, alice, acme_product, guideline):
    client.force_login(alice)
    url = reverse("declarations:declaration_start", kwargs={"product_pk": acme_product.pk})
    client.post(url, {"package": "minimum", "language": "en"})
    assert Declaration.objects.get().language == "en"


def test_the_language_changes_on_the_draft_until_attestation(client, acme_draft, alice, vera):
    url = reverse("declarations:declaration_language", kwargs={"declaration_pk": acme_draft.pk})
    client.force_login(vera)  # a viewer reads the draft but may not change it
    assert client.post(url, {"language": "en"}).status_code == 403
    client.force_login(alice)
    client.post(url, {"language": "en"})
    acme_draft.refresh_from_db()
    assert acme_draft.language == "en"
    # Part of the draft's story, like a change of package.
    assert DeclarationEvent.objects.filter(declaration=acme_draft).exclude(reason="").exists()
    page = client.get(
        reverse("declarations:declaration_detail", kwargs={"declaration_pk": acme_draft.pk})
    )
    assert 'id="current-language"' in page.content.decode()


def _bilingual(draft, *, language="en"):
    Declaration.objects.filter(pk=draft.pk).update(language=language)
    Answer.objects.filter(declaration=draft).update(
        status="conformant",
        explanation=EXPLANATION_JA,
        explanation_en=EXPLANATION_EN,
        evidence="社内規程 SEC-001",
        evidence_en="Internal rule SEC-001",
    )
    Answer.objects.filter(declaration=draft, statement__code="(1)-2").update(
        status="partial",
        remediation_plan=PLAN_JA,
        remediation_plan_en=PLAN_EN,
        target_date=TOMORROW,
    )
    draft.refresh_from_db()
    return draft


def test_attestation_checks_the_text_of_the_authoritative_language(acme_draft, sam, portal_pki):
    _bilingual(acme_draft)
    Answer.objects.filter(declaration=acme_draft, statement__code="(1)-2").update(
        remediation_plan_en=""
    )
    with translation.override("en"), pytest.raises(DeclarationError) as refused:
        attest(acme_draft, sam)
    assert "(1)-2: Describe the remediation plan for this gap in English." in str(refused.value)


def test_the_record_carries_both_texts_and_names_the_authoritative_language(
    acme_draft, sam, portal_pki
):
    published = attest(_bilingual(acme_draft), sam)
    record = json.loads(published.canonical_json)
    assert record["schema"] == records.SCHEMA == "jp-cyber-infrastructure-declaration/3"
    assert record["language"] == "en"
    answer = record["answers"]["(1)-2"]
    assert answer["explanation"] == {"ja": EXPLANATION_JA, "en": EXPLANATION_EN}
    assert answer["evidence"]["text"] == {"ja": "社内規程 SEC-001", "en": "Internal rule SEC-001"}
    assert answer["remediation"]["plan"] == {"ja": PLAN_JA, "en": PLAN_EN}


@pytest.fixture
def bilingual_pdf_text(acme_draft, sam, portal_pki, settings, tmp_path):
    from declarations import tasks

    settings.MEDIA_ROOT = tmp_path / "media"
    published = attest(_bilingual(acme_draft), sam)
    tasks.generate_pdf.delay(published.pk)
    published.refresh_from_db()
    assert published.pdf_state == Declaration.PdfState.READY
    path = tmp_path / "d.pdf"
    path.write_bytes(published.pdf_file.read())
    return run("pdftotext", "-enc", "UTF-8", str(path), "-").split("\f")


def test_the_pdf_names_its_authoritative_language_on_page_one(bilingual_pdf_text):
    first = " ".join(bilingual_pdf_text[0].split())
    assert "正本の言語 Authoritative language" in first
    assert "英語 English" in first
    assert "Verifying offline" in first  # the verification block still fits on page 1


def test_the_pdf_marks_each_text_of_the_other_language_as_a_translation(bilingual_pdf_text):
    answers = " ".join(" ".join(page.split()) for page in bilingual_pdf_text[1:])
    assert f"{EXPLANATION_EN} 翻訳 Translation {EXPLANATION_JA}" in answers
    assert f"翻訳 Translation {EXPLANATION_EN}" not in answers
    # One mark per Japanese text: every explanation and evidence text, and the one plan.
    statements = 13
    assert answers.count("翻訳 Translation") == 2 * statements + 1
    assert PLAN_EN in answers and PLAN_JA in answers


def test_the_registry_and_the_api_show_the_authoritative_language(
    client, acme_draft, sam, pat, portal_pki
):
    published = attest(_bilingual(acme_draft), sam)
    client.force_login(pat)
    html = client.get(f"/en/registry/{published.serial}/").content.decode()
    assert 'id="authoritative-language">English' in html
    assert "Translation (Japanese)" in html and EXPLANATION_EN in html
    body = client.get(f"/api/v1/declarations/{published.serial}/").json()
    assert body["language"] == "en" and body["record"]["language"] == "en"


def test_a_bilingual_declaration_is_attested_with_a_second_factor_through_the_page(
    client, acme_draft, sam, portal_pki
):
    """The attest page accepts a bilingual draft as any other."""
    _bilingual(acme_draft)
    login_verified(client, sam)
    url = reverse("declarations:attest", kwargs={"declaration_pk": acme_draft.pk})
    assert client.get(url).status_code == 200


def test_attestation_fixes_the_language(acme_draft, sam, alice, portal_pki):
    published = attest(_bilingual(acme_draft), sam)
    with pytest.raises(DeclarationError):
        change_language(declaration=published, language="ja", user=alice)
    published.refresh_from_db()
    assert published.language == "en"


def test_a_renewal_keeps_the_language_and_both_texts(acme_draft, sam, portal_pki):
    from declarations.services import renew_declaration

    draft = renew_declaration(declaration=attest(_bilingual(acme_draft), sam), user=sam)
    assert draft.language == "en"
    answer = draft.answers.get(statement__code="(1)-2")
    assert (answer.explanation, answer.explanation_en) == (EXPLANATION_JA, EXPLANATION_EN)


def test_the_review_page_puts_the_authoritative_text_first_and_marks_the_other(
    client, acme_draft, alice
):
    _bilingual(acme_draft)
    client.force_login(alice)
    url = reverse("declarations:declaration_review", kwargs={"declaration_pk": acme_draft.pk})
    html = client.get("/en" + url).content.decode()
    english, japanese = html.index(EXPLANATION_EN), html.index(EXPLANATION_JA)
    assert english < html.index("Translation (Japanese)") < japanese
