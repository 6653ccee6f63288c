"""The container files, read as structure: no Docker engine runs here, so these
tests hold the compose file and the Dockerfile to what production needs."""

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
PORTAL_SERVICES = ("web", "worker", "beat")


def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))


def dockerfile() -> str:
    return (REPO / "Dockerfile").read_text(encoding="utf-8")


def test_compose_runs_web_worker_beat_database_and_broker_each_with_a_health_check():
    services = compose()["services"]
    assert set(services) == {*PORTAL_SERVICES, "db", "redis"}
    for name, service in services.items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"
    assert "gunicorn" in services["web"]["command"]
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]


def test_no_portal_container_reads_a_env_file_or_runs_in_debug():
    for name in PORTAL_SERVICES:
        service = compose()["services"][name]
        assert "env_file" not in service, f"{name} would take a developer's .env (DEBUG=1)"
        assert service["environment"]["DEBUG"] == "0"
        assert "SIGNING_ALLOW_DEVELOPMENT_KEY" not in service["environment"]


def test_secrets_come_from_secret_files_never_from_the_environment_or_the_image():
    data = compose()
    for name in PORTAL_SERVICES:
        environment = data["services"][name]["environment"]
        for variable in ("SECRET_KEY", "SIGNING_KEY_PASSPHRASE", "DATABASE_PASSWORD"):
            assert variable not in environment
            assert environment[f"{variable}_FILE"].startswith("/run/secrets/")
        assert environment["SIGNING_KEY_FILE"].startswith("/run/secrets/")
        assert {"secret_key", "signing_key.pem", "signing_key_passphrase"} <= set(
            data["services"][name]["secrets"]
        )
    assert "://portal:" not in data["services"]["web"]["environment"]["DATABASE_URL"]
    assert set(data["secrets"]) >= {"secret_key", "signing_key.pem", "signing_key_passphrase"}


def test_the_database_and_media_live_in_named_volumes_and_no_volume_holds_signing_keys():
    data = compose()
    assert {"pgdata", "media"} <= set(data["volumes"])
    assert "pgdata:/var/lib/postgresql/data" in data["services"]["db"]["volumes"]
    for name in PORTAL_SERVICES:
        mounts = data["services"][name]["volumes"]
        assert "media:/app/var/media" in mounts
        assert not any("signing" in mount for mount in mounts)


def test_the_image_is_built_in_stages_and_runs_as_a_user_of_its_own():
    text = dockerfile()
    assert len(re.findall(r"^FROM ", text, re.MULTILINE)) >= 2
    users = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert "fonts-noto-cjk" in text and "libpango" in text
    assert "collectstatic" in text
    assert re.search(r"^HEALTHCHECK ", text, re.MULTILINE)


def test_the_image_sets_no_secret_and_debug_off():
    instructions = dockerfile().replace("\\\n", " ").splitlines()
    env_lines = " ".join(line for line in instructions if line.startswith("ENV "))
    assert "DEBUG=0" in env_lines
    assert "SECRET_KEY" not in env_lines


def test_dockerignore_keeps_development_files_out_of_the_image():
    ignored = {
        line.strip()
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".env", "var/", ".venv/", ".git/"} <= ignored


def test_static_files_are_served_by_whitenoise():
    from django.conf import settings

    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE
