"""The API's "not found" is in the client's language, as its other messages are."""


def test_an_unknown_edition_is_not_found_in_japanese(client, guideline):
    response = client.get("/api/v1/guideline/2099-01/", HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 404
    assert response.json()["detail"] == "公開されたガイドライン版が見つかりません。"


def test_and_in_english(client, guideline):
    response = client.get("/api/v1/guideline/2099-01/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "No such published guideline edition."
