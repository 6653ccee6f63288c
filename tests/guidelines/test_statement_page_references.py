"""A statement page shows each correspondence in the page's language, linked, with who
states it; and, next to the classification, why a partial one does not change it."""

from guidelines.models import StatementReference


def references_table(html: str) -> str:
    start = html.index('id="statement-references"')
    return html[start : html.index("</table>", start)]


def test_locators_are_in_japanese_on_japanese_pages(client, guideline):
    table = references_table(client.get("/guideline/2024-09/statements/1-3/").content.decode())
    assert "附属書I第II部(3)" in table and "項目4(a)" in table
    assert "Annex I Part II (3)" not in table


def test_locators_are_in_english_on_english_pages(client, guideline):
    table = references_table(client.get("/en/guideline/2024-09/statements/1-3/").content.decode())
    assert "Annex I Part II (3)" in table and "附属書" not in table


def test_a_deep_link_is_the_locators_link(client, guideline):
    link = StatementReference.objects.get(
        edition=guideline, statement__code="(2)-1", reference__key="iso-iec-27036"
    )
    table = references_table(client.get("/en/guideline/2024-09/statements/2-1/").content.decode())
    assert f'<a href="{link.url}" rel="noopener">{link.locator_en}</a>' in table


def test_each_row_says_whether_the_seed_or_the_portal_states_it(client, guideline):
    table = references_table(client.get("/en/guideline/2024-09/statements/1-3/").content.decode())
    links = StatementReference.objects.filter(edition=guideline, statement__code="(1)-3")
    assert table.count("seed p. 22") == links.filter(source="seed").count() > 0
    assert table.count("Derived by the portal") == links.filter(source="portal").count() > 0


def test_the_classification_of_5_1_comes_with_its_explanation(client, guideline):
    for path, words in [
        ("/en/guideline/2024-09/statements/5-1/", "do not change the classification"),
        ("/guideline/2024-09/statements/5-1/", "分類は変えない"),
    ]:
        html = client.get(path).content.decode()
        badges = html.index("badge-axis")
        note = html.index('class="small alignment-note"')
        assert badges < note < html.index('id="statement-references"')
        assert words in html[note : html.index("</p>", note)]
        assert html.count('class="small alignment-note"') == 1  # the same note, said once


def test_a_statement_without_a_partial_mapping_has_no_explanation(client, guideline):
    html = client.get("/en/guideline/2024-09/statements/1-2/").content.decode()
    assert "alignment-note" not in html
