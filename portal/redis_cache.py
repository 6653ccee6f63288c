"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django's ``RedisCacheClient`` makes a new ``redis.Redis`` for every cache call,
and that constructor fills a table of about 170 response callbacks: 0.2 ms of
CPU, more than the round trip to Redis itself: most of what a cached public
page cost beyond a bare view (docs/benchmarks.md).
A ``redis.Redis`` holds no connection of its own (its pool does) and is safe
to share between threads, so one per pool is enough.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _SharedClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key=None, *, write: bool = False):
        # Private to Django's client, so unknown to its type stubs.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        # The pools live as long as this object, so their ids are stable.
        client = self._clients.get(id(pool))
        if client is None:
            client = self._client(connection_pool=pool)  # type: ignore[attr-defined]
            self._clients[id(pool)] = client
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _SharedClient
