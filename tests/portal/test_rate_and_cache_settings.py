"""The readers of the rate, proxy-header and cache settings take only what they document."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import config


@pytest.fixture(autouse=True)
def fresh_record(monkeypatch):
    monkeypatch.setattr(config, "_names_read", set())


@pytest.mark.parametrize("text", ["30/m", "120/m", "500/h", "5/10m", "1/s", "1000/d"])
def test_a_rate_is_a_count_per_period(monkeypatch, text):
    monkeypatch.setenv("SOME_RATE", text)
    assert config.rate("SOME_RATE", default="1/m") == text


@pytest.mark.parametrize("text", ["30", "30/x", "0/m", "-1/m", "abc", "30/05m", "", "30 per m"])
def test_a_rate_refuses_anything_else_naming_the_variable(monkeypatch, text):
    monkeypatch.setenv("VERIFY_UPLOAD_RATE", text)
    with pytest.raises(ImproperlyConfigured, match="VERIFY_UPLOAD_RATE="):
        config.rate("VERIFY_UPLOAD_RATE", default="30/m")


@pytest.mark.parametrize("text", ["", "X-Forwarded-For", "X-Real-IP"])
def test_a_header_name_is_letters_digits_and_hyphens(monkeypatch, text):
    monkeypatch.setenv("CLIENT_IP_HEADER", text)
    assert config.header_name("CLIENT_IP_HEADER", default="") == text


@pytest.mark.parametrize("text", ["X_Forwarded_For", "X-Real-IP: 1.2.3.4", "Forwarded;for"])
def test_a_header_name_refuses_anything_else(monkeypatch, text):
    monkeypatch.setenv("CLIENT_IP_HEADER", text)
    with pytest.raises(ImproperlyConfigured, match="CLIENT_IP_HEADER="):
        config.header_name("CLIENT_IP_HEADER", default="")


def test_a_redis_cache_url_becomes_the_portals_redis_cache(monkeypatch):
    monkeypatch.setenv("CACHE_URL", "redis://redis:6379/1")
    assert config.cache_url("CACHE_URL", default="locmemcache://") == {
        "BACKEND": "portal.redis_cache.RedisCache",
        "LOCATION": "redis://redis:6379/1",
    }


def test_the_default_cache_is_local_memory(monkeypatch):
    monkeypatch.delenv("CACHE_URL", raising=False)
    cache = config.cache_url("CACHE_URL", default="locmemcache://")
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize("text", ["postgres://db/portal", "redis-server:6379", ""])
def test_a_cache_url_refuses_what_is_no_cache(monkeypatch, text):
    monkeypatch.setenv("CACHE_URL", text)
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        config.cache_url("CACHE_URL", default="locmemcache://")
