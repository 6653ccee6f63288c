"""Settings for pytest: the project's, in development mode unless told otherwise.

Only the Makefile exports DEBUG=1, and settings without DEBUG require a
SECRET_KEY, so `.venv/bin/pytest` in a fresh clone (no .env) would not start.
"""

import os

os.environ.setdefault("DEBUG", "1")

from portal.settings import *  # noqa: E402, F403

# Rate counts live in a per-process cache that each test starts empty
# (tests/conftest.py); never a shared cache a CACHE_URL might name.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Files the tests make (signed PDFs) go to a directory of this run, never to the
# checkout's var/media, which holds the development server's own. A process a test
# starts (a Celery worker) is told the test's directory in MEDIA_ROOT: it keeps it.
if "MEDIA_ROOT" not in os.environ:
    import tempfile
    from pathlib import Path

    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))
