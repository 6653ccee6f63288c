"""A procurer completes their organization's self-check against the customer category —
(6)-1 and (6)-2 — and finds it beside the declaration they requested, so that both
halves of the guideline's responsibilities meet on one page."""

import datetime

import pytest
from playwright.sync_api import expect

from declarations.models import DeclarationRequest, SelfCheckAnswer
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def requested(live_guideline, published, settings, tmp_path, pat, buyer_org):
    settings.MEDIA_ROOT = tmp_path / "media"
    return DeclarationRequest.objects.create(
        procurer=buyer_org,
        vendor=published.organization,
        corporate_number=published.organization.corporate_number,
        product=published.product,
        package_kind="minimum",
        deadline=datetime.date.today() + datetime.timedelta(days=30),
        declaration=published,
        status=DeclarationRequest.Status.FULFILLED,
        requested_by=pat,
    )


def test_a_procurer_completes_the_self_check_and_sees_it_beside_a_requested_declaration(
    page, live_server, requested, pat
):
    target = datetime.date.today() + datetime.timedelta(days=120)
    sign_in(page, pat.email)
    page.goto(f"/requests/{requested.pk}/")
    beside = page.locator("#self-check-beside")
    expect(beside.locator('[data-code="(6)-1"]')).to_contain_text("未実施")
    beside.locator("#self-check-link").click()

    expect(page.locator("#private-note")).to_be_visible()
    # A gap needs its plan and date, as a vendor's does: the page says so and keeps the text.
    page.check('input[name="s6-1-status"][value="partial"]')
    page.fill('textarea[name="s6-1-explanation"]', "調達仕様書にSBOM提出の条項がない。")
    page.check('input[name="s6-2-status"][value="conformant"]')
    page.locator('button[name="action"][value="save"]').click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator('textarea[name="s6-1-explanation"]')).to_have_value(
        "調達仕様書にSBOM提出の条項がない。"
    )
    page.fill('textarea[name="s6-1-remediation_plan"]', "次年度の仕様書雛形に条項を追加する。")
    page.fill('input[name="s6-1-target_date"]', target.isoformat())
    page.locator('button[name="action"][value="save"]').click()
    expect(page.locator("#self-check-progress")).to_contain_text("2")
    assert SelfCheckAnswer.objects.filter(status__in=["partial", "conformant"]).count() == 2

    # Beside the declaration they requested: the vendor's half and their own.
    page.goto(f"/declarations/{requested.declaration_id}/")
    beside = page.locator("#self-check-beside")
    expect(beside.locator('[data-code="(6)-1"]')).to_contain_text("一部適合")
    expect(beside.locator('[data-code="(6)-1"]')).to_contain_text(target.isoformat()[:4])
    expect(beside.locator('[data-code="(6)-2"]')).to_contain_text("適合")
    page.goto(f"/requests/{requested.pk}/")
    expect(page.locator('#self-check-beside [data-code="(6)-1"]')).to_contain_text("一部適合")
