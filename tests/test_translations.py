"""Every string a person reads has its Japanese translation.

Django's own makemessages gathers the strings of the code and templates into
a copy of the catalogue, exactly as a translator would; any entry still
untranslated or only fuzzily matched there fails this test, naming it.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["portal", "guidelines", "declarations", "templates", "locale"]


def _msgids(po: Path, *flags: str) -> list[str]:
    out = subprocess.run(
        ["msgattrib", *flags, "--no-obsolete", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ids = [line[len('msgid "') : -1] for line in out.splitlines() if line.startswith('msgid "')]
    return [msgid for msgid in ids if msgid]  # the header's msgid is empty


@pytest.fixture(scope="module")
def gathered(tmp_path_factory) -> Path:
    if shutil.which("msgattrib") is None:
        pytest.fail("gettext is missing: `make test` installs it")
    copy = tmp_path_factory.mktemp("catalogue")
    for name in SOURCES:
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("*.mo"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "ja", "--no-location", "-v0"],
        cwd=copy,
        env={"PATH": "/usr/bin:/bin"},
        check=True,
    )
    return copy / "locale" / "ja" / "LC_MESSAGES" / "django.po"


def test_every_string_has_a_japanese_translation(gathered):
    assert _msgids(gathered, "--untranslated") == []


def test_no_translation_is_a_fuzzy_guess(gathered):
    assert _msgids(gathered, "--only-fuzzy") == []


def test_the_catalogue_in_the_repository_is_up_to_date(gathered):
    # makemessages changed nothing but the creation date: the catalogue holds
    # every string of the code, and none that the code no longer has.
    ours = (ROOT / "locale" / "ja" / "LC_MESSAGES" / "django.po").read_text().splitlines()
    theirs = gathered.read_text().splitlines()
    differ = [a for a, b in zip(ours, theirs, strict=False) if a != b]
    assert len(ours) == len(theirs) and all("POT-Creation-Date" in line for line in differ)
