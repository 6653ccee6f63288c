"""The crosswalk: statements against frameworks, in both languages, as an accessible table."""

import re

import pytest
from django.core.cache import cache

from guidelines.models import Reference, Statement, StatementReference
from guidelines.services import publish_edition, start_draft_from


def table_of(html: str) -> str:
    return html[html.index('<table class="table table-sm table-bordered crosswalk"') :][
        : html.index("</table>") + 8
    ]


def test_the_crosswalk_has_a_row_per_statement_and_a_column_per_framework(client, guideline):
    response = client.get("/guideline/2024-09/crosswalk/")
    assert response.status_code == 200
    table = table_of(response.content.decode())
    assert table.count('<th scope="row"') == Statement.objects.filter(edition=guideline).count()
    assert table.count('<th scope="col" class="crosswalk-framework">') == (
        Reference.objects.filter(edition=guideline).count()
    )
    assert table.count('<th scope="rowgroup"') == 6
    assert "<caption" in table


def test_each_cell_links_its_locator_to_the_item_or_the_document(client, guideline):
    table = table_of(client.get("/en/guideline/2024-09/crosswalk/").content.decode())
    nsa = StatementReference.objects.get(
        edition=guideline, statement__code="(2)-1", reference__key="nsa-sssc"
    )
    assert f'<a href="{nsa.url}" rel="noopener">{nsa.locator_en}</a>' in table
    ssdf = StatementReference.objects.get(
        edition=guideline, statement__code="(1)-2", reference__key="nist-ssdf"
    )
    assert f'<a href="{ssdf.reference.url}" rel="noopener">{ssdf.locator_en}</a>' in table


def test_portal_derived_mappings_are_marked_and_seed_stated_ones_give_their_page(client, guideline):
    table = table_of(client.get("/en/guideline/2024-09/crosswalk/").content.decode())
    links = StatementReference.objects.filter(edition=guideline)
    assert table.count("(derived by the portal)") == links.filter(source="portal").count()
    assert table.count("seed p. 22") == links.filter(source="seed", source_page=22).count()


def test_the_legend_explains_every_marker(client, guideline):
    html = client.get("/en/guideline/2024-09/crosswalk/").content.decode()
    legend = html[html.index('id="legend"') : html.index("</section>", html.index('id="legend"'))]
    for marker in ("seed p. 22", "†", "※"):
        assert marker in legend
    assert "Derived by the portal" in legend


def test_japanese_pages_show_japanese_locators(client, guideline):
    html = client.get("/guideline/2024-09/crosswalk/").content.decode()
    assert 'lang="ja"' in html and "附属書I第II部(3)" in html and "Annex I Part II (3)" not in html
    assert "ポータルによる導出" in html or "ポータル" in html


def test_english_pages_show_english_locators(client, guideline):
    html = client.get("/en/guideline/2024-09/crosswalk/").content.decode()
    assert 'lang="en"' in html and "Annex I Part II (3)" in html and "附属書I" not in html


def test_the_first_column_stays_in_view_while_the_table_scrolls(client, guideline):
    html = client.get("/guideline/2024-09/crosswalk/").content.decode()
    assert re.search(r'class="table-responsive crosswalk-scroll"[^>]*tabindex="0"', html)
    with open("static/css/portal.css", encoding="utf-8") as css:
        rule = next(line for line in css if line.startswith(".crosswalk .crosswalk-statement"))
    assert "position: sticky" in rule and "left: 0" in rule


def test_the_guideline_and_statement_pages_link_to_the_crosswalk(client, guideline):
    assert 'href="/guideline/2024-09/crosswalk/"' in client.get("/guideline/").content.decode()
    statement = client.get("/en/guideline/2024-09/statements/1-2/").content.decode()
    assert 'href="/en/guideline/2024-09/crosswalk/#row-1-2"' in statement


def test_an_unknown_edition_has_no_crosswalk(client, guideline):
    assert client.get("/guideline/1999-01/crosswalk/").status_code == 404


# Measured once; the tests below hold it whatever the number of mappings.
# (11 since the edition content reads package memberships with their provenance.)
QUERIES = 11


@pytest.mark.parametrize("path", ["/guideline/{}/crosswalk/", "/en/guideline/{}/crosswalk/"])
def test_the_crosswalk_costs_the_same_queries_however_many_mappings(
    client, guideline, path, django_assert_num_queries
):
    cache.clear()
    with django_assert_num_queries(QUERIES):
        assert client.get(path.format("2024-09")).status_code == 200

    draft = start_draft_from(edition=guideline, label="2026-01")
    reference = Reference.objects.get(edition=draft, key="iso-iec-27036")
    for statement in Statement.objects.filter(edition=draft):
        StatementReference.objects.create(
            edition=draft, statement=statement, reference=reference, locator="Part 1"
        )
    publish_edition(edition=draft)
    cache.clear()
    with django_assert_num_queries(QUERIES):
        assert client.get(path.format("2026-01")).status_code == 200


def test_the_schemes_of_the_classification_come_first(client, guideline):
    table = table_of(client.get("/en/guideline/2024-09/crosswalk/").content.decode())
    headers = re.findall(r'<th scope="col" class="crosswalk-framework"><a href="([^"]+)"', table)
    basis = {r.url for r in Reference.objects.filter(edition=guideline, alignment_basis=True)}
    assert set(headers[: len(basis)]) == basis
