"""With DEBUG off, nothing made for development may run: not its secret key, not its
signing key — and Django's own deployment check has nothing to say."""

from .test_bad_configuration_stops_startup import PRODUCTION_KEY, start_django


def production(production_cert, **variables: str) -> dict[str, str]:
    return {
        "DEBUG": "0",
        "SECRET_KEY": PRODUCTION_KEY,
        "ALLOWED_HOSTS": "portal.example.go.jp",
        "SITE_URL": "https://portal.example.go.jp",
        # Shared by every process, as the rate limits need; nothing connects to it here.
        "CACHE_URL": "redis://127.0.0.1:6379/1",
        "SIGNING_CERT_FILE": str(production_cert),
        **variables,
    }


def test_the_development_secret_key_stops_a_production_start_up(production_cert):
    started = start_django(
        **production(production_cert, SECRET_KEY="dev-only-insecure-key-do-not-use-in-production")
    )
    assert started.returncode != 0
    assert "SECRET_KEY is a development or weak value" in started.stderr


def test_a_short_secret_key_stops_a_production_start_up(production_cert):
    started = start_django(**production(production_cert, SECRET_KEY="a-production-key"))
    assert started.returncode != 0
    assert "SECRET_KEY is a development or weak value" in started.stderr


def test_a_signing_certificate_of_the_development_ca_stops_a_production_start_up(
    production_cert, pki_dir
):
    development_cert = pki_dir / "signing-cert.pem"
    started = start_django(**production(production_cert, SIGNING_CERT_FILE=str(development_cert)))
    assert started.returncode != 0
    assert "was issued by the development CA" in started.stderr


def test_make_prod_like_may_say_that_it_runs_on_the_development_pki(production_cert, pki_dir):
    started = start_django(
        **production(
            production_cert,
            SIGNING_CERT_FILE=str(pki_dir / "signing-cert.pem"),
            SIGNING_ALLOW_DEVELOPMENT_KEY="1",
        )
    )
    assert started.returncode == 0, started.stderr


def test_the_deployment_check_is_clean_under_production_settings(production_cert):
    checked = start_django(
        "check", "--deploy", "--fail-level", "WARNING", **production(production_cert)
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no issues" in checked.stdout
