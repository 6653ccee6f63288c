"""Every message of the verification room has a Japanese translation in the catalogue.

Reads the sources of declarations/verification/ and the problem messages of
documents/signing.py for gettext calls, and the .po file for their entries, so
that a verdict never shows an English reason on a Japanese page.
"""

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PO = REPO / "locale" / "ja" / "LC_MESSAGES" / "django.po"
SOURCES = [
    *sorted((REPO / "declarations" / "verification").glob("*.py")),
    REPO / "declarations" / "documents" / "signing.py",
]
GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop"}


def messages_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in GETTEXT
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def catalogue() -> dict[str, tuple[str, bool]]:
    """msgid → (msgstr, fuzzy) of every live entry of the .po file."""
    entries = {}
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        text = "\n".join(lines)
        match = re.search(r'^msgid ((?:".*"\n?)+)^msgstr ((?:".*"\n?)+)', text, re.MULTILINE)
        if not match:
            continue
        msgid, msgstr = (
            "".join(ast.literal_eval(part) for part in group.split("\n") if part)
            for group in match.groups()
        )
        entries[msgid] = (msgstr, "fuzzy" in text.split("msgid", 1)[0])
    return entries


MESSAGES = sorted(set().union(*(messages_of(path) for path in SOURCES)))


def test_the_verification_room_has_messages_to_check():
    assert "Registered and in force." in MESSAGES
    assert "The PDF has no digital signature." in MESSAGES
    assert len(MESSAGES) > 20


@pytest.mark.parametrize("message", MESSAGES)
def test_the_message_has_a_japanese_translation(message):
    entries = catalogue()

    assert message in entries, "missing from the catalogue: run `make catalogue`"
    translation, fuzzy = entries[message]
    assert translation and not fuzzy
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", translation)  # kana or kanji
