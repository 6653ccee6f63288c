"""Comparing two to six declarations side by side, on the page and as CSV."""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from declarations import services
from declarations.models import Answer
from tests.conftest import PASSWORD, answer_everything, attest
from tests.declarations.editions import publish_newer_edition
from tests.declarations.registry import publish
from tests.factories import OrganizationFactory, ProductFactory

URL = reverse("declarations:compare")
CSV_URL = reverse("declarations:compare_export")


def _query(*serials) -> str:
    return "?" + "&".join(f"compare={s}" for s in serials)


@pytest.fixture
def gap_standard(acme, alice, sam, standard, portal_pki):
    """Acme Edge on Standard, with a gap in (1)-2 whose remediation is due in 10 days."""
    product = ProductFactory(organization=acme, name="Acme Edge", version="2.0")
    draft = services.start_declaration(product=product, package=standard, user=alice)
    answer_everything(draft)
    Answer.objects.filter(declaration=draft, statement__code="(1)-2").update(
        status="partial",
        explanation="一部のみ実施",
        remediation_plan="全製品へ展開する",
        target_date=datetime.date.today() + datetime.timedelta(days=10),
        public_statement_ja="公開用: 段階的に展開中",
    )
    return attest(draft, sam, password=PASSWORD)


def test_two_declarations_show_side_by_side_with_minimum_and_standard_aligned(
    client, published, gap_standard
):
    response = client.get(URL + _query(published.serial, gap_standard.serial))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="compare-declaration"') == 2
    # (1)-1 is in Standard, not in Minimum: the Minimum column says so.
    row = html.split('data-code="(1)-1"')[1].split("</tr>")[0]
    assert "compare-cell-not_in_package" in row and "compare-cell-answer" in row
    # Every statement of either package is one row, grouped by category.
    assert html.count("data-code=") == 19
    assert 'id="compare-category-5"' in html


def test_gaps_and_overdue_plans_are_marked_in_words_not_only_colour(
    client, published, gap_standard, pat
):
    query = URL + _query(published.serial, gap_standard.serial)
    client.force_login(pat)
    # Past the target date, within the session's two weeks.
    with time_machine.travel(datetime.date.today() + datetime.timedelta(days=12)):
        html = client.get(query).content.decode()
    row = html.split('data-code="(1)-2"')[1].split("</tr>")[0]
    assert "compare-cell-overdue" in row
    assert "⚠" in row and "‼" in row
    assert "期限超過" in row or "Overdue" in row


def test_the_public_sees_gaps_and_public_statements_but_no_plan_dates(
    client, published, gap_standard
):
    serials = _query(published.serial, gap_standard.serial)
    with time_machine.travel(datetime.date.today() + datetime.timedelta(days=20)):
        html = client.get(URL + serials).content.decode()
        sheet = client.get(CSV_URL + serials).content.decode("utf-8-sig")
    row = html.split('data-code="(1)-2"')[1].split("</tr>")[0]
    assert "⚠" in row  # the gap is public, as its status is
    assert "公開用: 段階的に展開中" in row and "公開用: 段階的に展開中" in sheet
    assert "compare-cell-overdue" not in row and "‼" not in row
    due = str(datetime.date.today() + datetime.timedelta(days=10))
    assert due not in html and due not in sheet


def test_explanations_only_for_readers_of_the_answers(client, published, gap_standard, pat):
    query = URL + _query(published.serial, gap_standard.serial)
    anonymous = client.get(query).content.decode()
    assert "一部のみ実施" not in anonymous and 'id="text-restricted"' in anonymous
    assert "compare-status-partial" in anonymous  # the status is public
    client.force_login(pat)
    procurer = client.get(query).content.decode()
    assert "一部のみ実施" in procurer and "全製品へ展開する" in procurer
    assert 'id="text-restricted"' not in procurer


@pytest.mark.parametrize(
    "values,message",
    [
        ([], None),
        (["JPD-2026-AAAA-AAAA", "JPD-2026-BBBB-BBBB"], "No declaration in the registry"),
        (["not a serial", "\x00\x01"], "These are not serial numbers"),
        (["x" * 100_000], "These are not serial numbers"),
        (["JPD-2026-AAAA-AAAA"] * 60, "at most 6"),
    ],
)
def test_a_selection_that_cannot_be_compared_gets_a_clear_message(db, client, values, message):
    response = client.get("/en" + URL, {"compare": values})
    html = response.content.decode()
    if message is None:
        assert response.status_code == 200 and 'id="compare-empty"' in html
    else:
        assert response.status_code == 400 and message in html


def test_fewer_than_two_or_more_than_six_are_refused(client, published, acme, standard):
    one = client.get("/en" + URL + _query(published.serial))
    assert one.status_code == 400 and "at least 2" in one.content.decode()
    serials = [published.serial] + [publish(acme, f"製品{n}", standard).serial for n in range(6)]
    seven = client.get("/en" + URL + _query(*serials))
    assert seven.status_code == 400 and "at most 6" in seven.content.decode()


def test_a_draft_or_an_unknown_serial_is_not_found(client, published, acme_draft):
    response = client.get("/en" + URL + _query(published.serial, "JPD-2026-ZZZZ-ZZZZ"))
    assert response.status_code == 400
    assert "JPD-2026-ZZZZ-ZZZZ" in response.content.decode()


def test_declarations_on_different_editions_are_aligned_and_the_page_says_so(
    client, published, alice, sam, guideline
):
    edition = publish_newer_edition(guideline)
    draft = services.renew_declaration(declaration=published, user=alice)
    answer_everything(draft)
    newer = attest(draft, sam, password=PASSWORD)
    assert newer.edition == edition
    html = client.get("/en" + URL + _query(published.serial, newer.serial)).content.decode()
    assert 'id="mixed-editions"' in html and "2024-09" in html and "2026-04" in html
    # (4)-1 joined Minimum in 2026-04: answered there, outside the older package.
    row = html.split('data-code="(4)-1"')[1].split("</tr>")[0]
    assert row.index("compare-cell-not_in_package") < row.index("compare-cell-answer")
    # (1)-5 is new in 2026-04: the older declaration's edition has no such statement.
    row = html.split('data-code="(1)-5"')[1].split("</tr>")[0]
    assert row.index("compare-cell-not_in_edition") < row.index("compare-cell-answer")


def test_the_page_costs_the_same_queries_for_two_and_six(
    client, pat, acme, standard, minimum, portal_pki, django_assert_num_queries
):
    other = OrganizationFactory()
    serials = [
        publish(acme if n % 2 else other, f"製品{n}", standard if n % 3 else minimum).serial
        for n in range(6)
    ]
    client.force_login(pat)
    client.get(URL + _query(*serials[:2]))  # warm the session
    with django_assert_num_queries(5) as two:
        assert client.get(URL + _query(*serials[:2])).status_code == 200
    with django_assert_num_queries(len(two.captured_queries)):
        assert client.get(URL + _query(*serials)).status_code == 200


def test_the_csv_holds_one_line_per_statement_and_text_only_for_readers(
    client, published, gap_standard, pat
):
    query = _query(published.serial, gap_standard.serial)
    anonymous = client.get("/en" + CSV_URL + query)
    assert anonymous["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(anonymous.content.decode("utf-8-sig"))))
    header, lines = rows[0], rows[1:20]
    assert header[:3] == ["Category", "Statement", "Requirement"]
    assert header[3:] == [
        f"{published.serial}: status",
        f"{published.serial}: public statement",
        f"{published.serial}: note",
        f"{gap_standard.serial}: status",
        f"{gap_standard.serial}: public statement",
        f"{gap_standard.serial}: note",
    ]
    by_code = {line[1]: line for line in lines}
    assert len(by_code) == 19
    assert by_code["(1)-1"][5] == "Not in package"
    assert by_code["(1)-2"][6] == "Partially conformant" and by_code["(1)-2"][8] == "Gap"
    assert "一部のみ実施" not in anonymous.content.decode("utf-8-sig")
    # After the table, which declaration each serial is.
    assert [published.serial, gap_standard.serial] == [r[0] for r in rows[-2:]]

    client.force_login(pat)
    procurer = client.get("/en" + CSV_URL + query).content.decode("utf-8-sig")
    procurer_rows = list(csv.reader(io.StringIO(procurer)))
    assert f"{gap_standard.serial}: explanation" in procurer_rows[0]
    assert f"{gap_standard.serial}: target date" in procurer_rows[0]
    assert "一部のみ実施" in procurer


def test_a_formula_in_a_product_name_is_not_a_formula_in_the_csv(client, acme, minimum, portal_pki):
    first = publish(acme, '=HYPERLINK("http://evil")', minimum)
    second = publish(acme, "普通の製品", minimum)
    text = client.get(CSV_URL + _query(first.serial, second.serial)).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_the_registry_carries_the_selection_in_its_query_string(client, published, gap_standard):
    query = reverse("declarations:registry") + _query(published.serial)
    html = client.get(query).content.decode()
    assert (
        f'value="{published.serial}" form="compare-form" id="compare-{published.serial}" checked'
        in html
    )
    # Kept in the search form, so that a new search keeps it.
    search = html.split('id="registry-search"')[1].split("</form>")[0]
    assert f'name="compare" value="{published.serial}"' in search
