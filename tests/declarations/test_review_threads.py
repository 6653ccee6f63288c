"""A procurer opens a thread on a statement, the vendor replies, the procurer resolves it."""

import pytest

from declarations.errors import DeclarationError
from declarations.models import ReviewMessage, ReviewThread
from declarations.services import reviews, withdraw_declaration
from portal.models import Organization
from tests.factories import MembershipFactory, UserFactory

from .reviews import open_thread, reply, statement

T = ReviewThread.State


def test_a_procurer_opens_a_thread_on_a_statement_through_the_page(client, pat, published):
    client.force_login(pat)
    url = f"/declarations/{published.pk}/threads/new/?statement=(2)-1"
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="(2)-1" selected' in page.content.decode()
    response = client.post(
        url,
        {
            "statement": "(2)-1",
            "kind": "clarification",
            "subject": "SBOM の形式",
            "body": "SBOM の形式を教えてください。",
            "links": "https://example.jp/sbom-guide\n",
        },
    )
    thread = ReviewThread.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/threads/{thread.pk}/"
    assert thread.statement.code == "(2)-1" and thread.kind == "clarification"
    assert thread.procurer == pat.memberships.get().organization and thread.is_open
    message = thread.messages.get()
    assert message.side == ReviewMessage.Side.PROCURER and message.author == pat
    assert message.links == ["https://example.jp/sbom-guide"]
    assert [(e.from_status, e.to_status) for e in thread.events.all()] == [("", T.OPEN)]


def test_a_thread_may_be_about_the_declaration_as_a_whole(client, pat, published):
    client.force_login(pat)
    client.post(
        f"/declarations/{published.pk}/threads/new/",
        {"statement": "", "kind": "finding", "subject": "全体", "body": "全体についての所見。"},
    )
    thread = ReviewThread.objects.get()
    assert thread.statement is None and thread.kind == "finding"


def test_the_vendor_replies_and_the_procurer_resolves_and_reopens(client, pat, alice, published):
    thread = open_thread(published, pat)
    client.force_login(alice)
    response = client.post(f"/threads/{thread.pk}/reply/", {"body": "含まれます。", "links": ""})
    message = thread.messages.last()
    assert response["Location"] == f"/threads/{thread.pk}/#message-{message.pk}"
    assert message.side == ReviewMessage.Side.VENDOR and message.author == alice

    client.force_login(pat)
    client.post(f"/threads/{thread.pk}/resolve/")
    thread.refresh_from_db()
    assert thread.state == T.RESOLVED
    page = client.get(f"/threads/{thread.pk}/").content.decode()
    assert 'id="reopen"' in page and 'id="reply-form"' not in page

    client.post(f"/threads/{thread.pk}/reopen/")
    thread.refresh_from_db()
    assert thread.state == T.OPEN
    moves = [(e.from_status, e.to_status, e.actor) for e in thread.events.all()]
    assert moves == [("", T.OPEN, pat), (T.OPEN, T.RESOLVED, pat), (T.RESOLVED, T.OPEN, pat)]


@pytest.mark.parametrize("who", ["alice", "sam", "ada", "vera", "root"])
def test_only_the_procurer_side_resolves_or_reopens(request, pat, published, who):
    thread = open_thread(published, pat)
    user = request.getfixturevalue(who)
    with pytest.raises(DeclarationError):
        reviews.resolve_thread(thread=thread, user=user)
    reviews.resolve_thread(thread=thread, user=pat)
    with pytest.raises(DeclarationError):
        reviews.reopen_thread(thread=thread, user=user)
    thread.refresh_from_db()
    assert thread.state == T.RESOLVED


def test_another_member_of_the_procurer_organization_may_resolve(pat, published):
    colleague = MembershipFactory(
        user=UserFactory(email="pam@buyer.test"),
        organization=pat.memberships.get().organization,
        role="admin",
    ).user
    thread = open_thread(published, pat)
    reviews.resolve_thread(thread=thread, user=colleague)
    thread.refresh_from_db()
    assert thread.state == T.RESOLVED


def test_resolving_twice_is_refused_with_a_message_not_an_error_page(client, pat, published):
    thread = open_thread(published, pat)
    reviews.resolve_thread(thread=thread, user=pat)
    client.force_login(pat)
    response = client.post(f"/threads/{thread.pk}/resolve/", follow=True)
    assert response.status_code == 200
    assert thread.events.count() == 2


def test_a_viewer_reads_but_does_not_reply(client, vera, pat, published):
    thread = open_thread(published, pat)
    client.force_login(vera)
    page = client.get(f"/threads/{thread.pk}/")
    assert page.status_code == 200 and "reply-form" not in page.content.decode()
    assert client.post(f"/threads/{thread.pk}/reply/", {"body": "x"}).status_code == 403
    with pytest.raises(DeclarationError):
        reply(thread, vera)


def test_site_staff_read_a_thread_but_write_nothing(client, root, pat, published):
    thread = open_thread(published, pat)
    client.force_login(root)
    page = client.get(f"/threads/{thread.pk}/")
    assert page.status_code == 200 and thread.subject in page.content.decode()
    with pytest.raises(DeclarationError):
        reply(thread, root)


def test_a_resolved_thread_takes_no_reply_until_reopened(pat, alice, published):
    thread = open_thread(published, pat)
    reviews.resolve_thread(thread=thread, user=pat)
    with pytest.raises(DeclarationError):
        reply(thread, alice)
    reviews.reopen_thread(thread=thread, user=pat)
    assert reply(thread, alice).side == ReviewMessage.Side.VENDOR


def test_vendors_do_not_open_threads(alice, sam, published):
    for user in (alice, sam):
        with pytest.raises(DeclarationError):
            open_thread(published, user)


def test_a_procurer_organization_awaiting_approval_opens_nothing(pat, published):
    Organization.objects.filter(memberships__user=pat).update(status="pending")
    pat._memberships_cache = None
    with pytest.raises(DeclarationError):
        open_thread(published, pat)


def test_threads_are_opened_only_on_a_declaration_in_force(client, pat, sam, published):
    reviews_before = ReviewThread.objects.count()
    withdraw_declaration(declaration=published, user=sam, reason="販売終了")
    published.refresh_from_db()
    with pytest.raises(DeclarationError):
        open_thread(published, pat)
    client.force_login(pat)
    response = client.get(f"/declarations/{published.pk}/threads/new/")
    assert response.status_code == 302
    assert ReviewThread.objects.count() == reviews_before


def test_a_statement_outside_the_package_is_refused(pat, published, standard):
    # (1)-1 is in Standard only; the published declaration follows Minimum.
    with pytest.raises(DeclarationError):
        open_thread(published, pat, code="(1)-1")
    assert statement(published, "(1)-1") is not None


def test_a_thread_carries_on_after_its_declaration_was_withdrawn(pat, alice, sam, published):
    thread = open_thread(published, pat)
    withdraw_declaration(declaration=published, user=sam, reason="販売終了")
    assert reply(thread, alice).thread == thread
    reviews.resolve_thread(thread=thread, user=pat)
