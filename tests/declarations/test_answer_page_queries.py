"""The answer page costs a fixed number of queries, whatever the package or category size.

GET: session, user, memberships, the declaration, the package's categories,
the category's answers (with statements and who saved them) and one progress
aggregate — 7 queries, for a Minimum draft as for a Standard one.

POST that saves every answer of a category: the same reads (6: no progress is
needed before the redirect), then one transaction — a savepoint, the update
that bumps the declaration (and takes its row lock), the immutability guard's
check, ONE version-checked UPDATE for all answers of the page (CASE … WHEN per
answer, the version of each in the WHERE clause) and the savepoint's release —
11 in all. A Minimum category (1) has 3 statements, a Standard one has 4: same
count, because no query is made per answer.

The declarations list: session, user, memberships, the page count, the page of
declarations (with product, package and edition) and one progress aggregate
for the drafts on it — 6, for 1 declaration as for 30.
"""

import pytest
from django.urls import reverse

from declarations.models import Answer
from declarations.services import start_declaration
from tests.factories import ProductFactory

from .drafting import CONFORMANT, answer_url, page_data

ANSWER_PAGE_GET = 7
ANSWER_PAGE_POST = 11
DECLARATION_LIST_GET = 6


@pytest.fixture
def standard_draft(acme, standard, alice):
    product = ProductFactory(organization=acme, name="Acme Standard")
    return start_declaration(product=product, package=standard, user=alice)


@pytest.mark.parametrize("category_number", [1, 2, 4])
def test_the_answer_page_reads_in_the_same_number_of_queries_for_minimum_and_standard(
    client, alice, acme_draft, standard_draft, django_assert_num_queries, category_number
):
    client.force_login(alice)
    for draft in (acme_draft, standard_draft):
        with django_assert_num_queries(ANSWER_PAGE_GET):
            response = client.get(answer_url(draft, category_number))
        assert response.status_code == 200


def test_saving_a_whole_category_costs_the_same_for_three_answers_as_for_four(
    client, alice, acme_draft, standard_draft, django_assert_num_queries
):
    client.force_login(alice)
    sizes = []
    for draft in (acme_draft, standard_draft):
        data = page_data(draft, 1, every=CONFORMANT)
        sizes.append(sum(name.endswith("-version") for name in data))
        with django_assert_num_queries(ANSWER_PAGE_POST):
            response = client.post(answer_url(draft, 1), data)
        assert response.status_code == 302
        saved = Answer.objects.filter(declaration=draft, statement__category__number=1)
        assert saved.filter(status="conformant").count() == sizes[-1]
    assert sizes == [3, 4]


def test_the_declarations_list_costs_the_same_for_one_declaration_as_for_thirty(
    client, acme, alice, minimum, django_assert_num_queries
):
    client.force_login(alice)
    products = ProductFactory.create_batch(30, organization=acme)
    start_declaration(product=products[0], package=minimum, user=alice)
    with django_assert_num_queries(DECLARATION_LIST_GET):
        assert client.get(reverse("declarations:declaration_list")).status_code == 200

    for product in products[1:]:
        start_declaration(product=product, package=minimum, user=alice)
    with django_assert_num_queries(DECLARATION_LIST_GET):
        response = client.get(reverse("declarations:declaration_list"))
    assert len(response.context["declarations"]) == 25
