"""An editor answers a draft and anyone verifies a serial with the keyboard alone.

Tab and Shift+Tab move between controls, arrows and space choose a radio,
Enter sends the form. Every control that takes the focus on the way shows it
(an outline or a box-shadow, WCAG 2.4.7).
"""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from declarations.models import Answer, Declaration
from declarations.services import start_declaration
from guidelines.models import Package
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    name: element.getAttribute("name") || "",
    type: element.getAttribute("type") || "",
    value: element.value || "",
    checked: Boolean(element.checked),
    visible: outline || style.boxShadow !== "none",
  };
}"""


def press(page, key: str, *, sends: bool = False) -> dict:
    """Press a key and return what has the focus then; it must show that it has it.
    ``sends``: the key sends a form, so the next page is waited for."""
    if sends:
        with page.expect_navigation():
            page.keyboard.press(key)
    else:
        page.keyboard.press(key)
    focused = page.evaluate(FOCUSED)
    for _ in range(10):  # a date field's inner parts take the focus a moment later
        if focused["tag"] == "body" or focused["visible"]:
            return focused
        page.wait_for_timeout(50)
        focused = page.evaluate(FOCUSED)
    raise AssertionError(f"no visible focus after {key} on {focused}")


def tab_until(page, wanted, *, key: str = "Tab", limit: int = 150) -> dict:
    for _ in range(limit):
        focused = press(page, key)
        if wanted(focused):
            return focused
    raise AssertionError(f"{limit} presses of {key} never reached the control")


def test_an_editor_answers_a_category_with_the_keyboard_alone(
    page, live_guideline, alice, acme_product
):
    minimum = Package.objects.get(kind="minimum")
    draft = start_declaration(product=acme_product, package=minimum, user=alice)
    sign_in(page, alice.email)
    page.goto(f"/declarations/{draft.pk}/categories/1/")
    statuses = page.locator("section.statement-answer input[type=radio][value=conformant]")
    expect(statuses.first).to_be_attached()
    names = [statuses.nth(i).get_attribute("name") for i in range(statuses.count())]
    assert names

    # The first Tab reaches the skip link, which shows itself.
    first = press(page, "Tab")
    assert first["tag"] == "a"

    for index, name in enumerate(names):
        focused = tab_until(page, lambda f, name=name: f["name"] == name)
        if index == 0:
            # Arrows move within the group and choose as they go; Shift+Tab leaves it.
            chosen = press(page, "ArrowDown")
            assert chosen["name"] == name and chosen["checked"]
            assert press(page, "ArrowUp")["value"] == focused["value"]
            assert press(page, "Shift+Tab")["name"] != name
            focused = press(page, "Tab")
            assert focused["name"] == name
        if focused["value"] != "conformant":
            focused = tab_until(
                page, lambda f: f["value"] == "conformant", key="ArrowDown", limit=5
            )
        press(page, "Space")
        assert page.evaluate(FOCUSED)["checked"]

    tab_until(page, lambda f: f["tag"] == "button" and f["value"] == "save")
    press(page, "Enter", sends=True)

    saved = Answer.objects.filter(declaration=draft, statement__category__number=1)
    assert saved.filter(status="conformant").count() == len(names)


@pytest.fixture
def published_serial(live_guideline, portal_pki, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)
    return Declaration.objects.filter(serial__startswith="JPD-").order_by("pk").first().serial


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_anyone_verifies_a_serial_with_the_keyboard_alone(page, published_serial, prefix):
    page.goto(f"{prefix}/verify/")
    tab_until(page, lambda f: f["id"] == "id_serial")
    page.keyboard.type(published_serial)
    press(page, "Enter", sends=True)
    page.wait_for_url(f"**/verify/{published_serial}/")
    expect(page.locator("#verdict")).to_be_visible()
    # From the verdict the keyboard goes on: the first Tab still shows where it is.
    assert press(page, "Tab")["tag"] == "a"


def test_a_form_sent_back_with_errors_puts_the_focus_on_its_summary(page, live_guideline):
    page.goto("/accounts/signup/")
    # Past the navigation bar's language button, to the form's own.
    tab_until(page, lambda f: f["type"] == "submit" and f["name"] != "language")
    press(page, "Enter", sends=True)
    expect(page.locator("#error-summary")).to_be_focused()
    assert page.evaluate(FOCUSED)["visible"]
    # Its first link takes the focus to the field it names.
    link = press(page, "Tab")
    assert link["tag"] == "a"
    field = press(page, "Enter")
    assert field["tag"] == "input" and field["id"] == "id_email"
