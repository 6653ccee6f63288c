"""On a phone-sized screen the crosswalk scrolls sideways inside its own region,
and the statement column stays where it is."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_statement_column_stays_in_view_while_the_crosswalk_scrolls(page, live_guideline):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/en/guideline/2024-09/crosswalk/")
    region = page.locator(".crosswalk-scroll")
    expect(page.locator("#row-1-2 th")).to_be_visible()
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    before = page.locator("#row-1-2 th").bounding_box()
    region.evaluate("el => { el.scrollLeft = 600; }")
    page.wait_for_function("document.querySelector('.crosswalk-scroll').scrollLeft > 0")
    after = page.locator("#row-1-2 th").bounding_box()
    assert before and after and abs(before["x"] - after["x"]) < 1
    # The cells did move under it.
    assert page.locator("#row-1-2 td").first.bounding_box()["x"] < before["x"] + before["width"]
