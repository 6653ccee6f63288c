"""The portal's own supply chain: every dependency pinned and hashed in a lock that
the install and the image use, and an SBOM that names what the portal runs on."""

import json
import re
import subprocess
import tomllib
from pathlib import Path

import django
import pytest

REPO = Path(__file__).resolve().parents[1]
RUNTIME_LOCK = REPO / "requirements" / "runtime.txt"
DEV_LOCK = REPO / "requirements" / "dev.txt"


def _name(requirement: str) -> str:
    """The normalised project name of a PEP 508 requirement."""
    name = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
    assert name, requirement
    return re.sub(r"[-_.]+", "-", name.group(0)).lower()


def _pins(lock: Path) -> dict[str, str]:
    """name → version of every requirement in a lock, after checking each is hashed."""
    pins = {}
    # A requirement with its continuation lines is one entry; comments are not.
    text = re.sub(r"\\\n\s*", " ", lock.read_text(encoding="utf-8"))
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        match = re.match(r"([A-Za-z0-9._-]+)(\[[^\]]*\])?==([^\s;]+)", line)
        assert match, f"{lock.name}: not pinned to one version: {line[:80]}"
        assert "--hash=sha256:" in line, f"{lock.name}: {match.group(1)} has no hash"
        pins[_name(match.group(1))] = match.group(3)
    return pins


def _declared(*, extra: str | None = None) -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {_name(requirement) for requirement in requirements}


def test_every_locked_dependency_is_pinned_to_one_version_with_its_hashes():
    assert len(_pins(RUNTIME_LOCK)) > 20
    assert len(_pins(DEV_LOCK)) > len(_pins(RUNTIME_LOCK))


def test_the_locks_hold_every_dependency_that_pyproject_declares():
    """A dependency added to pyproject.toml without `make lock` fails here."""
    runtime, dev = _pins(RUNTIME_LOCK), _pins(DEV_LOCK)
    assert _declared() - set(runtime) == set(), "run `make lock`"
    assert (_declared() | _declared(extra="dev")) - set(dev) == set(), "run `make lock`"


def test_development_runs_the_same_versions_as_production():
    runtime, dev = _pins(RUNTIME_LOCK), _pins(DEV_LOCK)
    assert {name: dev.get(name) for name in runtime} == runtime


def test_the_install_and_the_image_install_from_the_locks_with_hashes_required():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet --require-hashes -r $(LOCK_DEV)" in makefile
    assert "pip install --quiet --no-deps -e ." in makefile
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements/runtime.txt" in dockerfile
    assert "pip install --no-cache-dir --no-deps ." in dockerfile


def test_the_installed_django_is_the_locked_one():
    assert _pins(RUNTIME_LOCK)["django"] == django.__version__


def test_make_sbom_writes_a_cyclonedx_document_naming_django_and_its_version(tmp_path):
    sbom = tmp_path / "sbom.cdx.json"
    # -o: take the virtualenv as installed; the test runs inside it.
    subprocess.run(
        ["make", "-s", "-o", ".venv/.installed", "sbom", f"SBOM={sbom}"],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=120,
    )
    document = json.loads(sbom.read_text(encoding="utf-8"))
    assert document["bomFormat"] == "CycloneDX"
    assert document["metadata"]["component"]["name"] == "declaration-portal"
    components = {c["name"].lower(): c for c in document["components"]}
    assert components["django"]["version"] == django.__version__
    assert components["django"]["purl"] == f"pkg:pypi/django@{django.__version__}"
    assert set(components) >= {"weasyprint", "pyhanko", "celery", "psycopg2-binary"}
    assert "pytest" not in components, "the SBOM describes what runs, not the tests"


@pytest.mark.parametrize("lock", [RUNTIME_LOCK, DEV_LOCK], ids=lambda p: p.name)
def test_the_locks_say_how_to_regenerate_them(lock):
    assert "make lock" in lock.read_text(encoding="utf-8").split("\n", 3)[1]
