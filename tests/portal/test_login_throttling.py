"""Wrong passwords pause signing in to an account from that address, on every password entry:
the sign-in page, the admin's, and the password re-entered at attestation."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from declarations.models import Declaration
from portal.models import AuditEvent
from tests.conftest import login_verified

PASSWORD = "correct horse battery"
LIMIT = 3


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def sign_in(client, url, email, password, **extra):
    return client.post(url, {"username": email, "password": password}, **extra)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", ["/en/accounts/login/", "/en/admin/login/"])
def test_the_right_password_is_refused_after_too_many_wrong_ones(client, root, url):
    for _ in range(LIMIT - 1):
        assert sign_in(client, url, root.email, "wrong").status_code == 200
    locked = sign_in(client, url, root.email, "wrong")
    assert locked.status_code == 429

    refused = sign_in(client, url, root.email, PASSWORD)

    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert not signed_in(client)


def test_the_password_at_attestation_counts_and_is_refused_once_locked(
    client, complete_draft, sam, portal_pki
):
    login_verified(client, sam)
    url = reverse("declarations:attest", args=[complete_draft.pk])
    form = {
        "signatory_name": "署名 三郎",
        "signatory_title": "代表取締役",
        "confirm": "on",
    }
    for _ in range(LIMIT - 1):
        page = client.post(url, {**form, "password": "wrong"})
        assert page.status_code == 200
        assert "パスワードが正しくありません" in page.content.decode()
    assert client.post(url, {**form, "password": "wrong"}).status_code == 429

    refused = client.post(url, {**form, "password": PASSWORD})

    assert refused.status_code == 429
    complete_draft.refresh_from_db()
    assert complete_draft.status == Declaration.Status.DRAFT


def test_the_right_password_signs_in_once_the_pause_is_over(client, alice):
    for _ in range(LIMIT):
        sign_in(client, "/en/accounts/login/", alice.email, "wrong")
    assert sign_in(client, "/en/accounts/login/", alice.email, PASSWORD).status_code == 429

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = sign_in(client, "/en/accounts/login/", alice.email, PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_the_lockout_page_says_when_in_the_pages_language(client, alice):
    for _ in range(LIMIT):
        sign_in(client, "/accounts/login/", alice.email, "wrong")

    japanese = sign_in(client, "/accounts/login/", alice.email, PASSWORD)
    english = sign_in(client, "/en/accounts/login/", alice.email, PASSWORD)

    assert japanese.status_code == english.status_code == 429
    assert "パスワードの誤りが続きました" in japanese.content.decode()
    assert "Too many attempts with a wrong password" in english.content.decode()
    assert "try again after" in english.content.decode()
    assert 14 * 60 < int(english["Retry-After"]) <= 15 * 60
    assert '<html lang="ja"' in japanese.content.decode()


def test_another_address_or_another_account_is_not_paused(client, alice, vera):
    for _ in range(LIMIT):
        sign_in(client, "/en/accounts/login/", alice.email, "wrong")

    elsewhere = sign_in(
        client, "/en/accounts/login/", alice.email, PASSWORD, REMOTE_ADDR="192.0.2.7"
    )
    client.logout()
    colleague = sign_in(client, "/en/accounts/login/", vera.email, PASSWORD)

    assert elsewhere.status_code == 302
    assert colleague.status_code == 302


def test_the_address_is_counted_however_it_is_typed(client, alice):
    for spelling in ["ALICE@acme.test", " alice@ACME.test", "Alice@Acme.Test"]:
        sign_in(client, "/en/accounts/login/", spelling, "wrong")

    assert sign_in(client, "/en/accounts/login/", alice.email, PASSWORD).status_code == 429


def test_failures_and_the_lockout_are_in_the_audit_log(client, alice):
    for _ in range(LIMIT):
        sign_in(client, "/en/accounts/login/", alice.email, "wrong")

    failures = AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN_FAILED)
    assert failures.count() == LIMIT
    assert {event.actor_email for event in failures} == {alice.email}
    assert {event.ip_address for event in failures} == {"127.0.0.1"}
    lockout = AuditEvent.objects.get(kind=AuditEvent.Kind.LOCKOUT)
    assert lockout.actor_email == alice.email
    assert lockout.detail["failures"] == LIMIT


@pytest.mark.parametrize("username", ["a\0b@example.test", "x" * 5000])
def test_odd_usernames_are_counted_without_an_error(db, client, username):
    for _ in range(LIMIT + 1):
        response = sign_in(client, "/en/accounts/login/", username, "wrong")
    assert response.status_code in (200, 429)
