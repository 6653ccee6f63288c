"""The registry as CSV: every row of the search, in its order, that Excel opens as UTF-8
and never runs as a formula."""

import csv
import datetime
import io
import re

import pytest
from django.http import StreamingHttpResponse

from declarations.registry.export import safe_cell
from tests.factories import OrganizationFactory

from .registry import publish

URL = "/registry/export.csv"


def _download(client, params=None, url=URL):
    response = client.get(url, params or {})
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    data = b"".join(response.streaming_content)
    return response, data


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_a_utf8_file_with_a_byte_order_mark_named_for_today(client, published):
    response, data = _download(client)
    assert data.startswith("\ufeff".encode())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = datetime.date.today()
    assert response["Content-Disposition"] == f'attachment; filename="registry-{today:%Y%m%d}.csv"'


def test_the_header_is_translated(client, published):
    _, data = _download(client)
    assert _rows(data)[0][:2] == ["シリアル番号", "事業者"]
    _, data = _download(client, url="/en" + URL)
    assert _rows(data)[0][:2] == ["Serial number", "Provider"]


def test_every_row_of_the_search_in_its_order(client, acme, minimum, standard, portal_pki):
    for n in range(30):  # more than a page
        publish(acme, f"製品{n:02d}", standard if n % 10 else minimum)
    publish(OrganizationFactory(name_ja="別会社"), "別製品", standard)
    params = {"package": "standard", "q": "あくめ", "sort": "valid_until"}
    _, data = _download(client, params)
    exported = [row[0] for row in _rows(data)[1:]]
    listed = []
    for page in (1, 2):
        html = client.get("/registry/", {**params, "page": page}).content.decode()
        listed += re.findall(r"<code>(JPD-[0-9A-Z-]+)</code>", html)
    assert len(exported) == 27 and exported == listed
    assert all(row[6] == "標準" for row in _rows(data)[1:])


def test_a_row_holds_what_was_signed(client, published):
    _, data = _download(client, url="/en" + URL)
    row = _rows(data)[1]
    assert row[:6] == [
        published.serial,
        "アクメ株式会社",
        "Acme Corp",
        published.organization.corporate_number,
        "Acme Cloud",
        "3.2",
    ]
    assert row[6:9] == ["Minimum", "2024-09", "In force"]
    assert row[10] == published.valid_until.isoformat()
    assert row[11].endswith(f"/en/registry/{published.serial}/")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_formula_is_written_as_text(start):
    assert safe_cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    assert safe_cell("Acme = good") == "Acme = good"


def test_a_product_named_like_a_formula_is_exported_as_text(client, acme, minimum, portal_pki):
    publish(acme, '=HYPERLINK("http://evil.example")', minimum, version="@1")
    _, data = _download(client)
    row = _rows(data)[1]
    assert row[4] == '\'=HYPERLINK("http://evil.example")' and row[5] == "'@1"


def test_bad_filters_are_ignored_in_the_export_too(client, published):
    _, data = _download(client, {"status": "nope", "q": "\x00"})
    assert len(_rows(data)) == 2
