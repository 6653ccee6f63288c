"""The words a user reads are the glossary's words, in both languages.

``docs/glossary.md`` fixes one term per concept and lists the variants it
rejects. A rejected variant in a template's text, in a Japanese translation of
the catalogue (Japanese variants) or in an English source string (English
variants) fails here, naming where; a use that must stay goes in ALLOWED below
with its reason.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.md"
CATALOGUE = ROOT / "locale" / "ja" / "LC_MESSAGES" / "django.po"

# (variant, text around it) -> why that use is right. Keep it short. The terms
# that contain a variant (自己適合宣言, 証明書失効リスト) are glossary terms of
# their own, so they need no entry here.
ALLOWED: dict[tuple[str, str], str] = {
    ("準拠", "AA に準拠"): "JIS X 8341-3's own word for a conformance claim, not an answer status",
}

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{.*?\}\}")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _cells(line: str) -> list[list[str]]:
    return [re.findall(r"`([^`]+)`", cell) for cell in line.strip().strip("|").split("|")]


def _glossary() -> tuple[list[str], list[tuple[str, str]]]:
    """Every accepted term, longest first, and every (rejected variant, concept)."""
    rows = [line for line in GLOSSARY.read_text().splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in rows[0].strip().strip("|").split("|")]
    accepted: list[str] = []
    rejected: list[tuple[str, str]] = []
    for row in rows[1:]:
        cells = dict(zip(header, _cells(row), strict=True))
        concept = row.strip().strip("|").split("|")[0].strip()
        accepted += cells["日本語"] + cells["English"]
        rejected += [(v, concept) for v in cells["Rejected (ja)"] + cells["Rejected (en)"]]
    return sorted(accepted, key=len, reverse=True), rejected


def _catalogue() -> list[tuple[str, str]]:
    """(English source string, Japanese translation) of every live entry."""
    if shutil.which("msgattrib") is None:
        pytest.fail("gettext is missing: `make test` installs it")
    out = subprocess.run(
        ["msgattrib", "--no-obsolete", "--no-wrap", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    entries, msgid, msgstr = [], [], []
    for line in [*out.splitlines(), ""]:
        key, _, value = line.partition(" ")
        if key in ("msgid", "msgid_plural"):
            msgid.append(json.loads(value))
        elif key.startswith("msgstr"):
            msgstr.append(json.loads(value))
        elif not line and msgid:
            entries.append((" ".join(msgid), " ".join(msgstr)))
            msgid, msgstr = [], []
    return entries


def _template_text(source: str) -> str:
    """What a reader sees of a template: its text and translated strings, no code."""
    source = re.sub(r"\{#.*?#\}", " ", source, flags=re.S)
    source = re.sub(r"\{%\s*(?:translate|trans)\s+(\"[^\"]*\"|'[^']*')[^%]*%\}", r" \1 ", source)
    source = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", source, flags=re.S)
    source = re.sub(r"<[^>]*>", " ", source)
    return source


def _texts() -> list[tuple[str, str, str]]:
    """(where, language, text) for every piece of wording the test checks."""
    texts = [
        (f"catalogue: {msgid[:60]!r}", lang, text)
        for msgid, msgstr in _catalogue()
        for lang, text in (("en", msgid), ("ja", msgstr))
    ]
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in (".html", ".txt"):
            where = str(path.relative_to(ROOT))
            text = _template_text(path.read_text())
            texts += [(where, "en", text), (where, "ja", text)]
    return texts


def _found(variant: str, text: str) -> list[str]:
    """The snippets of ``text`` where ``variant`` is used."""
    if JAPANESE.search(variant):
        pattern = re.escape(variant)
    else:
        pattern = r"(?<![A-Za-z])" + re.escape(variant)
    return [text[max(0, m.start() - 20) : m.end() + 20] for m in re.finditer(pattern, text, re.I)]


def _allowed(variant: str, snippet: str) -> bool:
    return any(v == variant and around in snippet for v, around in ALLOWED)


def test_the_glossary_rejects_no_term_it_also_accepts():
    accepted, rejected = _glossary()
    assert rejected, "the glossary table was not found"
    assert sorted({v for v, _ in rejected} & set(accepted)) == []


def test_no_rejected_variant_is_used():
    accepted, rejected = _glossary()
    misuses = []
    for where, lang, text in _texts():
        text = PLACEHOLDER.sub(" ", text)
        for variant, concept in rejected:
            if bool(JAPANESE.search(variant)) != (lang == "ja"):
                continue
            # An accepted term holding the variant is no use of it:
            # 自己適合宣言 is right though 適合宣言 alone is not.
            mine = text
            for term in accepted:
                if variant.lower() in term.lower():
                    mine = re.sub(re.escape(term), " ", mine, flags=re.I)
            misuses += [
                f"{where}: {variant!r} ({concept}) in …{snippet.strip()}…"
                for snippet in _found(variant, mine)
                if not _allowed(variant, snippet)
            ]
    assert not misuses, "\n".join(misuses)
