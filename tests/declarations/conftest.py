"""Fixtures for PDF rendering and signing: real keys, real PDFs, no mocks."""

import subprocess
from pathlib import Path

import pytest
from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder
from pyhanko.sign.timestamps import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

from declarations import tasks
from declarations.documents.dev_pki import create_dev_pki
from declarations.documents.pdf import EmbeddedFile, qr_svg, render_pdf
from declarations.documents.signing import sign_pdf
from tests.conftest import use_pki  # noqa: F401  (re-exported for the tests here)

VERIFY_URL = "https://portal.example.jp/verify/5f0c2a1e-8d3b-4c57-9e2a-0b6f1d7c3e94"
JSON_ATTACHMENT = (
    '{"declaration":"自己適合宣言","serial":"D-2025-000123","answers":{"1.1":"適合"}}'
).encode()

# About six A4 pages of mixed Japanese and English, like a real declaration.
SECTION = (
    "<h3>要求事項 {n}: ソフトウェア部品表（SBOM）の作成と管理</h3>"
    "<table><tr><th>状態</th><td>適合 / Conformant</td></tr></table>"
    "<p>{text}</p><p>{text}</p>"
)
SECTION_TEXT = (
    "当社は、製品に含まれるソフトウェアコンポーネントを特定し、脆弱性情報と照合する体制を整備している。"
    "The vendor maintains an SBOM for every release and reviews it against known vulnerabilities. "
) * 4
JAPANESE_HTML = (
    "<!doctype html><html lang='ja'><head><meta charset='utf-8'><style>"
    "html { font-family: 'Noto Sans CJK JP', sans-serif; font-size: 10pt; }"
    "@page { size: A4; margin: 20mm; }"
    "svg { width: 30mm; height: 30mm; }"
    "</style></head><body>"
    "<h1>自己適合宣言書</h1><p>製品名：テスト製品</p>"
    + qr_svg(VERIFY_URL)
    + "".join(SECTION.format(n=n, text=SECTION_TEXT) for n in range(1, 13))
    + "</body></html>"
)


def run(*command: str, stdin: bytes | None = None) -> str:
    result = subprocess.run(command, input=stdin, capture_output=True, check=True)
    return result.stdout.decode()


@pytest.fixture(scope="session")
def attacker_pki_dir(tmp_path_factory) -> Path:
    """A second, unrelated CA with the same names: what a forger would make."""
    directory = tmp_path_factory.mktemp("attacker-pki")
    create_dev_pki(directory)
    return directory


def timestamper_for(directory: Path) -> DummyTimeStamper:
    root = load_cert_from_pemder(directory / "root-ca.pem")
    return DummyTimeStamper(
        tsa_cert=load_cert_from_pemder(directory / "tsa-cert.pem"),
        tsa_key=load_private_key_from_pemder(directory / "tsa-key.pem", passphrase=None),
        certs_to_embed=SimpleCertificateStore.from_certs([root]),
    )


@pytest.fixture(scope="session")
def unsigned_pdf() -> bytes:
    return render_pdf(
        JAPANESE_HTML,
        base_url=None,
        attachments=[
            EmbeddedFile("declaration.json", JSON_ATTACHMENT, "Canonical declaration (JSON)")
        ],
    )


@pytest.fixture
def signed_pdf(portal_pki, unsigned_pdf) -> bytes:
    return sign_pdf(unsigned_pdf, reason="自己適合宣言の発行", location="Tokyo")


@pytest.fixture
def with_pdf(published, settings, tmp_path):
    """The published declaration with its signed PDF, made as the worker makes it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    tasks.generate_pdf.delay(published.pk)  # eager in tests
    published.refresh_from_db()
    return published


@pytest.fixture
def pdf_pages(with_pdf, tmp_path) -> list[str]:
    """The text of each page of the signed PDF, as pdftotext extracts it."""
    path = tmp_path / "d.pdf"
    path.write_bytes(with_pdf.pdf_file.read())
    return run("pdftotext", "-enc", "UTF-8", str(path), "-").split("\f")
