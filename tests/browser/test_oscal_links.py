"""A compliance officer takes the guideline's OSCAL files from the guideline page."""

import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_guideline_page_offers_the_oscal_catalog_and_profiles(page, live_guideline):
    page.goto("/en/guideline/2024-09/")
    link = page.get_by_role("link", name="Minimum profile")
    expect(link).to_be_visible()
    with page.expect_response(lambda r: "/oscal/profiles/minimum.json" in r.url) as response:
        link.click()
    profile = json.loads(response.value.body())["profile"]
    assert len(profile["imports"][0]["include-controls"][0]["with-ids"]) == 13
    assert profile["metadata"]["title"].startswith("Minimum")
