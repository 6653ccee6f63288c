"""On a phone (390×844) the pages that list things stay readable: every table cell is at
least as wide as the widest piece of its text that cannot wrap — a Latin word, a
number, a serial, a date, a package name, a badge — and progress bars keep their
width. The tables scroll sideways instead, their first column held in place."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from declarations.management.commands.seed_demo import DEMO_PASSWORD
from declarations.models import Declaration
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

MEASURE = (Path(__file__).parent / "narrow_tables.js").read_text()
PACKAGE_NAMES = ["ミニマム", "スタンダード", "Minimum", "Standard"]


@pytest.fixture
def demo(transactional_db, portal_pki, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="ja-JP", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def assert_cells_fit(page, url):
    page.goto(url)
    page.wait_for_load_state("load")
    result = page.evaluate(MEASURE, PACKAGE_NAMES)
    assert result["cells"] > 0, f"no table on {url}"
    assert result["problems"] == [], f"{url}: {result['problems']}"
    # The page itself never scrolls sideways: only a table's own frame does.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_lists_registry_and_comparison_fit_a_phone(demo, phone, prefix):
    serials = list(
        Declaration.objects.filter(status="published").values_list("serial", flat=True)[:2]
    )
    assert len(serials) == 2
    compare = f"{prefix}/compare/?compare={serials[0]}&compare={serials[1]}"

    assert_cells_fit(phone, f"{prefix}/registry/")
    assert_cells_fit(phone, compare)

    sign_in(phone, "procurer@demo.example", DEMO_PASSWORD, prefix=prefix)
    assert_cells_fit(phone, f"{prefix}/requests/")
    phone.context.clear_cookies()

    sign_in(phone, "vendor-admin@demo.example", DEMO_PASSWORD, prefix=prefix)
    assert_cells_fit(phone, f"{prefix}/declarations/")
    assert_cells_fit(phone, f"{prefix}/requests/incoming/")
