"""The confirmation link: activate once, sign in, then "what next"; friendly when it fails."""

from datetime import timedelta

import pytest
import time_machine
from django.http import HttpRequest
from django.utils import timezone

from portal import services
from portal.models import Role, User

from .helpers import link_in, make_invitation

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase"


@pytest.fixture
def newcomer(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.register_user(
            email="new@example.test", full_name="Nina Newcomer", language="en", password=PASSWORD
        )


@pytest.fixture
def link(newcomer, mailoutbox):
    return link_in(mailoutbox[-1], "/confirm/")


def test_opening_the_link_asks_to_confirm_without_activating_yet(client, newcomer, link):
    response = client.get(link)
    assert response.status_code == 200 and "new@example.test" in response.content.decode()
    newcomer.refresh_from_db()
    assert not newcomer.is_active


def test_confirming_activates_the_account_signs_in_and_shows_what_next(client, newcomer, link):
    response = client.post(link)
    assert response.status_code == 302 and response.url == "/en/accounts/welcome/"
    newcomer.refresh_from_db()
    assert newcomer.is_active
    page = client.get(response.url).content.decode()
    assert "Register an organization" in page and "Nina Newcomer" in page


def test_the_link_works_only_once(client, newcomer, link):
    client.post(link)
    client.logout()
    response = client.post(link)
    assert response.status_code == 400
    assert "already been confirmed" in response.content.decode()


def test_an_expired_link_gets_a_friendly_page_offering_a_new_one(client, newcomer, link):
    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        response = client.get(link)
    html = response.content.decode()
    assert response.status_code == 400 and "This confirmation link has expired." in html
    assert 'action="/en/accounts/confirm/resend/"' in html
    newcomer.refresh_from_db()
    assert not newcomer.is_active


def test_a_link_still_works_on_its_third_day(client, newcomer, link):
    with time_machine.travel(timezone.now() + timedelta(days=2, hours=23)):
        assert client.post(link).status_code == 302


def test_a_tampered_link_gets_a_friendly_page(client, newcomer, link):
    response = client.post(link[:-3] + "xyz/")
    assert response.status_code == 400
    assert "This confirmation link is not valid." in response.content.decode()
    assert not User.objects.get(pk=newcomer.pk).is_active


def test_an_unconfirmed_account_cannot_sign_in(client, newcomer):
    # Login throttling (django-axes) needs the request that every sign-in has.
    assert not client.login(request=HttpRequest(), email="new@example.test", password=PASSWORD)


def test_resending_sends_a_new_link_to_an_unconfirmed_account(
    client, newcomer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/confirm/resend/", {"email": "NEW@example.test"})
    assert response.status_code == 302 and response.url == "/en/accounts/signup/done/"
    assert len(mailoutbox) == 2 and mailoutbox[1].to == ["new@example.test"]
    assert client.post(link_in(mailoutbox[1], "/confirm/")).status_code == 302


def test_resending_to_an_unknown_address_looks_the_same_and_sends_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/confirm/resend/", {"email": "nobody@example.test"})
    assert response.status_code == 302 and response.url == "/en/accounts/signup/done/"
    assert not mailoutbox


def test_a_deactivated_account_is_not_reactivated_by_an_old_link(client, newcomer, link):
    client.post(link)
    User.objects.filter(pk=newcomer.pk).update(is_active=False)  # the site admin blocks it
    client.logout()
    assert client.post(link).status_code == 400
    assert not User.objects.get(pk=newcomer.pk).is_active


def test_what_next_offers_the_invitations_sent_to_the_confirmed_address(
    client, acme, newcomer, link
):
    invitation = make_invitation(acme, "new@example.test", role=Role.SIGNATORY)
    client.post(link)
    page = client.get("/en/accounts/welcome/").content.decode()
    assert "Acme Corp" in page and f"/en/accounts/invitations/{invitation.token}/" in page
