"""Each answer is printed beside the requirement text of its statement."""

import json

from guidelines.models import Statement


def test_each_statement_prints_its_requirement_in_japanese_and_english(with_pdf, pdf_pages):
    code = next(iter(json.loads(with_pdf.canonical_json)["answers"]))
    statement = Statement.objects.get(edition=with_pdf.edition, code=code)
    text = "".join("".join(pdf_pages).split())

    assert "".join(statement.description_ja.split()) in text
    assert "".join(statement.description_en.split()) in text


def test_a_statements_heading_and_requirement_share_a_page(with_pdf, pdf_pages):
    answered = json.loads(with_pdf.canonical_json)["answers"]
    for statement in Statement.objects.filter(edition=with_pdf.edition, code__in=answered):
        requirement = "".join(statement.description_ja.split())[:20]
        [page] = [p for p in pdf_pages if requirement in "".join(p.split())]

        assert statement.code in page
