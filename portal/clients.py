"""Who is asking: the client's address and user agent, as far as this process can tell.

One definition for everything that counts or records clients: the verification
rates (django-ratelimit), login throttling (django-axes) and the audit log.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

USER_AGENT_LENGTH = 300


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, unless CLIENT_IP_HEADER names a header that a reverse proxy of
    ours sets: then its last entry, the one that proxy wrote (the ones before it
    came from the client and prove nothing).
    """
    candidates = []
    if settings.CLIENT_IP_HEADER:
        meta = "HTTP_" + settings.CLIENT_IP_HEADER.upper().replace("-", "_")
        candidates.append(request.META.get(meta, "").rsplit(",", 1)[-1].strip())
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    # No address at all (a Unix socket without a proxy header): one shared count.
    # A rate-limit bucket's name, nothing binds to it.
    return "0.0.0.0"  # nosec B104


def user_agent(request: HttpRequest) -> str:
    """The User-Agent header, cut to a length worth keeping, without NUL characters."""
    return request.META.get("HTTP_USER_AGENT", "").replace("\0", "")[:USER_AGENT_LENGTH]
