"""The signed PDF is tagged for screen readers (PDF/A-3a).

Read back with pikepdf from the file the worker stored, after signing: the
structure tree, the marked content it points to, and the document language.
"""

from collections import Counter
from io import BytesIO

import pikepdf
import pytest

from declarations.documents.signing import verify_pdf


@pytest.fixture
def signed(with_pdf):
    data = with_pdf.pdf_file.read()
    with pikepdf.open(BytesIO(data)) as pdf:
        yield data, pdf


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _elements(element):
    """Every structure element below ``element``, depth first."""
    for kid in _kids(element):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _marked_content_ids(page) -> list[int]:
    ids = []
    for operands, operator in pikepdf.parse_content_stream(page):
        properties = operands[-1] if operands else None
        is_dictionary = isinstance(properties, pikepdf.Dictionary)
        if str(operator) == "BDC" and is_dictionary and "/MCID" in properties:
            ids.append(int(properties.MCID))
    return ids


def test_the_pdf_is_marked_as_tagged_and_states_its_language(signed):
    _, pdf = signed

    assert pdf.Root.MarkInfo.Marked is True
    # Declarations have no language of their own: the PDF is bilingual,
    # Japanese first with English beneath, as the template's <html lang="ja">.
    assert pdf.Root.Lang == "ja"


def test_the_xmp_metadata_declares_level_a(signed):
    _, pdf = signed
    metadata = pdf.open_metadata()

    assert metadata["{http://www.aiim.org/pdfa/ns/id/}conformance"] == "A"


def test_the_structure_tree_has_the_documents_headings_lists_and_tables(signed):
    _, pdf = signed
    root = pdf.Root.StructTreeRoot
    [document] = _kids(root)
    kinds = Counter(str(element.S) for element in _elements(document))

    assert root.Type == pikepdf.Name.StructTreeRoot
    assert str(document.S) == "/Document"
    assert kinds["/H1"] >= 1
    assert kinds["/H2"] >= 1
    assert kinds["/Table"] >= 1 and kinds["/TH"] >= 1 and kinds["/TD"] >= 1
    assert kinds["/L"] >= 1 and kinds["/LI"] >= 1
    assert kinds["/Link"] >= 1


def test_the_qr_code_is_a_figure_with_alternate_text(signed):
    _, pdf = signed
    [figure] = [e for e in _elements(pdf.Root.StructTreeRoot) if str(e.S) == "/Figure"]

    assert "QRコード" in str(figure.Alt)
    assert "QR code" in str(figure.Alt)


def test_runs_of_text_are_merged_into_the_element_that_holds_them(signed):
    _, pdf = signed
    elements = list(_elements(pdf.Root.StructTreeRoot))

    leftover = [
        e
        for e in elements
        if e.S in (pikepdf.Name.Span, pikepdf.Name.NonStruct)
        and all(isinstance(kid, int) for kid in _kids(e))
    ]
    assert leftover == []


def test_every_marked_content_id_maps_to_the_element_that_holds_it(signed):
    _, pdf = signed
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}

    for index, page in enumerate(pdf.pages):
        ids = _marked_content_ids(page)
        mapped = parents[page.StructParents]
        assert page.StructParents == index
        assert sorted(ids) == list(range(len(mapped)))
        for mcid in ids:
            element = mapped[mcid]
            assert element.Type == pikepdf.Name.StructElem
            assert element.Pg.objgen == page.obj.objgen
            assert mcid in _kids(element)


def test_the_tagged_pdf_verifies_as_signed_by_the_portal(signed):
    data, _ = signed
    check = verify_pdf(data)

    assert check.ok and check.covers_whole_file
