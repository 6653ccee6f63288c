"""Every page each role reaches passes axe-core's WCAG 2.2 A and AA rules, in both languages.

For each role the crawl starts where the role lands (the home page, or where
signing in leads) and follows the links that stay on the site, one URL per URL
pattern, so pages added later are checked without a line here. Pages no link
leads to — the login and sign-up forms, a 404, a verification verdict, a form
showing its errors, the comparison, the drafting pages, the attestation — are
opened by hand.
"""

import pytest
from django.core.management import call_command

from declarations.management.commands.seed_demo import DEMO_PASSWORD
from declarations.models import Declaration
from tests.browser.accessibility import Audit
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

ROLES = {
    "anonymous": None,
    "vendor editor": "editor@demo.example",
    "vendor signatory": "signatory@demo.example",
    "procurer": "procurer@demo.example",
    "site staff": "admin@demo.example",
}
LANGUAGES = {"ja": "", "en": "/en"}


@pytest.fixture
def demo(live_guideline, portal_pki, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)


def submit_empty(page, audit: Audit, path: str, label: str) -> None:
    """Send a form with nothing filled in, and check the page that shows its errors."""
    page.goto(path)
    page.locator("main form[method=post] [type=submit]").last.click()
    page.wait_for_load_state()
    audit.check(page, label)


def check_unlinked_pages(page, audit: Audit, role: str) -> None:
    prefix = audit.prefix
    published = Declaration.objects.filter(serial__startswith="JPD-").order_by("pk").first()
    audit.open_and_check(page, f"{prefix}/no-such-page/", "404")
    # The verification verdicts: a declaration in force and an unknown serial.
    for serial, label in ((published.serial, "verdict"), ("JPD-0000-0000-0000", "unknown")):
        page.goto(f"{prefix}/verify/")
        page.locator("#id_serial").fill(serial)
        page.locator("#id_serial").press("Enter")
        page.wait_for_load_state()
        audit.check(page, f"verify ({label})")
    # The comparison opens from the registry's GET form, not from a link.
    two = Declaration.objects.filter(serial__startswith="JPD-").order_by("pk")[:2]
    query = "&".join(f"compare={declaration.serial}" for declaration in two)
    audit.open_and_check(page, f"{prefix}/compare/?{query}", "compare")
    if role == "anonymous":
        audit.open_and_check(page, f"{prefix}/accounts/login/", "login")
        audit.open_and_check(page, f"{prefix}/accounts/signup/", "signup")
        submit_empty(page, audit, f"{prefix}/accounts/login/", "login (errors)")
        submit_empty(page, audit, f"{prefix}/accounts/signup/", "signup (errors)")
        submit_empty(page, audit, f"{prefix}/verify/", "verify (errors)")
    if role in ("vendor editor", "vendor signatory"):
        draft = Declaration.objects.get(product__name__contains="ファームウェア")
        numbers = sorted(set(draft.package.statements.values_list("category__number", flat=True)))
        for number in numbers:
            audit.open_and_check(
                page,
                f"{prefix}/declarations/{draft.pk}/categories/{number}/",
                f"answers, category {number}",
            )
        audit.open_and_check(page, f"{prefix}/declarations/{draft.pk}/review/", "review")
    if role == "vendor editor":
        submit_empty(page, audit, f"{prefix}/products/new/", "product (errors)")
    if role == "vendor signatory":
        audit.open_and_check(page, f"{prefix}/declarations/{draft.pk}/attest/", "attest")
        submit_empty(page, audit, f"{prefix}/declarations/{draft.pk}/attest/", "attest (errors)")
    if role == "procurer":
        submit_empty(page, audit, f"{prefix}/requests/new/", "request (errors)")
    if role == "site staff":
        submit_empty(page, audit, f"{prefix}/accounts/password_change/", "password (errors)")


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_has_no_wcag_aa_violation(browser, live_server, demo, role):
    problems = []
    for language, prefix in LANGUAGES.items():
        # A fresh browser context per language: its own session and language.
        context = browser.new_context(base_url=live_server.url, locale="ja-JP")
        page = context.new_page()
        page.set_default_timeout(10_000)
        audit = Audit(origin=live_server.url, prefix=prefix)
        start = [f"{prefix}/"]
        if ROLES[role]:
            sign_in(page, ROLES[role], DEMO_PASSWORD, prefix=prefix)
            start.insert(0, page.url.removeprefix(live_server.url))
        audit.crawl(page, start)
        check_unlinked_pages(page, audit, role)
        context.close()

        print(f"{role} ({language}): {len(audit.checked)} pages checked")
        for label, url in sorted(audit.checked.items()):
            print(f"  {label}: {url}")
        assert len(audit.checked) >= 8, audit.checked
        problems += audit.problems
    assert not problems, f"{len(problems)} accessibility violations:\n\n" + "\n\n".join(problems)
