"""The declarations' API reads in a fixed number of queries, however many declarations
the registry holds: the same for 10 as for 40."""

import pytest
from rest_framework.authtoken.models import Token

LIST = "/api/v1/declarations/?page_size=100"

# The filter form's editions; the matches' keys, up to the cap; the page, with
# what a row shows.
LIST_QUERIES = 3
# The declaration with its successor; the categories of its statements.
SUMMARY_QUERIES = 2
# A signed-in procurer adds the session, the user and the user's memberships.
SUMMARY_QUERIES_SIGNED_IN = SUMMARY_QUERIES + 3
# A token instead of a session: the token with its user, then the memberships.
SUMMARY_QUERIES_BY_TOKEN = SUMMARY_QUERIES + 2


@pytest.fixture
def registry_of(publisher, minimum, standard):
    """Grow the registry to ``n`` declarations, half of them Standard."""
    published = []

    def grow(n):
        while len(published) < n:
            publisher.package = (minimum, standard)[len(published) % 2]
            published.extend(publisher.publish())
        return published

    return grow


def test_the_list_reads_in_fixed_queries(client, registry_of, django_assert_num_queries):
    for size in (10, 40):
        registry_of(size)
        with django_assert_num_queries(LIST_QUERIES):
            body = client.get(LIST).json()
        assert len(body["results"]) == body["count"] == size
        with django_assert_num_queries(LIST_QUERIES):
            body = client.get(LIST, {"page_size": 5}).json()
        assert len(body["results"]) == 5 and body["count"] == size


def test_the_summary_reads_in_fixed_queries(client, registry_of, pat, django_assert_num_queries):
    for size in (10, 40):
        last = registry_of(size)[-1]
        url = f"/api/v1/declarations/{last.serial}/"
        with django_assert_num_queries(SUMMARY_QUERIES):
            assert "record" not in client.get(url).json()
        client.force_login(pat)
        with django_assert_num_queries(SUMMARY_QUERIES_SIGNED_IN):
            assert "record" in client.get(url).json()
        client.logout()
        token = Token.objects.get_or_create(user=pat)[0]
        with django_assert_num_queries(SUMMARY_QUERIES_BY_TOKEN):
            response = client.get(url, HTTP_AUTHORIZATION=f"Token {token.key}")
        assert "record" in response.json()
