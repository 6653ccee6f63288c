"""The OpenAPI schema says what the public gets of each answer, and what only readers get."""

import json


def _components(client) -> dict:
    response = client.get("/api/v1/schema/", {"format": "json"})
    return json.loads(response.content)["components"]["schemas"]


def test_each_statement_carries_its_public_statement_in_both_languages(client):
    statement = _components(client)["StatementStatus"]
    assert "public_statement" in statement["required"]
    field = statement["properties"]["public_statement"]
    assert field["allOf"] == [{"$ref": "#/components/schemas/Bilingual"}]
    assert "500 characters" in field["description"]


def test_the_schema_says_the_record_is_omitted_for_the_public(client):
    record = _components(client)["DeclarationSummary"]["properties"]["record"]
    assert "Omitted for everyone else" in record["description"]
    assert "approved procurer organizations" in record["description"]


def test_the_records_answers_mark_what_is_never_public_and_the_optional_statement(client):
    answer = _components(client)["RecordAnswer"]
    for private in ("explanation", "evidence", "remediation"):
        assert "never shown to the public" in answer["properties"][private]["description"]
    # Records signed under schema /1 have no public statement.
    assert "public_statement" in answer["properties"]
    assert "public_statement" not in answer["required"]
