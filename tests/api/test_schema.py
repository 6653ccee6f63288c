"""The OpenAPI schema documents every endpoint, without a warning, and says what is served."""

import json

from django.contrib.staticfiles import finders
from django.core.management import call_command

from declarations.api.serializers import RecordSerializer


def test_the_schema_is_valid_and_made_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )


def test_the_schema_lists_every_endpoint(client):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = json.loads(response.content)["paths"]
    for path in (
        "/api/v1/declarations/",
        "/api/v1/declarations/{serial}/",
        "/api/v1/guideline/",
        "/api/v1/guideline/{label}/",
    ):
        assert set(paths[path]) == {"get"}, path


def test_the_docs_page_loads_swagger_ui_from_this_site(client):
    response = client.get("/api/v1/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    # The schema's URL is in the setup script, served apart for the CSP.
    assert "/api/v1/schema/" in client.get("/api/v1/docs/?script=").content.decode()
    script = "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"
    assert f"/static/{script}" in html and finders.find(script)
    assert "cdn." not in html


def test_the_record_serializer_names_every_key_of_a_signed_record(declaration):
    # The record is served as signed; its documentation must not miss a key.
    record = json.loads(declaration.canonical_json)
    assert RecordSerializer(record).data == record
