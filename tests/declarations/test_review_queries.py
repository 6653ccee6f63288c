"""The review pages cost a fixed number of queries, whatever the number of threads or messages.

Thread page: session, user, memberships, the thread (with its declaration,
vendor, product, statement, procurer and opener), the answer it is about, its
messages with their authors, its events with their actors.

Thread list: session, user, memberships, the count per state, the page count
and the page of threads (with declaration, vendor, product, statement,
procurer and a message count).

Declaration page (issued): what it cost before, plus the threads the reader
may see (with a message count), the open threads on earlier declarations of
the product, and the package's answers with their statements: three.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from declarations.services import reviews

from .reviews import open_thread, reply

THREAD_PAGE = 7
THREAD_LIST = 6


def _grow_thread(thread, alice, pat, messages: int):
    while thread.messages.count() < messages:
        reply(thread, alice if thread.messages.count() % 2 else pat, "追記です。")


@pytest.mark.parametrize("who", ["pat", "alice", "root"])
def test_the_thread_page_costs_the_same_for_2_and_20_messages(
    request, client, pat, alice, published, django_assert_num_queries, who
):
    thread = open_thread(published, pat)
    client.force_login(request.getfixturevalue(who))
    counts = []
    for size in (2, 20):
        _grow_thread(thread, alice, pat, size)
        with django_assert_num_queries(THREAD_PAGE) as captured:
            response = client.get(f"/threads/{thread.pk}/")
        assert response.status_code == 200
        assert response.content.decode().count('id="message-') == size
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_thread_list_costs_the_same_for_2_and_20_threads(
    client, pat, alice, published, django_assert_num_queries
):
    client.force_login(pat)
    for size in (2, 20):
        while published.review_threads.count() < size:
            thread = open_thread(published, pat, subject=f"質問 {published.review_threads.count()}")
            reply(thread, alice)
            if published.review_threads.count() % 2:
                reviews.resolve_thread(thread=thread, user=pat)
        for query in ("", "?state=open", "?state=resolved"):
            with django_assert_num_queries(THREAD_LIST):
                response = client.get(f"/threads/{query}")
            assert response.status_code == 200
    page = client.get("/threads/").content.decode()
    assert page.count('id="thread-row-') == 20


def _queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_declaration_page_costs_the_same_for_2_and_20_threads(client, pat, ada, published):
    counts = {}
    for size in (2, 20):
        while published.review_threads.count() < size:
            open_thread(published, pat, subject=f"質問 {published.review_threads.count()}")
        for user in (pat, ada):
            client.force_login(user)
            count, page = _queries(client, f"/declarations/{published.pk}/")
            assert f'data-count="{size}"' in page
            counts.setdefault(user.email, set()).add(count)
    assert all(len(sizes) == 1 for sizes in counts.values()), counts


def test_the_vendor_list_counts_open_threads_without_a_query_more(client, pat, ada, published):
    client.force_login(ada)
    before, page = _queries(client, "/declarations/")
    assert 'data-open-threads="0"' in page
    for n in range(3):
        open_thread(published, pat, subject=f"質問 {n}")
    after, page = _queries(client, "/declarations/")
    assert after == before and 'data-open-threads="3"' in page
