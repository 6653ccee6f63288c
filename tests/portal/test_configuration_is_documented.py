"""Every variable the settings read is listed in .env.example and the README."""

import re
from pathlib import Path

from django.conf import settings

from portal.config import names_read

REPO = Path(__file__).resolve().parents[2]


def _names_read_by_the_settings() -> frozenset[str]:
    assert settings.configured and settings.SECRET_KEY  # the settings module has run
    names = names_read()
    assert {"DEBUG", "DATABASE_URL", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"} <= names
    return names


def test_env_example_lists_exactly_the_variables_the_settings_read():
    text = (REPO / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))
    read = _names_read_by_the_settings()
    assert sorted(read - listed) == [], "missing from .env.example"
    assert sorted(listed - read) == [], "in .env.example but never read"


def test_the_readme_names_every_variable_the_settings_read():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [name for name in _names_read_by_the_settings() if f"`{name}`" not in readme]
    assert sorted(missing) == []
