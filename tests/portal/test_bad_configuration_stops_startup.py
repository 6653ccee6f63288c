"""A typo in the environment stops the start-up and says which variable it is in."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


# Long and varied enough for the production check; a test value all the same.
PRODUCTION_KEY = "test-only-production-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def start_django(*arguments: str, **variables: str) -> subprocess.CompletedProcess:
    """Django set up in a fresh process; with arguments, ``manage.py`` run with them."""
    # Not the test run's own DJANGO_* switches (the browser tests allow async-unsafe
    # calls, which the deployment check rightly refuses).
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment = {**inherited, "DJANGO_SETTINGS_MODULE": "portal.settings", **variables}
    command = ["manage.py", *arguments] if arguments else ["-c", "import django; django.setup()"]
    return subprocess.run(
        [sys.executable, *command],
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
    started = start_django(DEBUG="0", SECRET_KEY=PRODUCTION_KEY, SECURE_SSL_REDIRECT="flase")
    assert started.returncode != 0
    assert "ImproperlyConfigured: SECURE_SSL_REDIRECT='flase'" in started.stderr


def test_the_same_production_environment_without_the_typo_starts(production_cert):
    started = start_django(
        DEBUG="0",
        SECRET_KEY=PRODUCTION_KEY,
        SECURE_SSL_REDIRECT="false",
        SIGNING_CERT_FILE=str(production_cert),
    )
    assert started.returncode == 0, started.stderr
