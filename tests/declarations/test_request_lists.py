"""Both sides' request lists: filters, pages of 25, empty states, and a constant query count."""

import datetime

import pytest
from django.urls import reverse

from declarations.models import DeclarationRequest
from declarations.services.requests import (
    decline_request,
    flag_overdue_requests,
    start_draft_for_request,
)
from tests.factories import ProductFactory

from .requesting import request_from

R = DeclarationRequest.Status
MADE = reverse("declarations:request_list")
INCOMING = reverse("declarations:request_incoming")


def _requests(pat, sam, acme, count):
    """``count`` requests, every other one with a draft started (progress to show)."""
    made = []
    for i, product in enumerate(ProductFactory.create_batch(count, organization=acme)):
        one = request_from(pat, product)
        if i % 2:
            start_draft_for_request(declaration_request=one, user=sam, product=product)
        made.append(one)
    return made


# Session, user, memberships; the page's count and rows; the drafts' progress (one aggregate).
# The procurer's list also shows their self-check: the edition, its customer statements, the
# organization's answers.
LIST_QUERIES = {"pat": 6 + 3, "sam": 6}


@pytest.mark.parametrize("url,who", [(MADE, "pat"), (INCOMING, "sam")])
def test_each_list_costs_the_same_queries_for_2_and_20_requests(
    client, pat, sam, acme, guideline, django_assert_num_queries, url, who
):
    client.force_login({"pat": pat, "sam": sam}[who])
    _requests(pat, sam, acme, 2)
    with django_assert_num_queries(LIST_QUERIES[who]):
        assert len(client.get(url).context["requests"]) == 2
    _requests(pat, sam, acme, 18)
    with django_assert_num_queries(LIST_QUERIES[who]):
        assert len(client.get(url).context["requests"]) == 20


def test_the_lists_filter_open_overdue_fulfilled_and_declined(
    client, pat, ada, acme_product, published
):
    waiting = request_from(pat, acme_product, days=10)
    late = request_from(pat, ProductFactory(organization=acme_product.organization), days=1)
    declined = request_from(pat, ProductFactory(organization=acme_product.organization))
    decline_request(declaration_request=declined, user=ada, reason="対象外")
    fulfilled = request_from(pat, published.product, package_kind="minimum")
    flag_overdue_requests(today=late.deadline + datetime.timedelta(days=1))
    expected = {
        "all": {waiting.pk, late.pk, declined.pk, fulfilled.pk},
        "open": {waiting.pk, late.pk},
        "overdue": {late.pk},
        "fulfilled": {fulfilled.pk},
        "declined": {declined.pk},
        "nonsense\x00": {waiting.pk, late.pk, declined.pk, fulfilled.pk},
    }
    for user, url in ((pat, MADE), (ada, INCOMING)):
        client.force_login(user)
        for show, pks in expected.items():
            response = client.get(url, {"show": show})
            assert {r.pk for r in response.context["requests"]} == pks, (url, show)


def test_a_fulfilled_request_links_the_published_serial(client, pat, published):
    fulfilled = request_from(pat, published.product, package_kind="minimum")
    client.force_login(pat)
    html = client.get(MADE).content.decode()
    summary = reverse("declarations:registry_summary", args=[published.serial])
    assert f'href="{summary}"' in html
    assert f'href="{summary}"' in client.get(f"/requests/{fulfilled.pk}/").content.decode()


def test_the_lists_show_25_requests_a_page(client, pat, acme):
    for product in ProductFactory.create_batch(27, organization=acme):
        request_from(pat, product)
    client.force_login(pat)
    assert len(client.get(MADE).context["requests"]) == 25
    response = client.get(MADE, {"show": "open", "page": 2})
    assert len(response.context["requests"]) == 2
    assert "show=open&amp;page=1" in response.content.decode()


def test_empty_lists_say_what_to_do(client, pat, ada):
    client.force_login(pat)
    html = client.get(MADE).content.decode()
    assert 'id="empty-state"' in html and f'href="{reverse("declarations:request_create")}"' in html
    client.force_login(ada)
    assert 'id="empty-state"' in client.get(INCOMING).content.decode()
    assert 'id="empty-state"' in client.get(INCOMING, {"show": "overdue"}).content.decode()


def test_the_navigation_links_each_side_to_its_list(client, pat, alice, root):
    client.force_login(pat)
    html = client.get("/").content.decode()
    assert 'id="nav-requests"' in html and 'id="nav-requests-incoming"' not in html
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert 'id="nav-requests-incoming"' in html and 'id="nav-requests"' not in html
    client.force_login(root)
    html = client.get("/").content.decode()
    assert "nav-requests" not in html
