"""The portal's Redis cache: Django's, with one client per pool rather than one per call."""

import pytest

pytestmark = pytest.mark.services


def test_every_call_shares_one_client_and_the_cache_works_as_djangos(redis_cache):
    redis_cache.set("a", {"page": b"x" * 10_000}, 60)
    assert redis_cache.add("b", 1, 60) and not redis_cache.add("b", 2, 60)
    assert redis_cache.get_many(["a", "b", "missing"]) == {"a": {"page": b"x" * 10_000}, "b": 1}
    assert redis_cache.incr("b") == 2
    redis_cache.delete("a")
    assert redis_cache.get("a") is None
    client = redis_cache._cache
    assert client.get_client(write=True) is client.get_client() is client.get_client("key")
