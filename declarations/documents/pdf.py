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
from pyhanko.pdf_utils import generic, misc
from pyhanko.pdf_utils.decode_limits import DecodePurpose
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
# is what carries the record. Level A: tagged (WeasyPrint's structure tree,
# /MarkInfo, the document's /Lang), so that a screen reader can follow the
# headings, lists and tables. Verifying a tagged PDF stays fast because
# verification reads it with IndexedPdfFileReader and the spans are merged
# (_merge_text_spans); see the README's signing section for the figures.
PDF_VARIANT = "pdf/a-3a"


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


def _finish(document: object, pdf: pydyf.PDF) -> None:
    _list_associated_files_once(document, pdf)
    _merge_text_spans(pdf)


def _merge_text_spans(pdf: pydyf.PDF) -> None:
    """Put the marked content of spans straight into the structure element above them.

    WeasyPrint tags every run of text (each line of a paragraph, each cell's
    text) as a /Span structure element of its own holding one marked-content
    id, and each HTML ``<span>`` as one more: about 700 of a Standard
    declaration's 1,200 structure elements. Neither says anything to assistive
    technology (WeasyPrint gives them no attributes), and a structure element
    may hold marked-content ids itself (ISO 32000-1 §14.7.2; WeasyPrint does so
    for links), so the spans and the empty grouping elements (/NonStruct) that
    hold nothing but marked content are merged into their parent, children
    first, and the parent tree is pointed at the parent. The text, its order
    and every element that means something (headings, lists, tables, links,
    the QR code's figure) stay as they are.

    This matters for verification: pyHanko reads every object of the signed
    revision when it compares it with the long-term updates that follow, and
    the merge halves their number. pydyf cannot drop an object from a file
    with an object stream (its cross-reference stream would shift), so each
    merged element stays behind as an empty dictionary that nothing refers to.
    """
    if "StructTreeRoot" not in pdf.catalog:
        return
    by_reference = {obj.reference: obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary)}
    merged: dict[bytes, bytes] = {}
    # Children are added to the PDF after their parent: reversed, a span is
    # merged into a span before that one is merged in turn.
    for element in reversed(list(by_reference.values())):
        if element.get("Type") != "/StructElem" or not isinstance(element.get("K"), list):
            continue
        kids = pydyf.Array()
        for kid in element["K"]:
            inner = by_reference.get(kid) if isinstance(kid, bytes) else None
            if inner is not None and _holds_only_marked_content(inner, element):
                kids.extend(inner["K"])
                merged[kid] = element.reference
                inner.clear()
            else:
                kids.append(kid)
        element["K"] = kids
    parent_tree = by_reference[by_reference[pdf.catalog["StructTreeRoot"]]["ParentTree"]]
    for entry in parent_tree["Nums"]:
        if isinstance(entry, list):
            for i, reference in enumerate(entry):
                while reference in merged:
                    reference = merged[reference]
                entry[i] = reference


def _holds_only_marked_content(element: pydyf.Dictionary, parent: pydyf.Dictionary) -> bool:
    return (
        element.get("Type") == "/StructElem"
        and element.get("S") in ("/Span", "/NonStruct")
        and set(element) == {"Type", "S", "K", "Pg", "P"}
        and element["P"] == parent.reference
        and element["Pg"] == parent.get("Pg")
        and isinstance(element["K"], list)
        and all(isinstance(mcid, int) for mcid in element["K"])
    )


def render_pdf(html: str, *, base_url: str | None, attachments: list[EmbeddedFile]) -> bytes:
    """Render ``html`` to a tagged PDF/A-3a with each attachment associated.

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
        finisher=_finish,
    )


class _ObjectStreamIndex(NamedTuple):
    data: bytes
    first: int
    # Object number -> (position in the header, offset), first occurrence.
    entries: dict[int, tuple[int, int]]
    # What stopped the header being read before /N entries, if anything:
    # pyHanko meets it when it looks for an object listed after that point.
    stop: Exception | None


class IndexedPdfFileReader(PdfFileReader):
    """pyHanko's reader, with the header of each object stream parsed once.

    pyHanko 0.38 decodes an object stream and scans its header from the start
    on every read of an object inside it, which is quadratic in the objects
    per stream. WeasyPrint puts all of a document's objects into one stream, so
    for a tagged PDF (about 1,300 objects for a Standard declaration, most of
    them structure elements) verifying took 3.6 s of CPU instead of 0.12 s,
    nearly all of it re-reading that header while pyHanko's difference
    analysis read the signed revision. Here the header is read once per
    stream; each object is then read exactly as pyHanko reads it, with the
    same answer for a missing object or a damaged header, strict or not.
    """

    def __init__(self, stream, strict: bool = True) -> None:
        super().__init__(stream, strict=strict)
        self._object_stream_indexes: dict[int, _ObjectStreamIndex] = {}

    def _object_stream_index(self, stmnum: int, stream: generic.StreamObject) -> _ObjectStreamIndex:
        index = self._object_stream_indexes.get(stmnum)
        if index is not None:
            return index
        data = stream.read_data(DecodePurpose.OBJECT_STREAM)
        header = BytesIO(data)
        entries: dict[int, tuple[int, int]] = {}
        stop = None
        for i in range(stream["/N"]):
            try:
                misc.read_non_whitespace(header, seek_back=True)
                objnum = generic.NumberObject.read_from_stream(header)
                misc.read_non_whitespace(header, seek_back=True)
                offset = generic.NumberObject.read_from_stream(header)
                misc.read_non_whitespace(header, seek_back=True)
            except MemoryError:
                raise
            except Exception as exc:
                stop = exc
                break
            entries.setdefault(objnum, (i, offset))
        index = _ObjectStreamIndex(data, stream["/First"], entries, stop)
        self._object_stream_indexes[stmnum] = index
        return index

    def _get_object_from_stream(self, idnum, stmnum, idx):
        stream = generic.Reference(stmnum, 0, self).get_object()
        # pyHanko asserts these; an upload is untrusted input, so they are errors here.
        if not isinstance(stream, generic.StreamObject) or stream.get("/Type") != "/ObjStm":
            raise misc.PdfReadError(f"Object {stmnum} is not an object stream")
        if not (0 <= idx < stream["/N"]):
            if self.strict:
                raise misc.PdfStrictReadError("Object stream does not contain index")
            return generic.NullObject()
        index = self._object_stream_index(stmnum, stream)
        entry = index.entries.get(idnum)
        if entry is None:
            if isinstance(index.stop, ValueError):
                if self.strict:
                    raise misc.PdfStrictReadError("Object stream header possibly corrupted")
                return generic.NullObject()
            if index.stop is not None:
                raise index.stop
            if self.strict:
                raise misc.PdfStrictReadError(
                    "Object not found in stream, this is a fatal error in strict mode"
                )
            return generic.NullObject()
        i, offset = entry
        if self.strict and idx != i:
            raise misc.PdfStrictReadError("Object is in wrong index.")
        body = BytesIO(index.data)
        body.seek(index.first + offset)
        try:
            obj = generic.read_object(body, generic.Reference(idnum, 0, self))
        except (misc.PdfStreamError, misc.PdfReadError) as exc:
            if self.strict:
                raise misc.PdfStrictReadError(f"Can't read object stream: {exc}") from None
            obj = generic.NullObject()
        if isinstance(obj, (generic.StreamObject, generic.IndirectObject)) and self.strict:
            raise misc.PdfStrictReadError("Encountered forbidden object type in object stream")
        return obj


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
        root = IndexedPdfFileReader(BytesIO(pdf)).root
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


def qr_svg(url: str, title: str | None = None) -> str:
    """Inline SVG QR code for ``url``; size it with CSS on ``svg``.

    ``title`` becomes the SVG's <title>, which WeasyPrint writes as the
    alternate text (/Alt) of the QR code's figure in a tagged PDF.
    """
    buffer = BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=3, xmldecl=False, svgns=True, nl=False, title=title
    )
    return buffer.getvalue().decode()
