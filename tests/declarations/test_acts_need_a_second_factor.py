"""Attesting, withdrawing, revoking and the admin need a second factor verified in the session."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from declarations.models import Declaration
from portal.two_factor import SETUP_SESSION_KEY, current_code, demo_secret
from tests.conftest import PASSWORD, login_verified

S = Declaration.Status


def _attest_form():
    return {
        "signatory_name": "署名 三郎",
        "signatory_title": "代表取締役",
        "confirm": "on",
        "password": PASSWORD,
        "attest": "",
    }


def test_a_signatory_without_a_second_factor_is_sent_to_set_one_up(client, complete_draft, sam):
    client.force_login(sam)
    url = reverse("declarations:attest", args=[complete_draft.pk])
    for response in (client.get(url), client.post(url, _attest_form())):
        assert response.status_code == 302
        assert response["Location"] == (
            f"{reverse('accounts:two_factor_setup')}?next=%2Fdeclarations%2F{complete_draft.pk}"
            "%2Fattest%2F"
        )
    complete_draft.refresh_from_db()
    assert complete_draft.status == S.DRAFT


def test_after_setting_it_up_the_signatory_is_back_and_attests(
    client, complete_draft, sam, portal_pki, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(sam)
    url = reverse("declarations:attest", args=[complete_draft.pk])
    setup = client.get(url, follow=True)
    assert 'id="two-factor-needed"' in setup.content.decode()
    key = client.session[SETUP_SESSION_KEY]
    codes_page = client.post(
        reverse("accounts:two_factor_setup"), {"code": current_code(key), "next": url}
    )
    assert codes_page["Location"].startswith(reverse("accounts:two_factor_codes"))
    back = client.post(codes_page["Location"])
    assert back["Location"] == url
    assert client.get(url).status_code == 200
    client.post(url, _attest_form())
    complete_draft.refresh_from_db()
    assert complete_draft.status == S.PUBLISHED


def test_a_signatory_with_a_device_but_no_code_in_this_session_is_asked_for_it(
    client, published, sam
):
    client.force_login(sam)
    # Added from another session: this one was asked for no code at sign-in.
    TOTPDevice.objects.create(user=sam, name="phone", confirmed=True)
    response = client.post(reverse("declarations:withdraw", args=[published.pk]), {"reason": "x"})
    assert response["Location"].startswith(reverse("accounts:two_factor_verify") + "?next=")
    published.refresh_from_db()
    assert published.status == S.PUBLISHED


def test_staff_revoke_only_with_a_second_factor(client, published, root):
    url = reverse("declarations:revoke", args=[published.pk])
    client.force_login(root)
    client.post(url, {"reason": "虚偽の記載"})
    published.refresh_from_db()
    assert published.status == S.PUBLISHED
    login_verified(client, root)
    client.post(url, {"reason": "虚偽の記載"})
    published.refresh_from_db()
    assert published.status == S.REVOKED


def test_staff_without_a_second_factor_cannot_enter_the_admin(client, root):
    client.force_login(root)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:two_factor_setup"))
    assert client.get(reverse("admin:portal_organization_changelist")).status_code == 302
    login_verified(client, root)
    assert client.get(reverse("admin:index")).status_code == 200


def test_roles_come_first_a_read_only_member_gets_403_not_a_setup_page(client, published, vera):
    client.force_login(vera)
    assert client.get(reverse("declarations:withdraw", args=[published.pk])).status_code == 403


def test_the_demo_signatory_and_admin_have_a_known_authenticator(db, portal_pki):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    for email in ("signatory@demo.example", "admin@demo.example"):
        device = TOTPDevice.objects.get(user__email=email)
        assert device.key == demo_secret(email)
        code = io.StringIO()
        call_command("demo_otp_code", email, stdout=code)
        assert re.fullmatch(r"\d{6}\n", code.getvalue())
        assert code.getvalue().strip() == current_code(device.key)
    assert "demo_otp_code" in out.getvalue()


def test_the_code_command_refuses_a_real_authenticator(db, sam):
    TOTPDevice.objects.create(user=sam, name="phone", confirmed=True)
    with pytest.raises(CommandError):
        call_command("demo_otp_code", sam.email, stdout=io.StringIO())
