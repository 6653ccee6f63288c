"""Readers see which text is the study group's, which is the portal's, and that it is a draft."""

from django.test import Client

from guidelines.models import Statement


def test_the_guideline_page_labels_the_edition_a_draft_direction_paper(client, guideline):
    html = client.get("/guideline/").content.decode()
    assert "サイバーインフラ事業者に求められる役割等の検討の方向性" in html
    assert 'id="edition-kind"' in html and "方向性資料（案）" in html
    assert "事務局" in html
    english = client.get("/en/guideline/").content.decode()
    assert "Draft direction paper" in english and "not a final guideline" in english


def test_the_portals_text_is_marked_and_explained_in_a_legend(client, guideline):
    html = client.get("/guideline/").content.decode()
    assert 'id="provenance-legend"' in html
    assert "ポータルによる補足。検討会資料の本文ではありません" in html
    # 21 statement descriptions, 6 responsibility descriptions and the derived package
    # values: many daggers; the 6 responsibility titles from the later draft: 6 double daggers.
    assert html.count("†<span") >= 21 + 6
    assert html.count("‡<span") == 6


def test_the_package_derivations_are_shown_not_folded_away(client, guideline):
    html = client.get("/en/guideline/").content.decode()
    section = html[html.index('id="package-descriptions"') :]
    assert "<details" not in section[: section.index("</dl>")]
    assert "derived by the portal" in section and "category (6)" in section


def test_a_statement_page_says_which_packages_hold_it_and_why(client, guideline):
    html = client.get("/en/guideline/2024-09/statements/1-2/").content.decode()
    places = html[html.index('id="package-places"') :]
    assert "It matches foreign schemes, which admits it to the Minimum package." in places
    assert "The Standard package holds every requirement addressed to providers." in places

    html = client.get("/en/guideline/2024-09/statements/1-1/").content.decode()
    assert "Not in the Minimum package" in html and "does not admit it" in html

    html = client.get("/en/guideline/2024-09/statements/6-1/").content.decode()
    assert "It is a customer&#x27;s requirement" in html


def test_a_statement_page_marks_its_description_but_not_its_seed_title(guideline):
    statement = Statement.objects.get(edition=guideline, code="(1)-4")
    html = Client().get("/guideline/2024-09/statements/1-4/").content.decode()
    heading = html[html.index("<h1") : html.index("</h1>")]
    assert "provenance-mark" not in heading
    paragraph = html[html.index(statement.description_ja[:20]) :]
    assert paragraph.index("provenance-mark") < paragraph.index("</p>")
    # (1)-4's classification is the portal's on every axis.
    badges = html[html.index("badge-axis") : html.index(statement.description_ja[:20])]
    assert badges.count("provenance-mark") == 3
