"""Each answer may carry a short public statement, in Japanese, English or both:
written on the answer page, saved with the answer, signed into the record, carried
into a renewal, and shown to everyone in the registry in the reader's language."""

import datetime
import io
import json
import subprocess

import pytest
from django.core.management import call_command

from declarations import services, tasks
from declarations.drafting.answers import AnswerChange, answer_problems, problems_of
from declarations.errors import DeclarationError
from declarations.models import Answer, Declaration
from declarations.publishing import records
from declarations.registry.statements import in_language, public_statement
from tests.conftest import ANSWER_TEXT, attest

from .drafting import CONFORMANT, answer_of, answer_url, page_data

LIMIT = Answer.PUBLIC_STATEMENT_MAX_LENGTH
JA = "全リリースで静的解析と構成分析を実施しています。"
EN = "Static analysis and composition analysis run on every release."


def _with_public(declaration, code, *, ja="", en=""):
    Answer.objects.filter(declaration=declaration, statement__code=code).update(
        public_statement_ja=ja, public_statement_en=en
    )


# ------------------------------------------------------------ the answer page


def test_the_answer_page_says_the_public_statement_is_what_everyone_sees(client, alice, acme_draft):
    client.force_login(alice)
    html = client.get(answer_url(acme_draft, 1, "en")).content.decode()
    assert 'name="s1-2-public_statement_ja"' in html and 'name="s1-2-public_statement_en"' in html
    assert f'maxlength="{LIMIT}"' in html and 'lang="ja"' in html
    assert "This is what the public sees in the registry" in html
    assert "Public statement: what everyone sees in the registry" in html
    # The help text is tied to its field for screen readers.
    assert 'aria-describedby="id_s1-2-public_statement_ja_helptext"' in html


def test_an_editor_saves_public_statements_in_both_languages(client, alice, acme_draft):
    client.force_login(alice)
    typed = CONFORMANT | {"public_statement_ja": JA, "public_statement_en": EN}
    response = client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-2": typed}))
    assert response.status_code == 302
    answer = answer_of(acme_draft, "(1)-2")
    assert (answer.public_statement_ja, answer.public_statement_en) == (JA, EN)
    assert answer.version == 1


def test_a_public_statement_alone_is_a_change_worth_saving(client, alice, acme_draft):
    client.force_login(alice)
    client.post(
        answer_url(acme_draft, 1),
        page_data(acme_draft, 1, {"(1)-3": {"public_statement_en": EN}}),
    )
    assert answer_of(acme_draft, "(1)-3").public_statement_en == EN
    assert answer_of(acme_draft, "(1)-2").version == 0


def test_a_public_statement_longer_than_the_limit_is_refused_at_the_field(
    client, alice, acme_draft
):
    client.force_login(alice)
    typed = CONFORMANT | {"public_statement_ja": "あ" * (LIMIT + 1)}
    response = client.post(
        answer_url(acme_draft, 1, "en"), page_data(acme_draft, 1, {"(1)-2": typed})
    )
    assert response.status_code == 200
    errors = response.context["answers"].forms[0].errors
    assert list(errors) == ["public_statement_ja"]
    assert answer_of(acme_draft, "(1)-2").version == 0


def test_line_breaks_count_once_as_the_browser_counts_them(client, alice, acme_draft):
    client.force_login(alice)
    lines = "\r\n".join(["a" * 99] * 5)  # 495 characters and 4 breaks: 499 as typed
    typed = CONFORMANT | {"public_statement_en": lines}
    response = client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-2": typed}))
    assert response.status_code == 302
    assert answer_of(acme_draft, "(1)-2").public_statement_en == lines.replace("\r\n", "\n")


def test_a_nul_byte_or_a_huge_statement_gets_an_error_not_a_crash(client, alice, acme_draft):
    client.force_login(alice)
    for value in ("a\x00b", "x" * 1_000_000):
        typed = CONFORMANT | {"public_statement_en": value}
        response = client.post(
            answer_url(acme_draft, 1), page_data(acme_draft, 1, {"(1)-2": typed})
        )
        assert response.status_code == 200
        assert "public_statement_en" in response.context["answers"].forms[0].errors


# ----------------------------------------------------------- the rule, the writer


def test_the_answer_rule_limits_each_language():
    problems = answer_problems(
        status="",
        explanation="",
        evidence_links="",
        remediation_plan="",
        target_date=None,
        today=None,
        public_statement_ja="あ" * LIMIT,
        public_statement_en="a" * (LIMIT + 1),
    )
    assert [(p.field, p.code) for p in problems] == [("public_statement_en", "too_long")]


def test_the_writer_refuses_an_overlong_statement_whatever_the_form_said(alice, acme_draft):
    answer = answer_of(acme_draft, "(1)-2")
    change = AnswerChange(
        answer_id=answer.pk, version=0, status="conformant", public_statement_en="a" * (LIMIT + 1)
    )
    with pytest.raises(DeclarationError):
        services.save_answers(declaration=acme_draft, changes=[change], user=alice)
    assert answer_of(acme_draft, "(1)-2").version == 0


def test_the_writer_saves_the_statements_with_the_answer_in_one_versioned_update(alice, acme_draft):
    answer = answer_of(acme_draft, "(1)-2")
    change = AnswerChange(
        answer_id=answer.pk,
        version=0,
        status="conformant",
        public_statement_ja=JA,
        public_statement_en=EN,
    )
    result = services.save_answers(declaration=acme_draft, changes=[change], user=alice)
    assert result.saved == [answer.pk]
    stored = answer_of(acme_draft, "(1)-2")
    assert (stored.public_statement_ja, stored.public_statement_en, stored.version) == (JA, EN, 1)
    # Someone saving over the old version meets a conflict, statements and all.
    stale = AnswerChange(answer_id=answer.pk, version=0, status="conformant")
    result = services.save_answers(declaration=acme_draft, changes=[stale], user=alice)
    assert result.conflicts and result.conflicts[0].theirs.public_statement_en == EN


def test_attestation_runs_the_same_rule_on_the_statements(acme_draft):
    # The column holds 500 characters (PostgreSQL refuses more, SQLite would not), and
    # attestation checks every answer of the package with problems_of again.
    answer = Answer(status="conformant", public_statement_ja="あ" * (LIMIT + 1))
    problems = problems_of(answer, today=datetime.date.today())
    assert [(p.field, p.code) for p in problems] == [("public_statement_ja", "too_long")]
    assert Answer._meta.get_field("public_statement_ja").max_length == LIMIT


# ---------------------------------------------------------- the signed record


def test_the_record_signs_the_public_statements(complete_draft, sam, portal_pki):
    codes = list(complete_draft.package.statements.values_list("code", flat=True))
    _with_public(complete_draft, codes[0], ja=JA, en=EN)
    _with_public(complete_draft, codes[1], en=EN)
    record = json.loads(attest(complete_draft, sam).canonical_json)
    # Public statements came with schema /2 and stay in every later one.
    assert record["schema"] == records.SCHEMA == "jp-cyber-infrastructure-declaration/3"
    assert record["answers"][codes[0]]["public_statement"] == {"ja": JA, "en": EN}
    assert record["answers"][codes[1]]["public_statement"] == {"ja": "", "en": EN}
    assert record["answers"][codes[2]]["public_statement"] == {"ja": "", "en": ""}


def test_a_renewal_carries_the_public_statements_over(complete_draft, sam, alice, portal_pki):
    code = complete_draft.package.statements.order_by("position").first().code
    _with_public(complete_draft, code, ja=JA, en=EN)
    published = attest(complete_draft, sam)
    draft = services.renew_declaration(declaration=published, user=alice)
    renewed = answer_of(draft, code)
    assert (renewed.public_statement_ja, renewed.public_statement_en) == (JA, EN)


# ------------------------------------------------------------ the public summary


@pytest.fixture
def with_statements(complete_draft, sam, portal_pki):
    """Three statements: one in both languages, one in Japanese only, one in English only."""
    codes = list(
        complete_draft.package.statements.order_by("category__number", "position").values_list(
            "code", flat=True
        )
    )
    _with_public(complete_draft, codes[0], ja=JA, en=EN)
    _with_public(complete_draft, codes[1], ja="日本語だけの公開用の記述。")
    _with_public(complete_draft, codes[2], en="English-only public statement.")
    return attest(complete_draft, sam)


def test_the_summary_shows_each_statement_in_the_readers_language(client, with_statements):
    ja = client.get(f"/registry/{with_statements.serial}/").content.decode()
    en = client.get(f"/en/registry/{with_statements.serial}/").content.decode()
    assert JA in ja and EN not in ja
    assert EN in en and JA not in en


def test_a_statement_in_the_other_language_only_is_shown_with_a_marker(client, with_statements):
    ja = client.get(f"/registry/{with_statements.serial}/").content.decode()
    assert '<span class="answer-text" lang="en">English-only public statement.</span>' in ja
    assert "英語のみ" in ja and "日本語のみ" not in ja
    en = client.get(f"/en/registry/{with_statements.serial}/").content.decode()
    assert '<span class="answer-text" lang="ja">日本語だけの公開用の記述。</span>' in en
    assert "Only in Japanese" in en and "Only in English" not in en
    assert en.count("public-fallback") == 1 and ja.count("public-fallback") == 1


def test_the_api_gives_both_languages_of_each_statement(client, with_statements):
    body = client.get(f"/api/v1/declarations/{with_statements.serial}/").json()
    by_code = {s["code"]: s["public_statement"] for s in body["statements"]}
    first, second, third, fourth = list(by_code.values())[:4]
    assert first == {"ja": JA, "en": EN}
    assert second == {"ja": "日本語だけの公開用の記述。", "en": ""}
    assert third == {"ja": "", "en": "English-only public statement."}
    assert fourth == {"ja": "", "en": ""}


def test_the_vendors_own_review_page_shows_the_public_statements(client, alice, complete_draft):
    code = complete_draft.package.statements.order_by("category__number", "position")[0].code
    _with_public(complete_draft, code, ja=JA, en=EN)
    client.force_login(alice)
    html = client.get(f"/declarations/{complete_draft.pk}/review/").content.decode()
    assert JA in html and EN in html


def test_reading_a_statement_in_a_language():
    both = {"ja": JA, "en": EN}
    assert in_language(both, "en").text == EN and not in_language(both, "en").fallback
    assert in_language(both, "ja").text == JA
    only_ja = in_language({"ja": JA, "en": ""}, "en")
    assert (only_ja.text, only_ja.lang, only_ja.fallback) == (JA, "ja", True)
    assert in_language({"ja": "", "en": ""}, "ja") is None
    # An answer of a schema /1 record has none.
    assert public_statement({"status": "conformant"}) == {"ja": "", "en": ""}


# ---------------------------------------------------------------- the demo


def test_the_demo_declarations_carry_public_statements(db, portal_pki):
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    with_any = []
    for declaration in Declaration.objects.issued():
        answers = json.loads(declaration.canonical_json)["answers"].values()
        if any(a["public_statement"]["ja"] or a["public_statement"]["en"] for a in answers):
            with_any.append(declaration.status)
    assert "published" in with_any and len(with_any) >= 3


# ------------------------------------------------------------------ the PDF


def test_the_signed_pdf_prints_the_public_statements_beside_everything_else(
    with_statements, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    tasks.generate_pdf.delay(with_statements.pk)  # eager in tests
    with_statements.refresh_from_db()
    path = tmp_path / "d.pdf"
    path.write_bytes(with_statements.pdf_file.read())
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    flat = "".join(text.split())
    for written in (JA, EN, "日本語だけの公開用の記述。", "English-only public statement."):
        assert "".join(written.split()) in flat, written
    assert "公開用の記述" in text and "Public statement" in text
    assert "".join(ANSWER_TEXT.split()) in flat  # the PDF carries the explanations too
