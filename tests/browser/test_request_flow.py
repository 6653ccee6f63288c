"""The whole procurement case: Pat requests a Standard declaration from Acme; Ada
accepts and starts the draft from it; Pat follows the progress as a count only;
Sam attests; Pat finds the request fulfilled with the serial, opens a thread on
statement (2)-1, Ada replies, and Pat resolves it."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from declarations.models import Answer, Declaration, DeclarationRequest
from tests.browser.conftest import give_authenticator, sign_in
from tests.conftest import ANSWER_TEXT, PASSWORD, answer_everything

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(live_guideline, portal_pki, settings, tmp_path, acme_product, ada, sam, pat):
    settings.MEDIA_ROOT = tmp_path / "media"
    give_authenticator(sam)  # Sam attests: that takes a second factor
    return acme_product


def _switch(page, email):
    page.context.clear_cookies()
    sign_in(page, email)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_a_request_is_answered_drafted_attested_fulfilled_and_questioned(page, cast):
    product = cast
    acme = product.organization

    # Pat asks Acme for a Standard declaration.
    _switch(page, "pat@buyer.test")
    page.locator("#nav-requests").click()
    expect(page.locator("#empty-state")).to_be_visible()
    page.locator("#new-request").click()
    page.fill('input[name="corporate_number"]', acme.corporate_number)
    page.fill('input[name="product_description"]', "Acme Cloud 3.2")
    page.check('input[name="package_kind"][value="standard"]')
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    page.fill('input[name="deadline"]', deadline.isoformat())
    page.fill('input[name="reference"]', "PA-2026-001")
    page.locator('button[name="action"]').click()
    expect(page.locator("#request-status")).to_contain_text("依頼中")
    expect(page.locator("#request-reference")).to_have_text("PA-2026-001")
    made = DeclarationRequest.objects.get()

    # Ada accepts it and starts the draft for Acme Cloud in one step.
    _switch(page, "ada@acme.test")
    page.locator("#nav-requests-incoming").click()
    page.locator(f"#request-{made.pk} a").click()
    page.locator("#accept-request").click()
    expect(page.locator("#request-status")).to_contain_text("承諾")
    page.locator("#start-draft").click()
    page.select_option('select[name="product"]', str(product.pk))
    page.locator("#start-submit").click()
    page.wait_for_url("**/declarations/*/")
    made.refresh_from_db()
    draft = made.declaration
    assert draft.is_draft and draft.package.kind == "standard"
    assert page.url.endswith(f"/declarations/{draft.pk}/")

    # Four statements answered: Pat sees 4/19, and no answer.
    four = Answer.objects.filter(declaration=draft, statement__packages=draft.package)[:4]
    Answer.objects.filter(pk__in=[a.pk for a in four]).update(
        status="conformant", explanation=ANSWER_TEXT
    )
    _switch(page, "pat@buyer.test")
    page.goto(f"/requests/{made.pk}/")
    expect(page.locator("#request-status")).to_contain_text("作成中")
    expect(page.locator("#request-answered")).to_have_text("4/19")
    expect(page.get_by_text(ANSWER_TEXT)).to_have_count(0)
    expect(page.locator(f'a[href="/declarations/{draft.pk}/"]')).to_have_count(0)

    # The draft is completed, and Sam attests it on the page.
    answer_everything(draft)
    _switch(page, "sam@acme.test")
    page.goto(f"/declarations/{draft.pk}/attest/")
    page.fill('input[name="signatory_name"]', "署名 三郎")
    page.fill('input[name="signatory_title"]', "代表取締役")
    page.check('input[name="confirm"]')
    page.fill('input[name="password"]', PASSWORD)
    page.locator('button[name="attest"]').click()
    expect(page.locator("#serial")).to_contain_text("JPD-")
    serial = Declaration.objects.get(pk=draft.pk).serial

    # Pat's request is fulfilled, the serial linked to the registry.
    _switch(page, "pat@buyer.test")
    page.locator("#nav-requests").click()
    page.locator('#request-filters a[data-filter="fulfilled"]').click()
    expect(page.locator(f"#request-{made.pk}")).to_contain_text(serial)
    page.goto(f"/requests/{made.pk}/")
    expect(page.locator("#request-status")).to_contain_text("充足")
    page.locator("#fulfilled-serial").click()
    page.wait_for_url(f"**/registry/{serial}/")
    expect(page.locator("#declaration-facts")).to_contain_text("Acme Cloud")

    # Pat questions statement (2)-1 of the new declaration.
    page.goto(f"/declarations/{draft.pk}/")
    page.locator("#answer-threads-2-1").get_by_role("link", name="質問する").click()
    expect(page.get_by_label("対象")).to_have_value("(2)-1")
    page.get_by_label("質問").check()
    page.get_by_label("件名").fill("部品の調達基準")
    page.get_by_label("メッセージ").fill("第三者コンポーネントの選定基準を教えてください。")
    page.get_by_role("button", name="スレッドを開始する").click()
    expect(page.locator("[data-thread-state]")).to_have_text("未解決")
    thread_url = page.url
    page.goto("/requests/")
    expect(page.locator(f'#request-{made.pk} td[data-open-threads="1"]')).to_be_visible()

    # Ada, for Acme, replies.
    _switch(page, "ada@acme.test")
    page.goto(thread_url)
    page.get_by_role("textbox", name="メッセージ").fill("脆弱性情報と保守状況で選定しています。")
    page.get_by_role("button", name="送信").click()
    expect(page.locator("#messages > li")).to_have_count(2)

    # Pat reads the reply and resolves the thread.
    _switch(page, "pat@buyer.test")
    page.goto(thread_url)
    expect(page.locator("#messages")).to_contain_text("脆弱性情報と保守状況")
    page.get_by_role("button", name="解決済みにする").click()
    expect(page.locator("[data-thread-state]")).to_have_text("解決済み")
    page.goto("/requests/")
    expect(page.locator(f'#request-{made.pk} td[data-open-threads="0"]')).to_be_visible()
