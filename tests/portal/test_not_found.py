"""A URL that leads nowhere: JSON under /api/, where clients read JSON; a page elsewhere."""

import pytest


@pytest.mark.parametrize(
    "url", ["/api/v1/nothing/", "/api/v1/guideline/not%20a%20label/", "/api/v1/guideline/a/b/"]
)
def test_a_mistyped_api_url_is_a_json_404(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json" and response.json()["detail"]


def test_a_mistyped_page_url_is_still_a_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
