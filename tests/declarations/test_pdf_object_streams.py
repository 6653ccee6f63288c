"""Verification reads object streams as pyHanko does, only without re-reading each header.

IndexedPdfFileReader must give the same object, or fail the same way, for
every object of an object stream, whatever its header says.
"""

import time
from io import BytesIO

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from declarations.documents.pdf import IndexedPdfFileReader

BODIES = [b"<< /A 1 >>", b"[1 2 (three)]", b"<< /B /Name /C [4 0 R] >>"]


def pdf_with_object_stream(
    header: bytes, bodies: list[bytes] = BODIES, count: int | None = None
) -> bytes:
    """A one-page PDF whose object 4 is an uncompressed object stream of ``count`` objects."""
    out = BytesIO()
    offsets = {}

    def add(number: int, body: bytes) -> None:
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    out.write(b"%PDF-1.7\n")
    add(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    add(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    add(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    first = len(header) + 1
    data = header + b"\n" + b"\n".join(bodies)
    add(
        4,
        b"<< /Type /ObjStm /N %d /First %d /Length %d >>\nstream\n%s\nendstream"
        % (len(bodies) if count is None else count, first, len(data), data),
    )
    xref = out.tell()
    out.write(b"xref\n0 5\n0000000000 65535 f \n")
    out.write(b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, 5)))
    out.write(b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def offsets_header(numbers: list[bytes]) -> bytes:
    positions, at = [], 0
    for body in BODIES:
        positions.append(at)
        at += len(body) + 1
    return b" ".join(b"%s %d" % (n, p) for n, p in zip(numbers, positions, strict=True))


def outcome(reader_class, pdf: bytes, strict: bool, idnum: int, idx: int):
    reader = reader_class(BytesIO(pdf), strict=strict)
    try:
        # Twice: the second read comes from the index.
        reader._get_object_from_stream(idnum, 4, idx)
        obj = reader._get_object_from_stream(idnum, 4, idx)
    except Exception as exc:
        return type(exc), str(exc)
    out = BytesIO()
    obj.write_to_stream(out)
    return type(obj), out.getvalue()


HEADERS = {
    "well formed": offsets_header([b"5", b"6", b"7"]),
    "an object listed twice": offsets_header([b"5", b"5", b"7"]),
    "damaged after the second entry": offsets_header([b"5", b"6", b"x"]),
    "damaged at the start": b"x 0 6 11 7 25",
    "shorter than /N says": b"5 0 6 11",
}


@pytest.mark.parametrize("strict", [True, False])
@pytest.mark.parametrize("header", HEADERS.values(), ids=HEADERS.keys())
@pytest.mark.parametrize(
    ("idnum", "idx"),
    [(5, 0), (6, 1), (7, 2), (6, 0), (8, 1), (5, 3), (5, -1)],
    ids=["first", "second", "third", "wrong index", "absent", "index past /N", "negative"],
)
def test_each_read_matches_pyhankos_own(header, strict, idnum, idx):
    pdf = pdf_with_object_stream(header)

    assert outcome(IndexedPdfFileReader, pdf, strict, idnum, idx) == outcome(
        PdfFileReader, pdf, strict, idnum, idx
    )


@pytest.mark.parametrize("strict", [True, False])
@pytest.mark.parametrize(("idnum", "idx"), [(5, 0), (6, 1), (1, 2), (8, 3)])
def test_a_header_that_runs_out_fails_alike_past_where_it_ends(strict, idnum, idx):
    # /N says four, the data ends inside the third entry.
    pdf = pdf_with_object_stream(b"5 0 6 2", [b"1", b"2"], count=4)

    assert outcome(IndexedPdfFileReader, pdf, strict, idnum, idx) == outcome(
        PdfFileReader, pdf, strict, idnum, idx
    )


def test_a_stream_or_reference_inside_an_object_stream_is_refused_alike():
    bodies = [b"<< /A 1 >>", b"9 0 R", b"<< /Length 0 >>\nstream\n\nendstream"]
    header = b"5 0 6 11 7 17"
    pdf = pdf_with_object_stream(header, bodies)

    for strict in (True, False):
        for idnum, idx in ((6, 1), (7, 2)):
            assert outcome(IndexedPdfFileReader, pdf, strict, idnum, idx) == outcome(
                PdfFileReader, pdf, strict, idnum, idx
            )


def test_every_object_of_a_tagged_signed_pdf_reads_the_same(with_pdf):
    data = with_pdf.pdf_file.read()
    ours, theirs = IndexedPdfFileReader(BytesIO(data)), PdfFileReader(BytesIO(data))
    refs: set = set()
    for revision in range(theirs.xrefs.total_revisions):
        refs |= theirs.xrefs.explicit_refs_in_revision(revision)
        for ref in refs:
            a, b = BytesIO(), BytesIO()
            ours.get_object(ref, revision=revision).write_to_stream(a)
            theirs.get_object(ref, revision=revision).write_to_stream(b)
            assert a.getvalue() == b.getvalue(), (ref, revision)

    assert len(refs) > 500  # the structure tree is in there


def test_reading_every_object_of_a_large_object_stream_takes_linear_time():
    count = 5000
    bodies = [b"<< /N %d >>" % i for i in range(count)]
    positions, at = [], 0
    for body in bodies:
        positions.append(at)
        at += len(body) + 1
    header = b" ".join(b"%d %d" % (5 + i, p) for i, p in enumerate(positions))
    reader = IndexedPdfFileReader(BytesIO(pdf_with_object_stream(header, bodies)))

    started = time.process_time()
    values = [reader._get_object_from_stream(5 + i, 4, i)["/N"] for i in range(count)]
    elapsed = time.process_time() - started

    assert values == list(range(count))
    # pyHanko's own reader re-reads the header up to each object: about
    # 12.5 million numbers here, a minute or more; the index reads 10,000.
    assert elapsed < 5
