"""The guideline pages and JSON, in Japanese and English."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidelines.services import start_draft_from


def test_the_guideline_page_lists_all_21_statements_in_japanese(client, guideline):
    response = client.get("/guideline/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="list-group-item statement"') == 21
    assert "設計時のリスク評価と対策の追跡" in html
    assert "ミニマム要求パッケージ" in html and 'lang="ja"' in html


def test_the_guideline_page_in_english(client, guideline):
    response = client.get("/en/guideline/")
    html = response.content.decode()
    assert response.status_code == 200 and 'lang="en"' in html
    assert "Design-time risk assessment" in html and "Minimum package" in html


def test_the_package_matrix_marks_13_minimum_and_19_standard(client, guideline):
    html = client.get("/en/guideline/").content.decode()
    matrix = html[html.index('id="package-matrix"') : html.index("</table>")]
    assert matrix.count("in-package") == 13 + 19


def test_a_statement_page_shows_its_classification_and_references(client, guideline):
    response = client.get("/en/guideline/2024-09/statements/1-2/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Secure build" in html and "PW.5.1" in html and "Minimum package" in html


def test_unknown_editions_and_statements_are_404(client, guideline):
    assert client.get("/guideline/1999-01/").status_code == 404
    assert client.get("/guideline/2024-09/statements/9-9/").status_code == 404


def test_draft_editions_are_not_public(client, guideline):
    start_draft_from(edition=guideline, label="2026-01")
    assert client.get("/guideline/2026-01/").status_code == 404
    assert client.get("/api/v1/guideline/2026-01/").status_code == 404


def test_the_api_lists_21_codes_with_the_seed_titles_and_packages(client, guideline):
    data = client.get("/api/v1/guideline/").json()
    assert data["edition"] == "2024-09" and data["content_digest"] == guideline.content_digest
    statements = [s for c in data["categories"] for s in c["statements"]]
    assert [s["code"] for s in statements][:2] == ["(1)-1", "(1)-2"]
    assert len(statements) == 21
    assert statements[0]["title"] == {
        "ja": "設計時のリスク評価と対策の追跡",
        "en": statements[0]["title"]["en"],
    }
    assert sum("minimum" in s["packages"] for s in statements) == 13
    assert sum("standard" in s["packages"] for s in statements) == 19


def test_the_api_serves_a_named_edition(client, guideline):
    assert client.get("/api/v1/guideline/2024-09/").json()["edition"] == "2024-09"


@pytest.mark.parametrize("url", ["/guideline/", "/api/v1/guideline/"])
def test_guideline_reads_use_a_fixed_number_of_queries(client, guideline, url):
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) <= 12
