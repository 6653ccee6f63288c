"""A framework's publisher reads in the page's language, like its title."""

import pytest


@pytest.mark.parametrize(
    "prefix,shown,hidden",
    [
        ("", "欧州連合（EU）", "European Union"),
        ("/en", "European Union", "欧州連合（EU）"),
    ],
)
def test_the_crosswalk_and_the_guideline_name_publishers_in_the_pages_language(
    client, guideline, prefix, shown, hidden
):
    for path in ("/guideline/2024-09/", "/guideline/2024-09/crosswalk/"):
        page = client.get(prefix + path).content.decode()
        assert shown in page and hidden not in page


def test_the_api_gives_both(client, guideline):
    references = client.get("/api/v1/guideline/2024-09/").json()["references"]
    cra = next(r for r in references if r["key"] == "eu-cra")
    assert cra["publisher"] == {"ja": "欧州連合（EU）", "en": "European Union"}
    assert all(r["publisher"]["ja"] and r["publisher"]["en"] for r in references)
