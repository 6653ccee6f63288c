"""Threads are private to the vendor and the procurer organization that opened them."""

from declarations.access import readable_threads
from declarations.models import Declaration, ReviewThread
from declarations.reviews.queries import with_open_thread_counts

from .reviews import open_thread


def test_another_procurer_gets_404_on_every_url_of_the_thread(client, quinn, pat, published):
    thread = open_thread(published, pat)
    client.force_login(quinn)
    assert client.get(f"/threads/{thread.pk}/").status_code == 404
    for act in ("reply", "resolve", "reopen"):
        assert client.post(f"/threads/{thread.pk}/{act}/", {"body": "x"}).status_code == 404
    thread.refresh_from_db()
    assert thread.is_open and thread.messages.count() == 1


def test_another_procurer_sees_nothing_of_it_on_the_declaration_page(client, quinn, pat, published):
    thread = open_thread(published, pat, subject="機密の質問")
    client.force_login(quinn)
    page = client.get(f"/declarations/{published.pk}/").content.decode()
    assert "機密の質問" not in page and f"/threads/{thread.pk}/" not in page
    assert 'data-count="0"' in page
    assert 'data-open-count="1"' not in page
    # Quinn may still open a thread of their own.
    assert 'id="open-thread-whole"' in page


def test_another_procurer_lists_none_of_them(client, quinn, pat, published):
    open_thread(published, pat, subject="機密の質問")
    client.force_login(quinn)
    for state in ("", "open", "resolved"):
        page = client.get(f"/threads/?state={state}").content.decode()
        assert "機密の質問" not in page and 'id="empty-state"' in page
    assert 'id="count-open">0<' in page


def test_each_procurer_counts_only_their_own_threads(quinn, pat, published, rival_buyer_org):
    open_thread(published, pat)
    open_thread(published, pat, code="(3)-1")
    open_thread(published, quinn)
    declarations = Declaration.objects.filter(pk=published.pk)
    buyer = pat.memberships.get().organization
    assert with_open_thread_counts(declarations, buyer).get().open_thread_count == 2
    assert with_open_thread_counts(declarations, rival_buyer_org).get().open_thread_count == 1
    assert (
        with_open_thread_counts(declarations, published.organization).get().open_thread_count == 3
    )


def test_the_vendor_sees_every_procurers_threads_and_other_vendors_none(
    quinn, pat, ada, otto, root, published
):
    open_thread(published, pat)
    open_thread(published, quinn)
    threads = ReviewThread.objects.all()
    assert readable_threads(ada, threads).count() == 2
    assert readable_threads(root, threads).count() == 2
    assert readable_threads(pat, threads).count() == 1
    assert readable_threads(otto, threads).count() == 0


def test_the_declaration_page_of_a_party_shows_the_thread_and_its_count(
    client, pat, vera, published
):
    thread = open_thread(published, pat, subject="診断範囲")
    for user in (pat, vera):
        client.force_login(user)
        page = client.get(f"/declarations/{published.pk}/").content.decode()
        assert "診断範囲" in page and f"/threads/{thread.pk}/" in page
        assert 'data-count="1"' in page and 'data-open-count="1"' in page
