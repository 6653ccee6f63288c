"""Each signed-in person's home shows the work of their roles; the anonymous home is unchanged."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from declarations.models import Declaration, Watch
from declarations.services import start_declaration
from portal.models import Organization
from tests.conftest import answer_everything, attest
from tests.factories import MembershipFactory, OrganizationFactory, ProductFactory, UserFactory

from .requesting import request_from
from .reviews import open_thread

pytestmark = pytest.mark.django_db


def _home(client, user):
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_anonymous_home_is_the_introduction(client, guideline):
    page = client.get("/").content.decode()
    assert 'id="home-registry"' in page
    assert "home-vendor" not in page


def test_someone_without_a_role_gets_the_introduction(client, guideline):
    page = _home(client, UserFactory(email="nobody@example.test"))
    assert 'id="home-registry"' in page


def test_an_empty_vendor_home_says_so_in_every_block(client, alice):
    page = _home(client, alice)
    assert page.count("empty-state") == 4
    assert 'id="home-primary-vendor"' in page
    assert "/products/" in page  # an editor starts a declaration from a product


def test_an_editor_sees_the_drafts_with_progress_and_goes_on_answering(client, alice, acme_draft):
    page = _home(client, alice)
    assert f'id="home-draft-{acme_draft.pk}"' in page
    assert f'id="progress-{acme_draft.pk}"' in page
    assert f'href="/declarations/{acme_draft.pk}/" id="home-primary-vendor"' not in page
    assert "Continue answering" in _home_en(client, alice)


def _home_en(client, user):
    client.force_login(user)
    return client.get("/en/").content.decode()


def test_a_signatory_is_led_to_the_draft_ready_to_sign(client, sam, complete_draft):
    page = _home_en(client, sam)
    assert "Ready to sign" in page
    assert f'id="home-primary-vendor" href="/en/declarations/{complete_draft.pk}/"' in page
    assert "Sign and publish: Acme Cloud" in page


def test_a_viewer_only_sees_the_list(client, vera, complete_draft):
    page = _home_en(client, vera)
    assert 'id="home-primary-vendor" href="/en/declarations/"' in page


def test_a_vendor_sees_open_requests_threads_and_expiring_declarations(
    client, alice, sam, pat, acme_product, complete_draft, portal_pki
):
    declaration_request = request_from(pat, acme_product)
    published = attest(complete_draft, sam)
    thread = open_thread(published, pat)
    page = _home(client, alice)
    assert f'id="home-request-{declaration_request.pk}"' in page
    assert f'id="home-thread-{thread.pk}"' in page
    assert f'id="home-expiring-{published.pk}"' not in page
    # Within sixty days of its end, it is on the home.
    with time_machine.travel(published.valid_until - datetime.timedelta(days=59)):
        assert f'id="home-expiring-{published.pk}"' in _home(client, alice)


def test_another_vendor_sees_none_of_it(client, otto, pat, acme_product, complete_draft):
    request_from(pat, acme_product)
    page = _home(client, otto)
    assert page.count("empty-state") == 4


def test_a_procurer_searches_the_registry_and_sees_requests_and_watches(client, pat, acme_product):
    declaration_request = request_from(pat, acme_product)
    watch = Watch.objects.create(user=pat, organization=acme_product.organization)
    page = _home(client, pat)
    assert 'action="/registry/"' in page
    assert 'name="q"' in page
    assert f'id="home-request-{declaration_request.pk}"' in page
    assert f'id="home-watch-{watch.pk}"' in page
    assert "home-vendor" not in page and "home-staff" not in page


def test_an_empty_procurer_home_says_so(client, pat):
    assert _home(client, pat).count("empty-state") == 2


def test_a_procurer_of_an_organization_not_approved_gets_the_introduction(client, pat):
    Organization.objects.filter(memberships__user=pat).update(status=Organization.Status.PENDING)
    assert 'id="home-registry"' in _home(client, pat)


def test_staff_see_organizations_awaiting_approval_and_failed_pdfs(
    client, root, sam, complete_draft, portal_pki
):
    waiting = OrganizationFactory(status=Organization.Status.PENDING)
    published = attest(complete_draft, sam)
    Declaration.objects.filter(pk=published.pk).update(
        pdf_state=Declaration.PdfState.FAILED, pdf_error="font missing"
    )
    page = _home(client, root)
    assert f'href="/admin/portal/organization/{waiting.pk}/change/"' in page
    assert "/admin/portal/organization/?status__exact=pending" in page
    assert f'href="/admin/declarations/declaration/{published.pk}/change/"' in page
    assert "font missing" in page


def test_an_empty_staff_home_says_so(client, root):
    assert _home(client, root).count("empty-state") == 2


def test_someone_with_several_roles_sees_the_blocks_of_each(client, alice, buyer_org):
    MembershipFactory(user=alice, organization=buyer_org, role="admin")
    alice.is_staff = True
    alice.save()
    page = _home(client, alice)
    for block in ("home-vendor", "home-procurer", "home-staff"):
        assert f'id="{block}"' in page


def _many_rows(acme, pat, minimum):
    for n in range(8):
        product = ProductFactory(organization=acme, name=f"Product {n}")
        request_from(pat, product)
    for product in acme.products.filter(name__startswith="Product ")[:7]:
        start_declaration(product=product, package=minimum, user=None)


def test_the_vendor_home_costs_the_same_whatever_the_number_of_rows(
    client, alice, pat, acme, minimum, acme_draft, django_assert_num_queries
):
    client.force_login(alice)
    client.get("/")
    with django_assert_num_queries(VENDOR_QUERIES):
        client.get("/")
    _many_rows(acme, pat, minimum)
    answer_everything(acme.declarations.first())
    with django_assert_num_queries(VENDOR_QUERIES):
        page = client.get("/").content.decode()
    assert page.count('id="home-draft-') == 5


def test_the_procurer_home_costs_the_same_whatever_the_number_of_rows(
    client, pat, acme, minimum, django_assert_num_queries
):
    client.force_login(pat)
    with django_assert_num_queries(PROCURER_QUERIES):
        client.get("/")
    _many_rows(acme, pat, minimum)
    for product in acme.products.all():
        Watch.objects.create(user=pat, product=product)
    with django_assert_num_queries(PROCURER_QUERIES):
        page = client.get("/").content.decode()
    assert page.count('id="home-watch-') == 5


def test_the_staff_home_costs_the_same_whatever_the_number_of_rows(
    client, root, django_assert_num_queries
):
    client.force_login(root)
    with django_assert_num_queries(STAFF_QUERIES):
        client.get("/")
    for _ in range(7):
        OrganizationFactory(status=Organization.Status.PENDING)
    with django_assert_num_queries(STAFF_QUERIES):
        page = client.get("/").content.decode()
    assert page.count('id="home-organization-') == 5


# Session, user, memberships; then one query per read of the blocks.
VENDOR_QUERIES = 3 + 5  # drafts, their progress, requests, expiring, threads
PROCURER_QUERIES = 3 + 2  # requests, watches
STAFF_QUERIES = 3 + 2  # organizations awaiting approval, failed PDFs
