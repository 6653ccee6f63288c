"""A procurer organization checks itself against the guideline's customer category — (6)-1
and (6)-2 — with a vendor's answer form, privately: saved per organization and edition,
never published or signed, read only by the organization's members, and shown beside the
declarations it requested."""

import datetime

import pytest
from django.urls import reverse

from declarations.errors import DeclarationError
from declarations.models import DeclarationRequest, SelfCheck, SelfCheckAnswer
from declarations.selfcheck.forms import SelfCheckChange
from declarations.selfcheck.queries import current_self_check
from declarations.services import save_self_check
from guidelines.models import Statement

URL = reverse("declarations:self_check")
LATER = datetime.date.today() + datetime.timedelta(days=90)
EXPLANATION = "調達仕様書にSBOMの提出を求める条項がまだない。"
PLAN = "次年度の調達仕様書の雛形に条項を追加する。"


def _post(client, *, status="partial", explanation=EXPLANATION, plan=PLAN, version=0):
    return client.post(
        URL,
        {
            "s6-1-status": status,
            "s6-1-explanation": explanation,
            "s6-1-remediation_plan": plan,
            "s6-1-target_date": LATER.isoformat(),
            "s6-1-version": str(version),
            "s6-2-status": "conformant",
            "s6-2-version": str(version),
        },
    )


def test_the_self_check_asks_the_customer_statements_of_the_current_edition(client, pat, guideline):
    client.force_login(pat)
    check = client.get(URL).context["check"]
    assert [row.statement.code for row in check.rows] == ["(6)-1", "(6)-2"]
    assert check.edition == guideline and check.answered == 0


def test_a_procurer_saves_the_self_check_with_the_vendors_answer_rules(client, pat, guideline):
    client.force_login(pat)
    refused = _post(client, plan="")
    assert refused.status_code == 200 and not SelfCheck.objects.exists()
    assert refused.context["page"].error_summary
    assert _post(client).status_code == 302
    check = SelfCheck.objects.get()
    assert check.organization == pat.memberships.get().organization and check.edition == guideline
    answers = {a.statement.code: a for a in SelfCheckAnswer.objects.select_related("statement")}
    assert answers["(6)-1"].status == "partial" and answers["(6)-1"].remediation_plan == PLAN
    assert answers["(6)-1"].target_date == LATER and answers["(6)-2"].status == "conformant"


def test_a_colleague_saving_meanwhile_is_not_overwritten(client, pat, guideline):
    client.force_login(pat)
    _post(client)
    stale = _post(client, status="conformant", version=0)
    assert stale.status_code == 200
    assert SelfCheckAnswer.objects.get(statement__code="(6)-1").status == "partial"


def test_only_members_of_an_approved_procurer_write_one(alice, pat, guideline, buyer_org):
    statement = Statement.objects.get(edition=guideline, code="(6)-1")
    change = SelfCheckChange(statement_id=statement.pk, version=0, status="conformant")
    with pytest.raises(DeclarationError):
        save_self_check(organization=buyer_org, edition=guideline, changes=[change], user=alice)
    vendor_statement = Statement.objects.get(edition=guideline, code="(1)-1")
    with pytest.raises(DeclarationError):
        save_self_check(
            organization=buyer_org,
            edition=guideline,
            changes=[SelfCheckChange(statement_id=vendor_statement.pk, version=0)],
            user=pat,
        )


def test_no_one_else_sees_it(client, pat, quinn, alice, root, guideline):
    client.force_login(pat)
    _post(client)
    client.force_login(quinn)  # another procurer organization: its own, empty self-check
    page = client.get(URL)
    assert page.context["check"].answered == 0 and EXPLANATION not in page.content.decode()
    for outsider in (alice, root):
        client.force_login(outsider)
        assert client.get(URL).status_code == 404


def test_it_stands_beside_the_requests_and_a_requested_declaration(
    client, pat, quinn, alice, published, buyer_org
):
    client.force_login(pat)
    _post(client)
    made = DeclarationRequest.objects.create(
        procurer=buyer_org,
        vendor=published.organization,
        corporate_number=published.organization.corporate_number,
        product=published.product,
        package_kind="minimum",
        deadline=LATER,
        declaration=published,
        status=DeclarationRequest.Status.FULFILLED,
        requested_by=pat,
    )
    pages = [
        reverse("declarations:request_list"),
        reverse("declarations:request_detail", kwargs={"request_pk": made.pk}),
        reverse("declarations:declaration_detail", kwargs={"declaration_pk": published.pk}),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert 'id="self-check-beside"' in html and 'data-code="(6)-1"' in html, url
    # The vendor never sees the procurer's self-check; another procurer never sees pat's
    # beside a declaration it did not request.
    client.force_login(alice)
    assert 'id="self-check-beside"' not in client.get(pages[2]).content.decode()
    client.force_login(quinn)
    assert 'id="self-check-beside"' not in client.get(pages[2]).content.decode()


def test_the_requests_page_shows_it_in_three_queries_whatever_was_answered(
    pat, guideline, buyer_org, django_assert_num_queries
):
    with django_assert_num_queries(3):  # the edition, its customer statements, the answers
        assert current_self_check(buyer_org).answered == 0
