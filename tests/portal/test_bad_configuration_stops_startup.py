"""A typo in the environment stops the start-up and says which variable it is in."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def start_django(**variables: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", **variables}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_ture_stops_the_start_up_naming_debug():
    started = start_django(DEBUG="ture")
    assert started.returncode != 0
    assert "ImproperlyConfigured: DEBUG='ture'" in started.stderr


def test_secure_ssl_redirect_flase_stops_a_production_start_up_naming_it():
    started = start_django(DEBUG="0", SECRET_KEY="a-production-key", SECURE_SSL_REDIRECT="flase")
    assert started.returncode != 0
    assert "ImproperlyConfigured: SECURE_SSL_REDIRECT='flase'" in started.stderr


def test_the_same_production_environment_without_the_typo_starts():
    started = start_django(DEBUG="0", SECRET_KEY="a-production-key", SECURE_SSL_REDIRECT="false")
    assert started.returncode == 0, started.stderr
