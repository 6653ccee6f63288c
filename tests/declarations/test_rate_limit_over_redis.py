"""The rates count in Redis as in production.

Django's own Redis cache is all django-ratelimit needs (its W001 is silenced for that).
"""

import uuid
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import require_service

pytestmark = pytest.mark.services


@pytest.fixture
def redis_cache(settings):
    broker = django_settings.CELERY_BROKER_URL
    if not broker.startswith("redis://"):
        require_service("CELERY_BROKER_URL is not a Redis URL")
    # The broker's server, another database, a prefix of this test's own:
    # nothing else is touched, and the counts expire within two minutes.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": urlsplit(broker)._replace(path="/15").geturl(),
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }


def test_the_upload_rate_is_counted_in_redis(client, redis_cache, settings, portal_pki):
    settings.VERIFY_UPLOAD_RATE = "3/m"

    def upload(address):
        pdf = SimpleUploadedFile("d.pdf", b"hello")
        return client.post("/api/v1/verify/", {"pdf": pdf}, REMOTE_ADDR=address).status_code

    assert [upload("10.0.0.1") for _ in range(4)] == [200, 200, 200, 429]
    assert upload("10.0.0.2") == 200
