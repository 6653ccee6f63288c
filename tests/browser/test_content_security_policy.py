"""Every role walks its main pages under the enforced Content-Security-Policy and
the browser reports no violation and no console error or warning on any of them.

Each page records the policy's violation events into ``window.__csp`` from an
init script (it runs before any script of the page, and the policy does not
apply to it); console messages are collected alongside.
"""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from declarations.management.commands.seed_demo import DEMO_PASSWORD
from declarations.models import Declaration, DeclarationRequest, ReviewThread
from guidelines.models import Edition
from guidelines.services import publish_edition, start_draft_from
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


class PolicyWatch:
    """A page whose violations and console errors are checked after each step."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)

    def _console(self, message) -> None:
        # Chromium asks for /favicon.ico on pages without an icon link (the admin's).
        if message.location.get("url", "").endswith("/favicon.ico"):
            return
        if message.type in ("error", "warning"):
            self.console.append(f"{message.type}: {message.text} ({message.location})")

    def visit(self, path: str) -> None:
        response = self.page.goto(path)
        assert response is not None and response.status == 200, path
        self.check(path)

    def check(self, where: str) -> None:
        self.page.wait_for_load_state("load")
        violations = self.page.evaluate("window.__csp")
        assert violations == [], f"{where}: {violations}"
        assert self.console == [], f"{where}: {self.console}"


def signed_in(browser, live_server, email: str) -> PolicyWatch:
    page = browser.new_context(base_url=live_server.url, locale="ja-JP").new_page()
    page.set_default_timeout(10_000)
    watch = PolicyWatch(page)
    sign_in(page, email, DEMO_PASSWORD)
    watch.check(f"signing in as {email}")
    return watch


@pytest.fixture
def demo(live_guideline, portal_pki, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)  # tasks run eagerly: the PDFs are made here


def test_every_role_walks_its_pages_without_a_policy_violation(
    page, browser, live_server, demo, tmp_path
):
    issued = Declaration.objects.filter(status="published").order_by("pk")
    in_force, other = issued[0], issued[1]
    draft = Declaration.objects.filter(status="draft", product__name="デモ業務クラウド").get()
    ready = Declaration.objects.filter(status="draft").exclude(pk=draft.pk).get()
    thread = ReviewThread.objects.order_by("pk").first()
    declaration_request = DeclarationRequest.objects.order_by("pk").first()
    pdf = tmp_path / "declaration.pdf"
    pdf.write_bytes(in_force.pdf_file.read())

    # Anyone.
    anyone = PolicyWatch(page)
    for path in (
        "/",
        "/en/",
        "/guideline/",
        "/en/guideline/",
        "/registry/",
        f"/registry/{in_force.serial}/",
        f"/compare/?compare={in_force.serial}&compare={other.serial}",
        "/verify/",
        f"/verify/{in_force.serial}/",
        "/verify/certificate/",
        "/accounts/signup/",
    ):
        anyone.visit(path)
    anyone.visit("/verify/")
    page.get_by_label("宣言のPDF").set_input_files(pdf)
    page.get_by_role("button", name="PDF を検証する").click()
    expect(page.locator("#verdict")).to_have_attribute("data-outcome", "current")
    anyone.check("the verdict on an upload")
    anyone.visit("/api/v1/docs/")
    expect(page.locator(".opblock").first).to_be_visible()  # Swagger UI ran
    page.locator(".opblock-summary").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status").first).to_have_text(
        "200"
    )
    anyone.check("the API docs after trying an operation")

    # A vendor's editor drafts an answer.
    editor = signed_in(browser, live_server, "editor@demo.example")
    for path in (
        "/declarations/",
        f"/declarations/{draft.pk}/",
        "/products/",
        f"/products/{draft.product_id}/",
        "/requests/incoming/",
    ):
        editor.visit(path)
    editor.visit(f"/declarations/{draft.pk}/categories/1/")
    editor.page.locator(
        "section.statement-answer input[type=radio][value=conformant]"
    ).first.check()
    editor.page.locator("button[name=action][value=save]").click()
    expect(editor.page.locator(".alert-success")).to_be_visible()
    editor.check("the answer page after saving")
    editor.visit(f"/declarations/{draft.pk}/review/")
    editor.page.context.close()

    # A signatory reaches the attestation page of the complete draft.
    signatory = signed_in(browser, live_server, "signatory@demo.example")
    signatory.visit(f"/declarations/{ready.pk}/review/")
    signatory.visit(f"/declarations/{ready.pk}/attest/")
    signatory.page.context.close()

    # A procurer: requests, review threads, watching, comparing.
    procurer = signed_in(browser, live_server, "procurer@demo.example")
    for path in (
        "/registry/",
        f"/registry/{in_force.serial}/",
        "/requests/",
        f"/requests/{declaration_request.pk}/",
        "/requests/new/",
        "/threads/",
        f"/threads/{thread.pk}/",
        "/watching/",
        f"/compare/?compare={in_force.serial}&compare={other.serial}",
    ):
        procurer.visit(path)
    procurer.page.context.close()

    # A site admin: the admin's index, a list and change pages.
    admin = signed_in(browser, live_server, "admin@demo.example")
    edition = Edition.objects.get()
    for path in (
        "/admin/",
        "/admin/guidelines/edition/",
        f"/admin/guidelines/edition/{edition.pk}/change/",
        "/admin/portal/organization/",
        f"/admin/portal/organization/{in_force.organization_id}/change/",
        "/admin/portal/user/add/",
    ):
        admin.visit(path)
    admin.page.context.close()


def test_the_policy_blocks_a_script_put_into_the_page(page, live_server):
    """The walk above proves something only if violations are enforced and seen."""
    watch = PolicyWatch(page)
    watch.visit("/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = true;";
          document.body.append(script);
          document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>');
        }"""
    )
    page.wait_for_function("window.__csp.length >= 2")
    assert page.evaluate("window.__ran") is None
    violations = page.evaluate("window.__csp")
    assert any(v.startswith("script-src-elem blocked inline") for v in violations)
    assert any(v.startswith("style-src-attr blocked inline") for v in violations)


def test_the_edition_picker_goes_to_the_chosen_edition(page, live_guideline):
    """Its behaviour moved from an onsubmit attribute to static/js/navigate-select.js."""
    newer = publish_edition(
        edition=start_draft_from(edition=Edition.objects.get(), label="2099-01")
    )
    watch = PolicyWatch(page)
    watch.visit(f"/guideline/{newer.label}/")
    older = Edition.objects.exclude(pk=newer.pk).get()
    page.locator("#edition-select").select_option(value=f"/guideline/{older.label}/")
    page.get_by_role("button", name="表示").click()
    expect(page).to_have_url(f"/guideline/{older.label}/")
    watch.check("the older edition")
