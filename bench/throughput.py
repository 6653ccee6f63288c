"""Requests per second of a page, in process, against a bare view through the same stack.

Django's test client runs every middleware and the whole view, but no HTTP
server: the figures compare what the portal does per request, not the server
in front of it (the production-grade issue measures that under gunicorn).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.test import Client
from django.urls import clear_url_caches

BARE = "/bench/bare/"


def use_bench_urls() -> None:
    settings.ROOT_URLCONF = "bench.urls"
    clear_url_caches()


def requests_per_second(client: Client, path: str, *, seconds: float = 2.0) -> float:
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        client.get(path)
        count += 1
    return count / elapsed


def report(paths: dict[str, str], *, seconds: float = 2.0) -> None:
    use_bench_urls()
    client = Client()
    bare = requests_per_second(client, BARE, seconds=seconds)
    print(f"requests per second, in process   {'':8} (bare view: {bare:,.0f}/s)")
    for label, path in paths.items():
        rate = requests_per_second(client, path, seconds=seconds)
        print(f"{label:33} {rate:8,.0f}/s  {rate / bare:5.0%} of bare")
