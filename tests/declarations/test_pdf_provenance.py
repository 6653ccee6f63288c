"""The PDF names the guideline edition from data and as a draft; it marks the portal's text."""

import json

from guidelines.models import Package


def _flat(pages: list[str]) -> str:
    return "".join("".join(pages).split())


def test_the_cover_takes_the_editions_title_and_labels_it_a_draft(with_pdf, pdf_pages):
    cover = "".join(pdf_pages[0].split())
    assert "サイバーインフラ事業者に求められる役割等の検討の方向性" in cover
    assert "方向性資料（案）" in cover and "Draftdirectionpaper" in cover
    # Not the final guideline's title, which the seed edition is not.
    assert "役割等に関するガイドライン" not in cover


def test_the_package_row_says_how_its_statements_were_chosen(with_pdf, pdf_pages):
    kind = json.loads(with_pdf.canonical_json)["package"]["kind"]
    package = Package.objects.get(edition=with_pdf.edition, kind=kind)
    text = _flat(pdf_pages)
    assert "構成の決め方" in text
    assert "".join(package.derivation_ja.split())[:40] in text


def test_the_portals_requirement_texts_are_marked_with_a_legend(with_pdf, pdf_pages):
    text = _flat(pdf_pages)
    assert "†ポータルによる補足。検討会資料の本文ではありません。" in text
    assert "Derivedbytheportal;notpartofthestudygroup'stext." in text
    assert "要求事項Requirement†" in text
