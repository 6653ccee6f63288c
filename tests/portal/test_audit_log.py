"""Security events are in the audit log, with who, what, from where; site admins read it,
nobody edits it."""

import shutil

import pytest
from django.core.management import call_command
from django.db import transaction

from declarations.documents.signing import clear_signing_caches
from declarations.services import revoke_declaration, withdraw_declaration
from portal import audit, services
from portal.models import AuditEvent, Invitation, Membership, Organization, Role
from tests.conftest import attest, login_verified, use_pki
from tests.factories import OrganizationFactory, UserFactory

from .helpers import make_invitation

pytestmark = pytest.mark.django_db

K = AuditEvent.Kind
BROWSER = "Mozilla/5.0 (audit test) " + "x" * 400


def events(kind):
    return list(AuditEvent.objects.filter(kind=kind))


def members_url(organization):
    return f"/en/accounts/organizations/{organization.pk}/members/"


# --- signing in and out ---------------------------------------------------------------------


def test_a_sign_in_and_a_sign_out_are_recorded_with_address_and_browser(client, alice):
    client.post(
        "/en/accounts/login/",
        {"username": alice.email, "password": "correct horse battery"},
        HTTP_USER_AGENT=BROWSER,
        REMOTE_ADDR="203.0.113.9",
    )
    client.post("/en/accounts/logout/", REMOTE_ADDR="203.0.113.9")

    (login,) = events(K.LOGIN)
    (logout,) = events(K.LOGOUT)
    assert login.actor == alice and login.actor_email == alice.email
    assert login.ip_address == "203.0.113.9"
    assert login.user_agent == BROWSER[:300]
    assert logout.actor == alice and logout.detail == {"reason": ""}


def test_a_failed_sign_in_names_the_address_tried_even_without_an_account(client):
    client.post("/en/accounts/login/", {"username": "nobody@x.test", "password": "guess"})

    (failed,) = events(K.LOGIN_FAILED)
    assert failed.actor is None
    assert failed.actor_email == "nobody@x.test"
    assert failed.detail == {"path": "/en/accounts/login/"}


def test_a_lockout_is_recorded(client, settings, alice):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post("/en/admin/login/", {"username": alice.email, "password": "guess"})

    (lockout,) = events(K.LOCKOUT)
    assert lockout.actor_email == alice.email
    assert lockout.detail["path"] == "/en/admin/login/"


# --- members, invitations, organizations ----------------------------------------------------


def test_a_role_change_is_recorded_with_both_roles(client, ada, alice, acme):
    client.force_login(ada)
    membership = Membership.objects.get(user=alice)
    client.post(f"{members_url(acme)}{membership.pk}/role/", {"role": "signatory"})

    (event,) = events(K.ROLE_CHANGED)
    assert event.actor == ada
    assert event.target.startswith("alice@acme.test @ アクメ株式会社")
    assert event.detail == {"from": "editor", "to": "signatory"}


def test_removing_a_member_is_recorded(client, ada, vera, acme):
    client.force_login(ada)
    membership = Membership.objects.get(user=vera)
    client.post(f"{members_url(acme)}{membership.pk}/remove/")

    (event,) = events(K.MEMBER_REMOVED)
    assert (event.actor, event.detail) == (ada, {"role": "viewer"})
    assert "vera@acme.test" in event.target


def test_an_invitation_sent_accepted_and_another_cancelled_are_recorded(client, ada, acme):
    client.force_login(ada)
    client.post(
        f"/en/accounts/organizations/{acme.pk}/invite/",
        {"email": "newbie@acme.test", "role": "editor", "language": "en"},
    )
    other = make_invitation(acme, "other@acme.test", invited_by=ada)
    client.post(f"/en/accounts/organizations/{acme.pk}/invitations/{other.pk}/cancel/")
    newbie = UserFactory(email="newbie@acme.test")
    client.force_login(newbie)
    client.post(f"/en/accounts/invitations/{Invitation.objects.get().token}/")

    (sent,) = events(K.INVITATION_SENT)
    (cancelled,) = events(K.INVITATION_CANCELLED)
    (accepted,) = events(K.INVITATION_ACCEPTED)
    assert sent.actor == ada and sent.target.startswith("newbie@acme.test → ")
    assert cancelled.actor == ada and cancelled.target.startswith("other@acme.test → ")
    assert accepted.actor == newbie and accepted.detail == {"role": "editor"}


def test_approval_and_rejection_in_the_admin_are_recorded(client, root):
    approved = OrganizationFactory(status=Organization.Status.PENDING)
    rejected = OrganizationFactory(status=Organization.Status.PENDING)
    login_verified(client, root)
    for action, organization in [("approve", approved), ("reject", rejected)]:
        client.post(
            "/en/admin/portal/organization/",
            {"action": action, "_selected_action": [organization.pk]},
        )

    (approval,) = events(K.ORGANIZATION_APPROVED)
    (rejection,) = events(K.ORGANIZATION_REJECTED)
    assert approval.actor == rejection.actor == root
    assert approved.corporate_number in approval.target
    assert rejected.corporate_number in rejection.target


def test_the_row_is_written_in_the_acts_transaction(ada, alice):
    membership = Membership.objects.get(user=alice)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.change_role(membership=membership, role=Role.SIGNATORY, actor=ada)
        raise RuntimeError("the act fails after the row was written")

    assert not AuditEvent.objects.exists()
    assert Membership.objects.get(user=alice).role == Role.EDITOR


# --- declarations and signing keys ----------------------------------------------------------


def test_withdrawing_is_recorded_with_the_reason(published, sam):
    withdraw_declaration(declaration=published, user=sam, reason="製品の販売終了")
    (withdrawn,) = events(K.DECLARATION_WITHDRAWN)
    assert (withdrawn.actor, withdrawn.target) == (sam, published.serial)
    assert withdrawn.detail == {"reason": "製品の販売終了"}


def test_revoking_is_recorded(complete_draft, sam, root, portal_pki):
    published = attest(complete_draft, sam)
    revoke_declaration(declaration=published, user=root, reason="false claims")

    (revoked,) = events(K.DECLARATION_REVOKED)
    assert (revoked.actor, revoked.target) == (root, published.serial)
    assert revoked.detail == {"reason": "false claims"}


def test_nul_characters_and_huge_values_never_fail_the_act():
    event = audit.record(
        K.LOGIN_FAILED, None, "t\0" * 1000, {"typed": "a\0b" * 5000}, actor_email="x\0" * 300
    )
    event.refresh_from_db()
    assert "\0" not in event.target + event.actor_email + event.detail["typed"]
    assert len(event.target) == 300 and len(event.detail["typed"]) == 2000


@pytest.fixture
def own_pki(settings, pki_dir, tmp_path):
    directory = tmp_path / "signing"
    shutil.copytree(pki_dir, directory)
    use_pki(settings, directory)
    settings.SIGNING_DIR = directory
    yield directory
    clear_signing_caches()


def test_making_and_rotating_signing_keys_are_recorded(settings, own_pki, tmp_path):
    call_command("rotate_signing_key")
    settings.SIGNING_DIR = tmp_path / "fresh"
    call_command("create_dev_signing_key")
    call_command("create_dev_signing_key")  # nothing written: nothing recorded

    (rotated,) = events(K.SIGNING_KEY_ROTATED)
    (created,) = events(K.SIGNING_KEY_CREATED)
    assert rotated.actor is None and rotated.ip_address is None
    assert len(rotated.detail["new_fingerprint"]) == 64
    assert rotated.detail["compromised_since"] is None
    assert created.target == str(tmp_path / "fresh")


# --- reading it -------------------------------------------------------------------------------

URL = "/en/admin/portal/auditevent/"


def test_site_admins_filter_by_kind_and_search_by_email(client, root, alice, vera):
    audit.record(K.LOGIN_FAILED, actor_email="alice@acme.test")
    audit.record(K.LOGIN, vera)
    login_verified(client, root)

    by_kind = client.get(URL, {"kind__exact": "login_failed"}).content.decode()
    by_email = client.get(URL, {"q": "vera@acme"}).content.decode()
    by_date = client.get(URL, {"created_at__gte": "2000-01-01"})

    assert "alice@acme.test" in by_kind and "vera@acme.test" not in by_kind
    assert "vera@acme.test" in by_email and "alice@acme.test" not in by_email
    assert by_date.status_code == 200


def test_nobody_adds_changes_or_deletes_audit_rows(client, root, alice):
    event = audit.record(K.LOGIN, alice)
    login_verified(client, root)

    assert client.get(URL + "add/").status_code == 403
    assert client.get(f"{URL}{event.pk}/delete/").status_code == 403
    page = client.get(f"{URL}{event.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    client.post(f"{URL}{event.pk}/change/", {"kind": "logout"})
    event.refresh_from_db()
    assert event.kind == K.LOGIN


def test_organization_admins_do_not_read_the_audit_log(client, ada):
    client.force_login(ada)
    assert client.get(URL).status_code == 302  # to the admin's sign-in
