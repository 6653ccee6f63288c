"""Every public read costs the same number of queries for 10 declarations as for 1,000.

The other query-count tests publish each declaration through the services; for
a thousand, this one copies a published declaration row by row (bulk_create,
test data only) under serials of its own: the reads cannot tell the difference.
"""

import datetime

import pytest

from declarations.models import Declaration
from declarations.registry.search import fold

from .test_registry_queries import BADGE, LIST, SUMMARY

API_LIST, API_SUMMARY = 3, 2


ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # the serials' own (publishing.records)


def _serial(n: int) -> str:
    token = ""
    for _ in range(4):
        n, digit = divmod(n, len(ALPHABET))
        token += ALPHABET[digit]
    return f"JPD-2020-{token}-ZZZZ"  # a year no real serial of the tests has


def _copies(original: Declaration, count: int) -> None:
    fields = {
        f.attname: getattr(original, f.attname)
        for f in Declaration._meta.concrete_fields
        if not f.primary_key
    }
    copies = [
        Declaration(
            **{
                **fields,
                "serial": _serial(n),
                "search_text": fold(_serial(n)) + "\n" + original.search_text,
                "valid_until": original.valid_until - datetime.timedelta(days=n % 300),
            }
        )
        for n in range(count)
    ]
    Declaration.objects.bulk_create(copies, batch_size=500)


@pytest.fixture(params=[10, 1000], ids=["10", "1000"])
def registry_of_size(request, published):
    _copies(published, request.param - 1)
    assert Declaration.objects.issued().count() == request.param
    return published


def test_the_registry_pages_and_the_badge(client, registry_of_size, django_assert_num_queries):
    serial = registry_of_size.serial
    with django_assert_num_queries(LIST):
        assert client.get("/registry/", {"sort": "valid_until"}).status_code == 200
    with django_assert_num_queries(SUMMARY):
        assert client.get(f"/registry/{serial}/").status_code == 200
    with django_assert_num_queries(BADGE):
        assert client.get(f"/registry/{serial}/badge.svg").status_code == 200


def test_the_read_api(client, registry_of_size, django_assert_num_queries):
    with django_assert_num_queries(API_LIST):
        body = client.get("/api/v1/declarations/?page_size=5").json()
    assert body["count"] == Declaration.objects.issued().count() and body["count_exact"]
    with django_assert_num_queries(API_SUMMARY):
        response = client.get(f"/api/v1/declarations/{registry_of_size.serial}/")
    assert response.status_code == 200
