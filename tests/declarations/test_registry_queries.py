"""The registry's pages cost a fixed number of queries, for 10 declarations as for 40.

The list: the filter form's edition labels, the page count and the page of
declarations (with vendor, product, package, edition and successor) — 3.
The summary: the declaration (with its package, edition, predecessor and
successor), its public history and the edition's category titles — 3; the
counts and the answers come from the signed record, not from a query per answer.
The badge: the declaration with its package — 1.
Signed in, a page adds the session, the user and their memberships — 3 more;
the summary also the reader's watches of its product and vendor — 1.
"""

import pytest

from declarations import services
from tests.factories import OrganizationFactory

from .registry import publish, renew_and_attest

LIST = 3
SUMMARY = 3
BADGE = 1
SIGNED_IN = 3
WATCHES = 1


@pytest.fixture(params=[10, 40], ids=["10", "40"])
def declarations(request, minimum, standard, portal_pki):
    vendors = [OrganizationFactory() for _ in range(3)]
    made = []
    for n in range(request.param - 2):
        package = standard if n % 2 else minimum
        made.append(publish(vendors[n % 3], f"製品{n:02d}", package))
    renewal = renew_and_attest(made[0])  # one superseded, with its successor
    services.withdraw_declaration(declaration=made[1], user=made[1].attested_by, reason="終了")
    made.append(renewal)
    made.append(publish(vendors[0], "最後の製品", standard))
    return made


def test_the_list_costs_the_same_for_any_number(client, declarations, django_assert_num_queries):
    with django_assert_num_queries(LIST):
        response = client.get("/registry/", {"sort": "vendor"})
    assert response.status_code == 200


def test_a_filtered_list_signed_in_costs_the_same(
    client, declarations, pat, django_assert_num_queries
):
    client.force_login(pat)
    with django_assert_num_queries(LIST + SIGNED_IN):
        response = client.get("/registry/", {"package": "standard", "status": "in_force"})
    assert response.status_code == 200


@pytest.mark.parametrize("which", [0, -1], ids=["superseded", "latest"])
def test_a_summary_costs_the_same_for_any_number(
    client, declarations, which, django_assert_num_queries
):
    with django_assert_num_queries(SUMMARY):
        response = client.get(f"/registry/{declarations[which].serial}/")
    assert response.status_code == 200


def test_a_summary_with_the_answers_costs_the_same(
    client, declarations, pat, django_assert_num_queries
):
    client.force_login(pat)
    with django_assert_num_queries(SUMMARY + SIGNED_IN + WATCHES):
        response = client.get(f"/registry/{declarations[-1].serial}/")
    assert 'id="answers"' in response.content.decode()


def test_a_badge_costs_one_query(client, declarations, django_assert_num_queries):
    with django_assert_num_queries(BADGE):
        response = client.get(f"/registry/{declarations[-1].serial}/badge.svg")
    assert response.status_code == 200
