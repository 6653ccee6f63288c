"""Signing up: an inactive account and a confirmation email, without revealing who is known."""

import pytest

from portal.models import User

from .helpers import link_in, make_invitation

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase"


def sign_up(client, email="new@example.test", language="en", **extra):
    data = {
        "email": email,
        "full_name": "Nina Newcomer",
        "language": language,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    return client.post("/en/accounts/signup/", data)


def test_signing_up_creates_an_inactive_account_and_emails_a_confirmation_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)
    assert response.status_code == 302 and response.url == "/en/accounts/signup/done/"
    user = User.objects.get(email="new@example.test")
    assert not user.is_active and user.full_name == "Nina Newcomer" and user.language == "en"
    assert user.check_password(PASSWORD)
    assert [m.to for m in mailoutbox] == [["new@example.test"]]
    assert "/accounts/confirm/" in link_in(mailoutbox[0])
    assert "Check your email" in client.get(response.url).content.decode()


def test_an_english_speaker_gets_the_confirmation_in_english(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, language="en")
    (message,) = mailoutbox
    assert message.subject == "[Declaration portal] Confirm your email address"
    assert link_in(message).startswith("/en/accounts/confirm/")


def test_a_japanese_speaker_gets_the_confirmation_in_japanese(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, language="ja")
    (message,) = mailoutbox
    assert message.subject.startswith("[自己適合宣言ポータル]")
    assert link_in(message).startswith("/accounts/confirm/")


def test_email_addresses_are_stored_in_lower_case(client, mailoutbox):
    sign_up(client, email="Nina.Newcomer@Example.TEST")
    assert User.objects.filter(email="nina.newcomer@example.test").exists()


def test_the_password_must_pass_the_password_validators(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, password1="password", password2="password")
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert not User.objects.exists() and not mailoutbox


def test_a_password_like_the_email_address_is_refused(client, mailoutbox):
    response = sign_up(
        client,
        email="ninanewcomer@example.test",
        password1="ninanewcomer",
        password2="ninanewcomer",
    )
    assert "too similar" in response.content.decode()
    assert not User.objects.exists()


def test_the_two_passwords_must_match(client, mailoutbox):
    response = sign_up(client, password2=PASSWORD + "!")
    assert "The two passwords differ." in response.content.decode()
    assert 'id="error-summary"' in response.content.decode()
    assert not User.objects.exists()


def test_signing_up_with_an_active_address_looks_the_same_but_emails_a_note(
    client, alice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, email="alice@acme.test")
    assert response.status_code == 302 and response.url == "/en/accounts/signup/done/"
    alice.refresh_from_db()
    assert alice.is_active and not alice.check_password(PASSWORD)  # nothing changed
    (message,) = mailoutbox
    # The note is in Alice's own language (Japanese), whatever the sign-up page's.
    assert message.to == ["alice@acme.test"]
    assert "アカウントは既に登録されています" in message.subject
    assert "/confirm/" not in message.body and "/password_reset/" in message.body


def test_the_note_about_an_existing_account_is_in_its_owners_language(
    client, alice, mailoutbox, django_capture_on_commit_callbacks
):
    alice.language = "en"
    alice.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, email="alice@acme.test", language="ja")
    (message,) = mailoutbox
    assert "already have an account" in message.subject
    assert link_in(message, "/password_reset/").startswith("/en/")


def test_signing_up_again_before_confirming_sends_a_fresh_link_and_voids_the_old_one(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    first = link_in(mailoutbox[0], "/confirm/")
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, password1=PASSWORD + " two", password2=PASSWORD + " two")
    second = link_in(mailoutbox[1], "/confirm/")
    assert User.objects.get(email="new@example.test").check_password(PASSWORD + " two")
    assert client.get(first).status_code == 400
    assert client.get(second).status_code == 200


def test_a_signed_in_user_is_sent_from_sign_up_to_their_account(client, alice):
    client.force_login(alice)
    response = client.get("/en/accounts/signup/")
    assert response.status_code == 302 and response.url == "/en/accounts/profile/"


def test_an_invitation_fills_in_the_email_address(client, acme):
    invitation = make_invitation(acme, "invited@example.test")
    response = client.get(f"/en/accounts/signup/?invitation={invitation.token}")
    assert 'value="invited@example.test"' in response.content.decode()
