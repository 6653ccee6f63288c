"""A signatory attests the demo draft, watches the PDF become ready, and downloads it."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from declarations.documents.signing import verify_pdf
from declarations.management.commands.seed_demo import DEMO_PASSWORD
from declarations.models import Declaration
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(live_guideline, portal_pki, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)


def test_a_signatory_attests_the_demo_draft_and_downloads_the_signed_pdf(page, demo, tmp_path):
    draft = Declaration.objects.get(product__name__contains="ファームウェア")
    sign_in(page, "signatory@demo.example", DEMO_PASSWORD)

    page.goto(f"/declarations/{draft.pk}/review/")
    expect(page.locator("#ready-for-attestation")).to_be_visible()
    page.locator("#attest-link").click()

    expect(page.get_by_text("虚偽の宣言")).to_be_visible()  # the legal statement, in full
    page.fill('input[name="signatory_name"]', "署名 太郎")
    page.fill('input[name="signatory_title"]', "代表取締役社長")
    page.check('input[name="confirm"]')
    page.fill('input[name="password"]', DEMO_PASSWORD)
    page.locator('button[name="attest"]').click()

    expect(page.locator("#serial")).to_contain_text("JPD-")
    download_link = page.locator("#pdf-download")
    expect(download_link).to_be_visible(timeout=60_000)
    # Made at once (no broker: tasks run eagerly on commit), and the message says so.
    expect(page.locator(".alert-success")).to_contain_text("署名付き PDF の準備ができています")
    with page.expect_download() as info:
        download_link.click()
    path = tmp_path / "downloaded.pdf"
    info.value.save_as(path)

    check = verify_pdf(path.read_bytes())
    assert check.ok and check.trusted and check.covers_whole_file


def test_a_wrong_password_keeps_the_draft_a_draft(page, demo):
    draft = Declaration.objects.get(product__name__contains="ファームウェア")
    sign_in(page, "signatory@demo.example", DEMO_PASSWORD)
    page.goto(f"/declarations/{draft.pk}/attest/")
    page.fill('input[name="signatory_name"]', "署名 太郎")
    page.fill('input[name="signatory_title"]', "代表取締役社長")
    page.check('input[name="confirm"]')
    page.fill('input[name="password"]', "not-the-password")
    page.locator('button[name="attest"]').click()
    expect(page.locator(".alert-danger, .invalid-feedback, .alert-block").first).to_be_visible()
    draft.refresh_from_db()
    assert draft.is_draft


def test_the_declaration_page_shows_the_pdf_becoming_ready_without_a_reload(
    page, demo, eager_celery, settings
):
    from declarations import tasks
    from tests.conftest import attest, broker_down

    draft = Declaration.objects.get(product__name__contains="ファームウェア")
    signatory = draft.organization.memberships.get(role="signatory").user
    with broker_down(eager_celery, settings):  # so that the PDF stays pending
        published = attest(draft, signatory, password=DEMO_PASSWORD)
    published.refresh_from_db()
    assert published.pdf_state == Declaration.PdfState.PENDING

    sign_in(page, "signatory@demo.example", DEMO_PASSWORD)
    page.goto(f"/declarations/{published.pk}/")
    expect(page.locator("#pdf-status")).to_have_attribute("data-state", "pending")
    tasks.generate_pdf.delay(published.pk)  # the worker finishes while the page is open
    expect(page.locator("#pdf-download")).to_be_visible(timeout=30_000)
