"""The signed PDF is a PDF/A-3a whose record is an associated file.

Everything is read back from the file the worker stored, after signing, with
pikepdf: the renderer's own flags prove nothing about what a reader gets.
"""

from io import BytesIO

import pikepdf
import pytest

from declarations.documents.rendering import RECORD_FILENAME
from declarations.documents.signing import verify_pdf

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


@pytest.fixture
def signed(with_pdf):
    data = with_pdf.pdf_file.read()
    with pikepdf.open(BytesIO(data)) as pdf:
        yield with_pdf, data, pdf


def test_the_xmp_metadata_declares_pdf_a_3a_after_signing(signed):
    _, _, pdf = signed
    metadata = pdf.open_metadata()

    assert metadata[f"{PDFAID}part"] == "3"
    assert metadata[f"{PDFAID}conformance"] == "A"


def test_the_record_is_the_documents_one_associated_file_as_its_json_source(signed):
    declaration, _, pdf = signed
    [filespec] = pdf.Root.AF
    stream = filespec.EF.F

    assert str(filespec.UF) == RECORD_FILENAME
    assert filespec.AFRelationship == pikepdf.Name.Source
    assert stream.Subtype == pikepdf.Name("/application/json")
    assert stream.read_bytes() == declaration.canonical_json.encode()


def test_the_associated_file_is_also_the_listed_attachment(signed):
    declaration, _, pdf = signed

    assert pdf.attachments[RECORD_FILENAME].get_file().read_bytes() == (
        declaration.canonical_json.encode()
    )
    assert list(pdf.attachments) == [RECORD_FILENAME]


def test_an_srgb_output_intent_is_present(signed):
    _, _, pdf = signed
    [intent] = pdf.Root.OutputIntents

    assert intent.S == pikepdf.Name.GTS_PDFA1
    assert intent.DestOutputProfile.N == 3  # an RGB ICC profile
    assert intent.DestOutputProfile.read_bytes()[36:40] == b"acsp"  # ICC signature


def test_the_document_states_its_language(signed):
    _, _, pdf = signed

    assert pdf.Root.Lang == "ja"


def test_the_archival_pdf_still_verifies_as_signed_by_the_portal(signed):
    _, data, _ = signed
    check = verify_pdf(data)

    assert check.ok and check.covers_whole_file
