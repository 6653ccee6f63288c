"""The lifecycle: one table of moves, each recorded as an event with who, when and why."""

import pytest
from django.urls import reverse

from declarations import services
from declarations.errors import DeclarationError
from declarations.models import Declaration
from declarations.services import start_declaration
from tests.conftest import answer_everything, attest, login_verified

S = Declaration.Status


def test_every_move_not_in_the_table_is_refused(published):
    for to in (S.DRAFT, S.PUBLISHED):
        with pytest.raises(DeclarationError):
            services.transition(published, to=to)


def test_withdrawal_needs_a_reason_and_is_recorded(published, sam, mailoutbox):
    with pytest.raises(DeclarationError):
        services.withdraw_declaration(declaration=published, user=sam, reason=" ")
    withdrawn = services.withdraw_declaration(
        declaration=published, user=sam, reason="製品の提供を終了したため"
    )
    event = withdrawn.events.last()
    assert (event.from_status, event.to_status, event.actor, event.reason) == (
        "published",
        "withdrawn",
        sam,
        "製品の提供を終了したため",
    )


def test_a_withdrawn_declaration_cannot_be_withdrawn_again(published, sam):
    services.withdraw_declaration(declaration=published, user=sam, reason="x")
    with pytest.raises(DeclarationError):
        services.withdraw_declaration(declaration=published, user=sam, reason="y")


def test_only_site_admins_revoke(published, sam, root):
    with pytest.raises(DeclarationError):
        services.revoke_declaration(declaration=published, user=sam, reason="x")
    revoked = services.revoke_declaration(declaration=published, user=root, reason="虚偽の回答")
    assert revoked.status == S.REVOKED and revoked.events.last().actor == root


def test_a_new_declaration_for_the_product_supersedes_the_old_one(published, sam, alice, minimum):
    draft = start_declaration(product=published.product, package=minimum, user=alice)
    answer_everything(draft)
    newer = attest(draft, sam)
    published.refresh_from_db()
    assert published.status == S.SUPERSEDED
    assert newer.supersedes == published and published.superseded_by == newer
    assert published.events.last().to_status == S.SUPERSEDED


def test_the_history_names_the_successor_in_the_readers_language(
    client, published, sam, alice, minimum
):
    draft = start_declaration(product=published.product, package=minimum, user=alice)
    answer_everything(draft)
    newer = attest(draft, sam)
    client.force_login(sam)
    english = client.get(f"/en/declarations/{published.pk}/").content.decode()
    assert f"Superseded by {newer.serial}." in english
    japanese = client.get(f"/declarations/{published.pk}/").content.decode()
    assert newer.serial in japanese and "Superseded by" not in japanese


def test_the_history_shows_every_event(client, published, sam):
    services.withdraw_declaration(declaration=published, user=sam, reason="提供終了")
    client.force_login(sam)
    html = client.get(
        reverse("declarations:declaration_detail", args=[published.pk])
    ).content.decode()
    assert 'id="history"' in html and "提供終了" in html


def test_withdrawing_through_the_page(client, published, sam):
    login_verified(client, sam)
    url = reverse("declarations:withdraw", args=[published.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"reason": "販売終了"})
    published.refresh_from_db()
    assert published.status == S.WITHDRAWN


@pytest.mark.parametrize("who", ["alice", "vera", "ada"])
def test_only_signatories_withdraw(client, published, who, request):
    client.force_login(request.getfixturevalue(who))
    assert (
        client.post(
            reverse("declarations:withdraw", args=[published.pk]), {"reason": "x"}
        ).status_code
        == 403
    )
    published.refresh_from_db()
    assert published.status == S.PUBLISHED


def test_people_are_emailed_when_it_is_published(
    complete_draft, sam, alice, portal_pki, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        attest(complete_draft, sam)
    recipients = {m.to[0] for m in mailoutbox}
    assert {"sam@acme.test", "alice@acme.test"} <= recipients


def test_emails_go_out_in_each_recipients_language(
    published, sam, alice, django_capture_on_commit_callbacks, mailoutbox
):
    alice.language = "en"
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_declaration(declaration=published, user=sam, reason="提供終了")
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert "was withdrawn" in subjects["alice@acme.test"]
    assert "撤回" in subjects["sam@acme.test"]
    assert f"/en/declarations/{published.pk}/" in next(
        m.body for m in mailoutbox if m.to == ["alice@acme.test"]
    )


def test_a_withdrawn_declaration_offers_no_withdraw_or_revoke_form(client, published, sam, root):
    services.withdraw_declaration(declaration=published, user=sam, reason="提供終了")
    for who, name in ((sam, "declarations:withdraw"), (root, "declarations:revoke")):
        login_verified(client, who)
        response = client.get(reverse(name, args=[published.pk]))
        assert response.status_code == 302
        assert response["Location"].endswith(f"/declarations/{published.pk}/")
