"""The PDF's table headings never break inside a word, nor run out of their column:
"該当なし" reads as one word or not at all. Measured on WeasyPrint's own layout of
the real template, as the PDF is made."""

import weasyprint
from weasyprint.formatting_structure import boxes

from declarations.documents.pdf import ensure_japanese_font
from declarations.documents.rendering import render_declaration_html

# Room for rounding in WeasyPrint's layout, in CSS pixels.
SLACK = 0.5


def _lines(cell):
    """Each line of a cell: its text and its width."""
    for line in cell.descendants():
        if isinstance(line, boxes.LineBox):
            text = "".join(box.text for box in line.descendants() if isinstance(box, boxes.TextBox))
            yield text, line.width


def header_cells(declaration):
    ensure_japanese_font()
    document = weasyprint.HTML(string=render_declaration_html(declaration)).render()
    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, boxes.TableCellBox) and box.element_tag == "th":
                lines = list(_lines(box))
                if "".join(text for text, _width in lines).strip():
                    yield box, lines


def test_every_table_heading_keeps_its_words_whole_and_inside_its_column(published):
    cells = list(header_cells(published))
    assert any("該当なし" in "".join(cell.element.itertext()) for cell, _lines in cells)
    for cell, lines in cells:
        words = " ".join(text for text, _width in lines).split()
        whole = "".join(cell.element.itertext())
        for word in whole.split():
            assert word in words, f"{word!r} broken across lines in {whole!r}"
        for text, width in lines:
            assert width <= cell.width + SLACK, f"{text!r} runs out of its column"
