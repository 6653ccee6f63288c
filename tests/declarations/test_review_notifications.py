"""Each message tells the other side once, by email, in each recipient's language."""

from django.core import mail

from declarations.models import ReviewThread
from declarations.services import reviews
from portal.models import OutgoingEmail, User

from .reviews import open_thread, reply


def _recipients() -> list[str]:
    return sorted(OutgoingEmail.objects.values_list("recipient", flat=True))


def test_opening_a_thread_tells_every_vendor_member_once(
    pat, alice, sam, vera, ada, published, mailoutbox, django_capture_on_commit_callbacks
):
    OutgoingEmail.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        thread = open_thread(published, pat)
    expected = sorted(u.email for u in (alice, sam, vera, ada))
    assert sorted(m.to[0] for m in mailoutbox) == expected
    assert all(thread.subject in m.subject for m in mailoutbox)
    assert all(f"/threads/{thread.pk}/" in m.body for m in mailoutbox)
    assert "pat@buyer.test" not in [m.to[0] for m in mailoutbox]


def test_a_vendor_reply_tells_the_procurer_side_and_not_the_author(
    pat, alice, sam, published, django_capture_on_commit_callbacks
):
    thread = open_thread(published, pat)
    OutgoingEmail.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, alice)
    assert _recipients() == ["pat@buyer.test"]


def test_a_procurer_follow_up_tells_the_vendor_side(pat, alice, sam, published):
    thread = open_thread(published, pat)
    OutgoingEmail.objects.all().delete()
    reply(thread, pat, "追加の質問です。")
    assert _recipients() == ["alice@acme.test", "sam@acme.test"]


def test_one_email_per_recipient_per_message(pat, alice, sam, published):
    thread = open_thread(published, pat)
    OutgoingEmail.objects.all().delete()
    reply(thread, alice)
    reply(thread, sam)
    assert _recipients() == ["pat@buyer.test", "pat@buyer.test"]


def test_resolving_sends_nothing(pat, alice, published):
    thread = open_thread(published, pat)
    OutgoingEmail.objects.all().delete()
    reviews.resolve_thread(thread=thread, user=pat)
    assert not OutgoingEmail.objects.exists()


def test_each_recipient_reads_it_in_their_own_language(pat, alice, sam, published):
    User.objects.filter(pk=sam.pk).update(language="en")
    OutgoingEmail.objects.all().delete()
    thread = open_thread(published, pat, kind=ReviewThread.Kind.FINDING)
    english = OutgoingEmail.objects.get(recipient=sam.email)
    japanese = OutgoingEmail.objects.get(recipient=alice.email)
    assert "New review thread" in english.subject and "/en/threads/" in english.body
    assert "Finding" in english.body
    assert "レビュー" in japanese.subject and f"/threads/{thread.pk}/" in japanese.body
    assert "/en/" not in japanese.body


def test_inactive_members_are_not_written_to(pat, alice, sam, published):
    User.objects.filter(pk=sam.pk).update(is_active=False)
    OutgoingEmail.objects.all().delete()
    open_thread(published, pat)
    assert _recipients() == ["alice@acme.test"]
