"""Threads stay with the declaration they were opened on; its successor flags them."""

from declarations.models import Declaration, ReviewThread
from declarations.services import renew_declaration, reviews
from tests.conftest import answer_everything, attest

from .reviews import open_thread, reply


def _supersede(published, alice, sam) -> Declaration:
    draft = renew_declaration(declaration=published, user=alice)
    answer_everything(draft)
    return attest(draft, sam)


def test_threads_survive_supersession_and_the_successor_flags_their_statements(
    client, pat, alice, sam, published
):
    still_open = open_thread(published, pat, code="(2)-1", subject="SBOM の範囲")
    done = open_thread(published, pat, code="(3)-1", subject="解決済みの質問")
    reviews.resolve_thread(thread=done, user=pat)
    successor = _supersede(published, alice, sam)
    published.refresh_from_db()
    assert published.status == Declaration.Status.SUPERSEDED
    assert set(published.review_threads.all()) == {still_open, done}
    assert not successor.review_threads.exists()

    for user in (pat, alice):
        client.force_login(user)
        page = client.get(f"/declarations/{successor.pk}/").content.decode()
        assert 'id="earlier-open-threads"' in page and "SBOM の範囲" in page
        assert "解決済みの質問" not in page
        row = page.split('id="answer-threads-2-1"')[1].split("</tr>")[0]
        assert 'data-earlier-open="1"' in row
        other = page.split('id="answer-threads-3-1"')[1].split("</tr>")[0]
        assert "data-earlier-open" not in other
        # The old declaration's page still shows its threads.
        old = client.get(f"/declarations/{published.pk}/").content.decode()
        assert "SBOM の範囲" in old and "解決済みの質問" in old


def test_the_talk_goes_on_in_a_thread_of_a_superseded_declaration(pat, alice, sam, published):
    thread = open_thread(published, pat)
    _supersede(published, alice, sam)
    reply(thread, alice)
    reviews.resolve_thread(thread=thread, user=pat)
    thread.refresh_from_db()
    assert thread.state == ReviewThread.State.RESOLVED


def test_once_resolved_the_successor_flags_nothing(client, pat, alice, sam, published):
    thread = open_thread(published, pat)
    successor = _supersede(published, alice, sam)
    reviews.resolve_thread(thread=thread, user=pat)
    client.force_login(pat)
    page = client.get(f"/declarations/{successor.pk}/").content.decode()
    assert 'id="earlier-open-threads"' not in page and "data-earlier-open" not in page


def test_another_procurer_sees_no_flag_on_the_successor(client, pat, quinn, alice, sam, published):
    open_thread(published, pat, subject="SBOM の範囲")
    successor = _supersede(published, alice, sam)
    client.force_login(quinn)
    page = client.get(f"/declarations/{successor.pk}/").content.decode()
    assert 'id="earlier-open-threads"' not in page and "SBOM の範囲" not in page
