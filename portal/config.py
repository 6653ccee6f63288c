"""Typed readers for the environment variables the settings are made of.

django-environ's ``env.bool`` turns any word it does not know ("ture",
"flase") into False, so a typo silently switches production into another mode,
and ``env.int`` fails without naming the variable. These readers accept only
the spellings they document and stop the start-up with a message that names
the variable, what it held and what would be accepted. django-environ still
reads the ``.env`` file and parses database URLs.

Every reader records the name it was asked for, so that a test can hold
``.env.example`` to the variables the settings really read.
"""

import ipaddress
import os
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

# Passed as a default, it makes a variable mandatory.
REQUIRED = object()

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})
# int() alone would also take "1_000" and non-ASCII digits.
_INTEGER = re.compile(r"[+-]?[0-9]+")

_names_read: set[str] = set()
T = TypeVar("T")


def names_read() -> frozenset[str]:
    """The variables asked for so far (all of them, once the settings are loaded)."""
    return frozenset(_names_read)


def _raw(name: str, default: T | None) -> str | T:
    """The variable's text; when it is unset, the default (no default: it is required).

    ``<NAME>_FILE`` names a file that holds the value instead (one trailing
    newline dropped): container secrets are mounted as files, and a secret in
    a file stays out of ``docker inspect`` and the process environment.
    """
    _names_read.add(name)
    value = os.environ.get(name)
    if value is not None:
        return value
    secret_file = os.environ.get(f"{name}_FILE")
    if secret_file:
        try:
            return Path(secret_file).read_text(encoding="utf-8").removesuffix("\n")
        except (OSError, UnicodeDecodeError) as error:
            raise ImproperlyConfigured(
                f"{name}_FILE={secret_file!r} cannot be read: {error.__class__.__name__}."
            ) from None
    if default is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return default


def _refuse(name: str, value: str, accepted: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{name}={value!r} is not accepted: {accepted}.")


def string(name: str, *, default: str | None = None) -> str:
    return _raw(name, default)


def boolean(name: str, *, default: bool | None = None) -> bool:
    value = _raw(name, default)
    if isinstance(value, bool):
        return value
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise _refuse(name, value, "use 1/0, true/false, yes/no or on/off")


def integer(name: str, *, default: int | None = None, minimum: int | None = None) -> int:
    value = _raw(name, default)
    if isinstance(value, int):
        return value
    accepted = "use a whole number" + ("" if minimum is None else f" of at least {minimum}")
    if not _INTEGER.fullmatch(value.strip()):
        raise _refuse(name, value, accepted)
    number = int(value)
    if minimum is not None and number < minimum:
        raise _refuse(name, value, accepted)
    return number


def string_list(name: str, *, default: list[str] | None = None) -> list[str]:
    """Comma-separated; blanks around items are dropped ("a, b" is two hosts, not " b")."""
    value = _raw(name, default)
    if isinstance(value, list):
        return list(value)
    return [item.strip() for item in value.split(",") if item.strip()]


def choice(name: str, *, choices: Sequence[str], default: str | None = None) -> str:
    value = _raw(name, default)
    if value not in choices:
        raise _refuse(name, value, "use one of " + ", ".join(choices))
    return value


def path(name: str, *, default: Path | None = None) -> Path:
    """An absolute path; a relative one is taken from the working directory, as before."""
    value = _raw(name, default)
    if isinstance(value, Path):
        return value
    if not value:
        raise _refuse(name, value, "set a file or directory path, or unset it for the default")
    if "\0" in value:
        raise _refuse(name, value, "a path cannot hold a NUL character")
    return Path(os.path.abspath(value))


def path_list(name: str, *, default: list[Path] | None = None) -> list[Path]:
    """Comma-separated paths, each made absolute as ``path`` does."""
    value = _raw(name, default)
    if isinstance(value, list):
        return list(value)
    items = [item.strip() for item in value.split(",") if item.strip()]
    if any("\0" in item for item in items):
        raise _refuse(name, value, "a path cannot hold a NUL character")
    return [Path(os.path.abspath(item)) for item in items]


def _service_url(name: str, url: str, *, schemes, parse, what: str, example: str) -> dict[str, Any]:
    """A service URL parsed by django-environ. Errors name the scheme, never the whole
    URL: it may hold a password."""
    scheme = urlsplit(url).scheme
    if scheme not in schemes:
        raise ImproperlyConfigured(
            f"{name} has the scheme {scheme!r}, which is not a {what}'s: use a URL such as "
            f"{example} (schemes: {', '.join(sorted(schemes))})."
        )
    try:
        return parse(url)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is not a valid {what} URL: {error}.") from None


def database_url(name: str, *, default: str | None = None) -> dict[str, Any]:
    """A database URL parsed into Django's DATABASES entry."""
    return _service_url(
        name,
        _raw(name, default),
        schemes=environ.Env.DB_SCHEMES,
        parse=environ.Env.db_url_config,
        what="database",
        example="postgres://user:password@host:5432/name",
    )


_RATE = re.compile(r"[1-9][0-9]*/([1-9][0-9]*)?[smhd]")
_HEADER = re.compile(r"[A-Za-z0-9-]*")


def rate(name: str, *, default: str | None = None) -> str:
    """A rate as django-ratelimit reads it: a count per period, e.g. ``30/m`` or ``500/h``."""
    value = _raw(name, default)
    if not _RATE.fullmatch(value.strip()):
        raise _refuse(name, value, "use a count per s, m, h or d, such as 30/m or 500/h")
    return value.strip()


def header_name(name: str, *, default: str | None = None) -> str:
    """An HTTP header's name (letters, digits and hyphens), or empty for none."""
    value = _raw(name, default).strip()
    if not _HEADER.fullmatch(value):
        raise _refuse(name, value, "use a header name such as X-Forwarded-For, or leave it empty")
    return value


def cache_url(name: str, *, default: str | None = None) -> dict[str, Any]:
    """A cache URL (``redis://host:6379/1``, ``locmemcache://``) parsed into a CACHES entry.

    Redis gets the portal's backend (``portal.redis_cache``): Django's, with its
    client made once rather than on every call.
    """
    entry = _service_url(
        name,
        _raw(name, default),
        schemes=environ.Env.CACHE_SCHEMES,
        parse=environ.Env.cache_url_config,
        what="cache",
        example="redis://host:6379/1 or locmemcache://",
    )
    if entry["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        entry["BACKEND"] = "portal.redis_cache.RedisCache"
    return entry


_FINGERPRINT = re.compile(r"[0-9a-f]{64}")


def compromises(name: str, *, default: str = "") -> dict[str, datetime]:
    """Certificates compromised as of a time: ``fingerprint@time``, comma-separated.

    The fingerprint is the certificate's SHA-256 in hex (colons allowed, any
    case); the time is ISO 8601 with its offset (``2026-05-01T09:00:00+09:00``
    or ``…Z``), since a time without one would mean different moments on
    different machines. Returns {fingerprint (lowercase hex): time}; a
    certificate named twice keeps the earlier time.
    """
    value = _raw(name, default)
    accepted = (
        "use fingerprint@time, comma-separated, with the certificate's SHA-256 fingerprint in "
        "hex and an ISO 8601 time with its offset, such as "
        "3f…9a@2026-05-01T09:00:00+09:00"
    )
    found: dict[str, datetime] = {}
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        fingerprint, _, moment = item.partition("@")
        fingerprint = fingerprint.strip().replace(":", "").lower()
        try:
            when = datetime.fromisoformat(moment.strip())
        except ValueError:
            raise _refuse(name, value, accepted) from None
        if not _FINGERPRINT.fullmatch(fingerprint) or when.utcoffset() is None:
            raise _refuse(name, value, accepted)
        found[fingerprint] = min(when, found.get(fingerprint, when))
    return found


def relying_party(site_url: str) -> tuple[str, str]:
    """The WebAuthn relying party id and origin that ``site_url`` implies.

    Browsers refuse an IP address as relying party id, and treat
    ``http://localhost`` as a secure context: a development ``SITE_URL`` on
    ``127.0.0.1`` gives ``localhost`` (the portal is then opened there to use a key).
    """
    parts = urlsplit(site_url)
    host = parts.hostname or "localhost"
    if _is_ip_address(host):
        host = "localhost"
    port = f":{parts.port}" if parts.port else ""
    return host, f"{parts.scheme or 'https'}://{host}{port}"


def check_relying_party(rp_id: str, origins: Sequence[str]) -> None:
    """Each origin must be served by the relying party's domain or a subdomain of it,
    over HTTPS (``http://localhost`` aside): else no browser would use a key there."""
    if _is_ip_address(rp_id):
        raise ImproperlyConfigured(
            f"WEBAUTHN_RP_ID={rp_id!r} is an IP address, which browsers refuse: use a domain."
        )
    for origin in origins:
        parts = urlsplit(origin)
        host = parts.hostname or ""
        secure = parts.scheme == "https" or (parts.scheme == "http" and host == "localhost")
        if not secure or not (host == rp_id or host.endswith(f".{rp_id}")):
            raise ImproperlyConfigured(
                f"WEBAUTHN_ORIGINS has {origin!r}, which is not an HTTPS origin on "
                f"WEBAUTHN_RP_ID={rp_id!r} or a subdomain of it."
            )


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
