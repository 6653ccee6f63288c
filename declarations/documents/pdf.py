"""Rendering declaration PDFs with WeasyPrint, and reading them back.

WeasyPrint is imported at module level on purpose: the import costs ~0.4 s,
which a worker should pay once at start-up rather than on its first render.
"""

from __future__ import annotations

import functools
import logging
import subprocess  # nosec B404
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pydyf
import segno
import weasyprint
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from weasyprint.urls import URLFetcher

# WeasyPrint logs ten INFO lines ("Step 1 - Fetching…") per render; with the
# root logger at INFO that would drown the worker's own log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Real name trees have a handful of nodes; the bound stops a crafted upload
# (a /Kids cycle, or a node listed twice at every level) from looping forever.
_MAX_NAME_TREE_NODES = 1000


# PDF/A-3 is the archival profile that allows embedded files, provided each is
# an associated file (catalog /AF, with its relationship and MIME type), which
# is what carries the record. Level B (visual appearance). No tags
# (pdf_tags): with a structure tree, pyHanko's check of the signed revisions
# took 3.2 s instead of 0.2 s for a Minimum declaration, and an upload's
# verification has a 10 s budget.
PDF_VARIANT = "pdf/a-3b"


class EmbeddedFile(NamedTuple):
    name: str
    data: bytes
    description: str
    # How the file relates to the document (ISO 32000-2 §7.11.3): "Source" for
    # the data the pages were rendered from.
    relationship: str = "Unspecified"


class MissingJapaneseFontError(RuntimeError):
    """No font that covers Japanese is installed, so the PDF would show tofu."""


@functools.cache
def _has_japanese_font() -> bool:
    try:
        # The one subprocess of the apps: fixed arguments, no shell; fc-list is
        # fontconfig's, found on PATH like the libraries WeasyPrint loads.
        result = subprocess.run(  # nosec B603 B607
            ["fc-list", ":lang=ja", "family"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(result.stdout.strip())


def ensure_japanese_font() -> None:
    """Raise unless fontconfig knows a Japanese-capable font.

    WeasyPrint silently renders boxes ("tofu") for Japanese text when no
    such font exists, which would produce a signed but unreadable declaration.
    """
    if not _has_japanese_font():
        raise MissingJapaneseFontError(
            "No Japanese font found (`fc-list :lang=ja` is empty or fc-list is missing). "
            "Install one, e.g. `apt-get install fonts-noto-cjk fontconfig`."
        )


class _LocalOnlyFetcher(URLFetcher):
    """Fetch data: URLs and files under one directory; nothing else.

    Declarations contain vendor-written text. Should any of it ever reach the
    HTML unescaped, WeasyPrint must not be able to fetch network URLs (SSRF) or
    embed arbitrary local files, such as the signing key, via
    ``<a rel="attachment">``.
    """

    def __init__(self, root: Path | None) -> None:
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        self._root = root

    def fetch(self, url: str, headers: dict | None = None):
        if url.lower().startswith("file:"):
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if self._root is None or not path.is_relative_to(self._root):
                raise ValueError(f"File outside the PDF asset directory: {url}")
        return super().fetch(url, headers)


def _asset_root(base_url: str | None) -> Path | None:
    if not base_url:
        return None
    if base_url.startswith("file:"):
        base_url = url2pathname(urlsplit(base_url).path)
    elif "://" in base_url:
        return None
    path = Path(base_url).resolve()
    return path if path.is_dir() else path.parent


def _list_associated_files_once(document: object, pdf: pydyf.PDF) -> None:
    # WeasyPrint 70 adds each attachment to /AF twice (once from the name
    # tree, once from the file specification itself).
    if "AF" in pdf.catalog:
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))


def render_pdf(html: str, *, base_url: str | None, attachments: list[EmbeddedFile]) -> bytes:
    """Render ``html`` to a PDF/A-3b with each attachment associated.

    The MIME type of each file is guessed from its name. ``base_url`` is the
    directory (path or file: URL) holding the stylesheets, fonts and images
    the HTML refers to; nothing outside it can be read.
    """
    ensure_japanese_font()
    # Explicit UTC times: WeasyPrint writes them with a "Z" suffix, which a
    # naive local time would make wrong.
    now = datetime.now(UTC)
    files = [
        weasyprint.Attachment(
            file_obj=BytesIO(file.data),
            name=file.name,
            description=file.description,
            created=now,
            modified=now,
            relationship=file.relationship,
        )
        for file in attachments
    ]
    fetcher = _LocalOnlyFetcher(_asset_root(base_url))
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(
        attachments=files,
        pdf_variant=PDF_VARIANT,
        finisher=_list_associated_files_once,
    )


def _get(node: object, key: str) -> generic.PdfObject | None:
    # dict.get() would skip pyHanko's dereferencing __getitem__.
    if not isinstance(node, generic.DictionaryObject):
        return None
    try:
        return node[key]
    except KeyError:
        return None


def _name_tree_items(tree: generic.PdfObject | None):
    """Yield (key, value) pairs of a PDF name tree (ISO 32000-1 §7.9.6)."""
    stack, visited = [tree], 0
    while stack and visited < _MAX_NAME_TREE_NODES:
        node = stack.pop()
        visited += 1
        names = _get(node, "/Names")
        if isinstance(names, generic.ArrayObject):
            for i in range(0, len(names) - 1, 2):
                yield names[i], names[i + 1]
        kids = _get(node, "/Kids")
        if isinstance(kids, generic.ArrayObject):
            stack.extend(kids[i] for i in reversed(range(len(kids))))


def _text(value: object) -> str | None:
    if isinstance(value, generic.TextStringObject):
        return str(value)
    if isinstance(value, generic.ByteStringObject):
        return bytes(value).decode("latin-1")
    return None


def extract_attachment(pdf: bytes, name: str) -> bytes | None:
    """The embedded file called ``name``, or None if absent or unreadable.

    Reads the latest revision, so callers must also check that the signature
    covers the whole file before trusting what comes back.
    """
    try:
        root = PdfFileReader(BytesIO(pdf)).root
        tree = _get(_get(root, "/Names"), "/EmbeddedFiles")
        for key, filespec in _name_tree_items(tree):
            labels = {_text(key), _text(_get(filespec, "/UF")), _text(_get(filespec, "/F"))}
            if name in labels:
                files = _get(filespec, "/EF")
                for stream_key in ("/UF", "/F"):
                    stream = _get(files, stream_key)
                    if isinstance(stream, generic.StreamObject):
                        return stream.data
    except MemoryError:
        raise  # not "absent": the caller may be running this under a memory limit
    except Exception:
        # pyHanko raises many unrelated exception types on malformed input;
        # for a caller asking "is the file in there?" they all mean no.
        return None
    return None


def qr_svg(url: str) -> str:
    """Inline SVG QR code for ``url``; size it with CSS on ``svg``."""
    buffer = BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=3, xmldecl=False, svgns=True, nl=False
    )
    return buffer.getvalue().decode()
