"""A reader sees that the edition is a draft and follows a † to what it means."""

import os
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_reader_follows_a_mark_to_the_legend_on_a_statement_page(page, live_guideline):
    page.goto("/guideline/2024-09/statements/1-4/")
    expect(page.locator("#edition-kind")).to_contain_text("方向性資料（案）")
    expect(page.locator("#package-places")).to_contain_text("ミニマム要求パッケージ")

    page.locator(".provenance-mark a").first.click()
    expect(page).to_have_url(re.compile(r"#provenance-legend$"))
    legend = page.locator("#provenance-legend")
    expect(legend).to_be_in_viewport()
    expect(legend).to_contain_text("ポータルによる補足。検討会資料の本文ではありません。")
    if folder := os.environ.get("SCREENSHOT_DIR"):
        page.goto("/guideline/2024-09/statements/1-4/")
        page.screenshot(path=f"{folder}/statement.png", full_page=True)
        page.goto("/en/guideline/")
        page.screenshot(path=f"{folder}/guideline.png", full_page=True)
