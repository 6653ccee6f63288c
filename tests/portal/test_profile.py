"""My account: name, language, organizations and roles; signing in and resetting passwords."""

import pytest

from portal.models import Organization
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .helpers import link_in

pytestmark = pytest.mark.django_db

URL = "/en/accounts/profile/"


def test_the_profile_shows_the_users_organizations_and_roles(client, ada, acme):
    pending = OrganizationFactory(name_en="Side Project", status=Organization.Status.PENDING)
    MembershipFactory(user=ada, organization=pending, role="viewer")
    client.force_login(ada)
    html = client.get(URL).content.decode()
    assert "Acme Corp" in html and "Organization admin" in html
    assert "Side Project" in html and "Viewer" in html and "Pending approval" in html
    assert f"/en/accounts/organizations/{acme.pk}/members/" in html


def test_someone_without_organizations_sees_an_empty_state(client):
    client.force_login(UserFactory())
    html = client.get(URL).content.decode()
    assert "You do not belong to any organization yet." in html
    assert "/en/accounts/organizations/new/" in html


def test_a_user_edits_their_name_and_language(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"full_name": "Alice Liddell", "language": "en"})
    assert response.status_code == 302 and response.url == URL
    alice.refresh_from_db()
    assert (alice.full_name, alice.language) == ("Alice Liddell", "en")


def test_the_name_is_required(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"full_name": "", "language": "en"})
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/en/accounts/login/")


def test_the_sign_in_page_links_to_sign_up_and_to_password_reset(client):
    html = client.get("/en/accounts/login/").content.decode()
    assert 'href="/en/accounts/signup/"' in html and 'href="/en/accounts/password_reset/"' in html


def test_the_password_reset_email_is_in_the_recipients_language_and_links_to_the_site(
    client, mailoutbox
):
    UserFactory(email="reader@example.test", language="en")
    response = client.post("/accounts/password_reset/", {"email": "reader@example.test"})
    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.subject == "[Declaration portal] Set a new password"
    link = link_in(message, "/reset/")
    assert link.startswith("/en/accounts/reset/")
    assert "Set a new password" in client.get(link, follow=True).content.decode()


def test_the_password_reset_pages_use_the_site_layout(client):
    html = client.get("/en/accounts/password_reset/").content.decode()
    assert "Forgot your password?" in html and "navbar" in html
