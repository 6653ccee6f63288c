"""Whatever arrives — any text in any field or query parameter (NUL bytes, lone
surrogates, huge values), any bytes as a PDF — the answer is a page or an error
for the person, never a server error: on SQLite and on PostgreSQL alike.

Property tests kept small (a few dozen examples each, no deadline) so that the
suite stays quick; each example is a real request through the whole stack.
"""

from urllib.parse import quote_from_bytes

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from declarations import tasks

from .drafting import answer_url, page_data

PROPERTY = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as a browser or a script might send it: ordinary, hostile, or enormous.
HOSTILE = st.sampled_from(["\x00", "\ud800", "\udfff", "\u202e", "%", "&", "=", "+", "'", "--"])
texts = st.one_of(
    st.text(max_size=50),
    st.lists(st.one_of(st.text(max_size=5), HOSTILE), max_size=10).map("".join),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=3), st.integers(1000, 30_000)),
    st.integers().map(str),
    st.sampled_from(["", "0", "-1", "1e9", "99999999999999999999", "standard", "-valid_until"]),
)


def encoded(fields: dict[str, str]) -> str:
    """``fields`` as a query string or form body, lone surrogates and all (a browser
    sends those as the bytes of an invalid UTF-8 sequence)."""
    return "&".join(
        f"{quote_from_bytes(k.encode())}={quote_from_bytes(v.encode('utf-8', 'surrogatepass'))}"
        for k, v in fields.items()
    )


REGISTRY_PARAMETERS = (
    "q",
    "package",
    "status",
    "edition",
    "product_kind",
    "vendor_role",
    "sort",
    "page",
    "page_size",
)


@pytest.mark.parametrize(
    "path", ["/registry/", "/en/registry/", "/registry/export.csv", "/api/v1/declarations/"]
)
@PROPERTY
@given(parameters=st.dictionaries(st.sampled_from(REGISTRY_PARAMETERS), texts, max_size=5))
def test_no_registry_query_is_a_server_error(client, published, path, parameters):
    response = client.get(f"{path}?{encoded(parameters)}")
    assert response.status_code < 500, (path, parameters)


ANSWER_FIELDS = (
    "status",
    "explanation",
    "evidence_links",
    "evidence",
    "remediation_plan",
    "target_date",
    "public_statement_ja",
    "public_statement_en",
    "version",
    "loaded",
)


@PROPERTY
@given(typed=st.dictionaries(st.sampled_from(ANSWER_FIELDS), texts, max_size=6))
def test_no_answer_typed_is_a_server_error(client, alice, acme_draft, typed):
    client.force_login(alice)
    data = page_data(acme_draft, 1)
    prefix = next(key.rsplit("-", 1)[0] for key in data if key.endswith("-status"))
    data |= {f"{prefix}-{field}": value for field, value in typed.items()}
    response = client.post(
        answer_url(acme_draft, 1),
        encoded(data),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code < 500, typed


@pytest.fixture
def issued_pdf(published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    tasks.generate_pdf.delay(published.pk)
    published.refresh_from_db()
    return published.pdf_file.read()


@st.composite
def damaged(draw, pdf: bytes) -> bytes:
    """Random bytes, the real PDF cut short, or the real PDF with bytes changed."""
    kind = draw(st.sampled_from(["random", "truncated", "mutated"]))
    if kind == "random":
        return draw(st.binary(max_size=4096))
    if kind == "truncated":
        return pdf[: draw(st.integers(0, len(pdf) - 1))]
    data = bytearray(pdf)
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


def test_no_uploaded_file_is_a_server_error(client, issued_pdf, settings):
    settings.VERIFY_UPLOAD_RATE = "100000/m"

    @settings_for_uploads
    @given(data=damaged(issued_pdf))
    def check(data):
        for path in ("/api/v1/verify/", "/verify/"):
            upload = SimpleUploadedFile("declaration.pdf", data, "application/pdf")
            response = client.post(path, {"pdf": upload})
            assert response.status_code < 500, (path, len(data))

    check()


# Each verification reads and checks a whole PDF: fewer examples.
settings_for_uploads = settings(PROPERTY, max_examples=20)
