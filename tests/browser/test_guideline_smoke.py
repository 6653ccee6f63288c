"""A reader opens the guideline and switches languages."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_reader_opens_the_guideline_and_switches_to_english_and_back(page, live_guideline):
    page.goto("/guideline/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator("li.statement")).to_have_count(21)
    expect(page.get_by_text("設計時のリスク評価と対策の追跡").first).to_be_visible()

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/guideline/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Package matrix")).to_be_visible()

    page.get_by_role("link", name="日本語").click()
    expect(page).to_have_url(re.compile(r"/guideline/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", name="パッケージ対応表")).to_be_visible()
