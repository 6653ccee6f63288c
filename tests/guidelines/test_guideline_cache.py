"""The guideline's pages and JSON are cached under the published editions' digests:
no query, no rendering; retiring or publishing an edition shows at once."""

import pytest
from django.test import Client

from guidelines.services import publish_edition, retire_edition, start_draft_from

PATHS = ["/guideline/", "/en/guideline/", "/api/v1/guideline/", "/api/v1/guideline/{label}/"]


@pytest.mark.parametrize("path", PATHS)
def test_a_second_visit_costs_no_query(client, guideline, path, django_assert_num_queries):
    path = path.format(label=guideline.label)
    first = client.get(path)
    with django_assert_num_queries(0):
        second = Client().get(path)
    assert first.status_code == second.status_code == 200
    assert first.content.replace(b" ", b"")[:200] == second.content.replace(b" ", b"")[:200]


@pytest.mark.parametrize("path", PATHS)
def test_an_unchanged_guideline_answers_304(client, guideline, path):
    path = path.format(label=guideline.label)
    etag = client.get(path)["ETag"]
    assert client.get(path, headers={"if-none-match": etag}).status_code == 304


def test_the_json_may_be_kept_by_anyone_for_five_minutes(client, guideline):
    response = client.get("/api/v1/guideline/")
    assert response["Cache-Control"] == "max-age=300, public"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.get("Vary", "").startswith(",")


def test_publishing_an_edition_shows_at_once(client, guideline):
    assert client.get("/guideline/").status_code == 200
    draft = start_draft_from(edition=guideline, label="2030-01")
    publish_edition(edition=draft)
    assert client.get("/api/v1/guideline/").json()["edition"] == "2030-01"
    assert "2030-01" in client.get("/guideline/").content.decode()


def test_retiring_the_edition_shows_at_once(client, guideline):
    assert client.get("/api/v1/guideline/").status_code == 200
    assert client.get("/api/v1/guideline/").status_code == 200
    retire_edition(edition=guideline)
    assert client.get("/api/v1/guideline/").status_code == 404
    assert client.get("/guideline/").status_code == 404
    edition = client.get(f"/api/v1/guideline/{guideline.label}/").json()
    assert edition["status"] == "retired"
