"""Watching a product or a vendor: one email per event per watcher, and unsubscribing."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from declarations import services, tasks
from declarations.models import Watch, WatchNotice
from declarations.watching.tokens import make_token
from portal.models import OutgoingEmail
from tests.conftest import PASSWORD, answer_everything, attest
from tests.declarations.registry import renew_and_attest
from tests.factories import UserFactory


def emails_to(user):
    return list(OutgoingEmail.objects.filter(recipient=user.email).order_by("pk"))


def watch(user, declaration, target="product"):
    return services.watch(user=user, declaration=declaration, target=target)


@pytest.fixture
def in_force(published):
    return published


def test_a_product_watcher_hears_of_its_renewal_once_for_each_declaration(in_force, pat):
    watch(pat, in_force)
    newer = renew_and_attest(in_force)
    subjects = [e.subject for e in emails_to(pat)]
    assert len(subjects) == 2
    assert any(newer.serial in s for s in subjects)  # published
    assert any(in_force.serial in s for s in subjects)  # superseded
    assert set(WatchNotice.objects.values_list("event", flat=True)) == {"published", "superseded"}


def test_watching_both_the_product_and_its_vendor_brings_one_email(in_force, pat):
    watch(pat, in_force, "product")
    watch(pat, in_force, "vendor")
    services.withdraw_declaration(
        declaration=in_force, user=in_force.attested_by, reason="販売終了"
    )
    assert len(emails_to(pat)) == 1


def test_withdrawing_twice_sends_one_email(in_force, pat, sam):
    watch(pat, in_force, "vendor")
    services.withdraw_declaration(declaration=in_force, user=sam, reason="販売終了")
    with pytest.raises(services.declarations.DeclarationError):
        services.withdraw_declaration(declaration=in_force, user=sam, reason="もう一度")
    assert len(emails_to(pat)) == 1
    assert "JPD-" in emails_to(pat)[0].subject


def test_a_revocation_is_told_to_vendor_watchers(in_force, quinn, root):
    watch(quinn, in_force, "vendor")
    services.revoke_declaration(declaration=in_force, user=root, reason="虚偽の記載")
    (email,) = emails_to(quinn)
    assert in_force.serial in email.subject


def test_a_vendor_watcher_hears_of_a_new_product_publication(
    acme_product, pat, alice, sam, in_force, minimum
):
    watch(pat, in_force, "vendor")
    from tests.factories import ProductFactory

    product = ProductFactory(organization=in_force.organization, name="Acme Mail")
    draft = services.start_declaration(product=product, package=minimum, user=alice)
    answer_everything(draft)
    newer = attest(draft, sam, password=PASSWORD)
    (email,) = emails_to(pat)
    assert newer.serial in email.subject and "Acme Mail" in email.subject


def test_emails_are_in_the_watchers_language(in_force, sam):
    english = UserFactory(email="eve@buyer.test", language="en")
    japanese = UserFactory(email="jun@buyer.test", language="ja")
    watch(english, in_force)
    watch(japanese, in_force)
    services.withdraw_declaration(declaration=in_force, user=sam, reason="販売終了")
    assert "withdrawn" in emails_to(english)[0].subject
    assert "撤回" in emails_to(japanese)[0].subject
    assert "/en/watching/unsubscribe/" in emails_to(english)[0].body


def test_an_inactive_watcher_gets_nothing(in_force, pat, sam):
    watch(pat, in_force)
    pat.is_active = False
    pat.save()
    services.withdraw_declaration(declaration=in_force, user=sam, reason="販売終了")
    assert emails_to(pat) == []


def test_the_daily_task_tells_watchers_once_30_days_before_expiry(in_force, pat):
    watch(pat, in_force)
    day = in_force.valid_until - datetime.timedelta(days=30)
    with time_machine.travel(day - datetime.timedelta(days=1)):
        assert tasks.daily_lifecycle()["watchers_told"] == 0
    with time_machine.travel(day):
        assert tasks.daily_lifecycle()["watchers_told"] == 1
        assert tasks.daily_lifecycle()["watchers_told"] == 0
    with time_machine.travel(day + datetime.timedelta(days=5)):
        assert tasks.daily_lifecycle()["watchers_told"] == 0
    (email,) = emails_to(pat)
    assert in_force.valid_until.isoformat() in email.subject


def test_a_watch_started_within_the_30_days_hears_at_the_next_run(in_force, pat, quinn):
    watch(pat, in_force)
    day = in_force.valid_until - datetime.timedelta(days=30)
    assert services.send_watch_expiry_notices(today=day) == 1
    watch(quinn, in_force)
    assert services.send_watch_expiry_notices(today=day + datetime.timedelta(days=1)) == 1
    assert len(emails_to(pat)) == 1 and len(emails_to(quinn)) == 1


# ------------------------------------------------------------------ pages


def test_watching_from_the_registry_summary_and_unwatching_from_the_list(client, in_force, pat):
    client.force_login(pat)
    summary = reverse("declarations:registry_summary", args=[in_force.serial])
    assert 'id="watch-product"' in client.get(summary).content.decode()
    response = client.post(
        reverse("declarations:watch", args=[in_force.serial]), {"target": "product"}
    )
    assert response.status_code == 302
    assert 'id="watching-product"' in client.get(summary).content.decode()
    client.post(reverse("declarations:watch", args=[in_force.serial]), {"target": "product"})
    (watch_,) = Watch.objects.filter(user=pat)  # a second press makes no second watch
    listing = client.get(reverse("declarations:watch_list")).content.decode()
    assert f'id="watch-{watch_.pk}"' in listing and in_force.serial in listing
    client.post(reverse("declarations:unwatch", args=[watch_.pk]))
    assert not Watch.objects.filter(user=pat).exists()


def test_a_bad_watch_target_is_a_message_not_an_error(client, in_force, pat):
    client.force_login(pat)
    url = reverse("declarations:watch", args=[in_force.serial])
    assert client.post(url, {"target": "\x00" * 10}).status_code == 302
    assert not Watch.objects.exists()


def test_nobody_unwatches_someone_elses_watch(client, in_force, pat, quinn):
    theirs = watch(pat, in_force)
    client.force_login(quinn)
    assert client.post(reverse("declarations:unwatch", args=[theirs.pk])).status_code == 404
    assert Watch.objects.filter(pk=theirs.pk).exists()


def _unsubscribe_link(email: OutgoingEmail) -> str:
    return re.search(r"https?://\S+/watching/unsubscribe/\S+/", email.body).group(0)


def test_the_unsubscribe_link_works_without_login_and_only_on_post(client, in_force, pat, sam):
    watch(pat, in_force, "product")
    watch(pat, in_force, "vendor")
    services.withdraw_declaration(declaration=in_force, user=sam, reason="販売終了")
    path = "/" + _unsubscribe_link(emails_to(pat)[0]).split("/", 3)[3]
    page = client.get(path)  # a mail scanner's prefetch
    assert page.status_code == 200 and 'id="unsubscribe-confirm"' in page.content.decode()
    assert Watch.objects.filter(user=pat).count() == 2
    done = client.post(path)
    assert done.status_code == 200 and 'id="unsubscribe-done"' in done.content.decode()
    assert not Watch.objects.filter(user=pat).exists()
    again = client.get(path)
    assert 'id="unsubscribe-nothing"' in again.content.decode()


def test_a_tampered_unsubscribe_link_is_refused_with_a_clear_page(client, in_force, pat, quinn):
    mine = watch(pat, in_force)
    theirs = watch(quinn, in_force)
    token = make_token(pat.pk, [mine.pk])
    forged = token.replace(token[5], "A" if token[5] != "A" else "B", 1)
    for bad in (forged, token[:-3], "x" * 1000, "%00", make_token(pat.pk, [mine.pk]) + "x"):
        response = client.post(reverse("declarations:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert 'id="unsubscribe-invalid"' in response.content.decode()
    # A genuine link names one person's watches: it never stops someone else's.
    client.post(reverse("declarations:unsubscribe", args=[make_token(pat.pk, [theirs.pk])]))
    assert Watch.objects.filter(pk__in=[mine.pk, theirs.pk]).count() == 2
