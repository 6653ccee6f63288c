import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from declarations.documents.pdf import EmbeddedFile, extract_attachment, qr_svg, render_pdf
from tests.declarations.conftest import JSON_ATTACHMENT, VERIFY_URL, run

MINIMAL_HTML = "<html lang='ja'><body style='font-family: \"Noto Sans CJK JP\"'>{}</body></html>"


def test_japanese_text_is_rendered_with_an_embedded_japanese_font(unsigned_pdf, tmp_path):
    path = tmp_path / "declaration.pdf"
    path.write_bytes(unsigned_pdf)

    fonts = run("pdffonts", str(path))
    text = run("pdftotext", "-enc", "UTF-8", str(path), "-")

    assert "Noto-Sans-CJK-JP" in fonts
    assert "Noto-Sans-CJK-JP-Bold" in fonts  # headings really are bold
    assert "自己適合宣言書" in text
    assert "ソフトウェア部品表" in text


def test_declaration_document_spans_several_pages(unsigned_pdf, tmp_path):
    path = tmp_path / "declaration.pdf"
    path.write_bytes(unsigned_pdf)

    pages = int(run("pdfinfo", str(path)).split("Pages:")[1].split()[0])

    assert 5 <= pages <= 8


def test_attachment_round_trips_byte_for_byte(unsigned_pdf):
    assert extract_attachment(unsigned_pdf, "declaration.json") == JSON_ATTACHMENT


def test_binary_attachments_round_trip_too():
    data = os.urandom(4096) + b"\x00\r\n\r"
    pdf = render_pdf(
        MINIMAL_HTML.format("添付"),
        base_url=None,
        attachments=[
            EmbeddedFile("a.bin", data, "binary"),
            EmbeddedFile("b.json", b"{}", "empty object"),
        ],
    )

    assert extract_attachment(pdf, "a.bin") == data
    assert extract_attachment(pdf, "b.json") == b"{}"


def test_missing_attachment_is_none(unsigned_pdf):
    assert extract_attachment(unsigned_pdf, "other.json") is None


def test_attachment_lookup_in_garbage_is_none():
    assert extract_attachment(b"", "declaration.json") is None
    assert extract_attachment(b"%PDF-1.7\nnot really", "declaration.json") is None


def test_attachment_is_found_in_a_nested_name_tree(unsigned_pdf):
    # Other PDF writers split large name trees into /Kids; move WeasyPrint's
    # flat /Names array one level down to get such a tree.
    writer = IncrementalPdfFileWriter(BytesIO(unsigned_pdf))
    names = writer.root["/Names"]
    flat = names["/EmbeddedFiles"]
    leaf = writer.add_object(
        generic.DictionaryObject(
            {
                generic.NameObject("/Names"): flat["/Names"],
                generic.NameObject("/Limits"): generic.ArrayObject(
                    [generic.TextStringObject("a"), generic.TextStringObject("z")]
                ),
            }
        )
    )
    tree = writer.add_object(
        generic.DictionaryObject({generic.NameObject("/Kids"): generic.ArrayObject([leaf])})
    )
    names[generic.NameObject("/EmbeddedFiles")] = tree
    writer.update_container(names)
    out = BytesIO()
    writer.write(out)

    assert extract_attachment(out.getvalue(), "declaration.json") == JSON_ATTACHMENT


def test_name_tree_that_contains_itself_does_not_hang(unsigned_pdf):
    writer = IncrementalPdfFileWriter(BytesIO(unsigned_pdf))
    names = writer.root["/Names"]
    loop = writer.add_object(generic.DictionaryObject())
    loop.get_object()[generic.NameObject("/Kids")] = generic.ArrayObject([loop, loop])
    names[generic.NameObject("/EmbeddedFiles")] = loop
    writer.update_container(names)
    out = BytesIO()
    writer.write(out)

    assert extract_attachment(out.getvalue(), "declaration.json") is None


def test_qr_code_in_the_pdf_decodes_to_the_verification_url(unsigned_pdf, tmp_path):
    pdf = render_pdf(MINIMAL_HTML.format(qr_svg(VERIFY_URL)), base_url=None, attachments=[])
    (tmp_path / "qr.pdf").write_bytes(pdf)

    run(
        "pdftoppm",
        "-r",
        "150",
        "-png",
        "-f",
        "1",
        "-l",
        "1",
        str(tmp_path / "qr.pdf"),
        str(tmp_path / "page"),
    )
    [png] = tmp_path.glob("page*.png")
    decoded = run("zbarimg", "-q", "--raw", str(png))

    assert decoded.strip() == VERIFY_URL


def test_qr_svg_is_inline_svg_without_xml_declaration():
    svg = qr_svg(VERIFY_URL)

    assert svg.startswith("<svg")
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg


def test_local_files_outside_the_asset_directory_are_not_embedded(tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "allowed.txt").write_text("allowed")
    secret = tmp_path / "signing-key.pem"
    secret.write_text("-----BEGIN PRIVATE KEY-----")
    html = (
        f"<html><head><link rel='attachment' href='{secret.as_uri()}'>"
        "<link rel='attachment' href='allowed.txt'></head><body>x</body></html>"
    )

    pdf = render_pdf(html, base_url=str(assets), attachments=[])

    assert extract_attachment(pdf, "allowed.txt") == b"allowed"
    assert extract_attachment(pdf, "signing-key.pem") is None


def test_rendering_without_a_japanese_font_fails_loudly(tmp_path):
    # A fontconfig setup that knows no fonts at all, as on a bare server.
    config = tmp_path / "fonts.conf"
    config.write_text(
        f"<?xml version='1.0'?><fontconfig><cachedir>{tmp_path}</cachedir></fontconfig>"
    )
    code = (
        "from declarations.documents.pdf import MissingJapaneseFontError, render_pdf\n"
        "try:\n"
        "    render_pdf('<p>日本語</p>', base_url=None, attachments=[])\n"
        "except MissingJapaneseFontError as exc:\n"
        "    print('refused:', exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "FONTCONFIG_FILE": str(config)},
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    )

    assert "refused: No Japanese font found" in result.stdout
