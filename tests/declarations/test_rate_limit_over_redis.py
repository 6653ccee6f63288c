"""The rates count in Redis as in production.

Django's own Redis cache is all django-ratelimit needs (its W001 is silenced for that).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.services


def test_the_upload_rate_is_counted_in_redis(client, redis_cache, settings, portal_pki):
    settings.VERIFY_UPLOAD_RATE = "3/m"

    def upload(address):
        pdf = SimpleUploadedFile("d.pdf", b"hello")
        return client.post("/api/v1/verify/", {"pdf": pdf}, REMOTE_ADDR=address).status_code

    assert [upload("10.0.0.1") for _ in range(4)] == [200, 200, 200, 429]
    assert upload("10.0.0.2") == 200
