"""The guideline's JSON API: the edition's content as its digest covers it, for any site."""

import rfc8785

from guidelines.services import compute_digest, serialize_edition


def test_the_api_serves_the_content_the_digest_is_computed_over(client, guideline):
    data = client.get("/api/v1/guideline/2024-09/").json()
    status, digest, published_at = (
        data.pop(k) for k in ("status", "content_digest", "published_at")
    )
    # Nothing the serializer does drops, adds or reshapes a field.
    assert data == serialize_edition(guideline)
    assert rfc8785.dumps(data) and digest == compute_digest(guideline) == guideline.content_digest
    assert status == "published" and published_at == guideline.published_at.isoformat()


def test_any_site_may_fetch_it_from_a_browser(client, guideline):
    for url in ("/api/v1/guideline/", "/api/v1/guideline/2024-09/"):
        response = client.get(url)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Content-Type"] == "application/json"


def test_an_unknown_edition_is_a_json_404(client, guideline):
    for label in ("1999-01", "not a label", "a/b", "%00"):
        response = client.get(f"/api/v1/guideline/{label}/")
        assert response.status_code == 404, label
        assert "detail" in response.json()


def test_only_reads_are_allowed(client, guideline):
    assert client.post("/api/v1/guideline/").status_code == 405
    assert client.head("/api/v1/guideline/").status_code == 200
