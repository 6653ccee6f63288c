"""CI runs on PostgreSQL and Redis; these fail there if either is missing."""

import os

import pytest
import redis
from django.conf import settings
from django.db import connection

from tests.conftest import require_service

pytestmark = pytest.mark.services


def test_the_database_is_postgresql_when_ci_asks_for_it(db):
    if connection.vendor != "postgresql":
        require_service(f"DATABASE_URL is not PostgreSQL (running on {connection.vendor})")
    with connection.cursor() as cursor:
        cursor.execute("select version()")
        assert "PostgreSQL" in cursor.fetchone()[0]


def test_the_celery_broker_is_a_reachable_redis_when_ci_asks_for_it():
    url = settings.CELERY_BROKER_URL
    if not url.startswith("redis://"):
        require_service("CELERY_BROKER_URL is not a Redis URL")
    try:
        assert redis.Redis.from_url(url, socket_timeout=3).ping()
    except redis.RedisError as error:
        require_service(f"Redis at {url} does not answer: {error}")
    assert settings.CELERY_TASK_ALWAYS_EAGER is False


def test_require_services_is_set_in_ci():
    if os.environ.get("CI") == "true":
        assert os.environ.get("REQUIRE_SERVICES") == "1"
