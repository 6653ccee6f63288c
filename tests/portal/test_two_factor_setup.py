"""Setting up an authenticator app: QR code, first code, recovery codes, removal."""

import re

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.two_factor import SETUP_SESSION_KEY, current_code
from tests.conftest import PASSWORD, login_verified

SETUP = reverse("accounts:two_factor_setup")


def _start(client, user):
    client.force_login(user)
    page = client.get(SETUP)
    assert page.status_code == 200
    return page, client.session[SETUP_SESSION_KEY]


def test_the_setup_page_shows_a_qr_code_served_as_svg_and_the_key_to_type(client, alice):
    page, key = _start(client, alice)
    html = page.content.decode()
    assert f'src="{reverse("accounts:two_factor_qr")}"' in html
    assert 'id="two-factor-secret"' in html and 'for="id_code"' in html
    qr = client.get(reverse("accounts:two_factor_qr"))
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.startswith(b"<svg")
    # Nothing is stored until the app proves it has the key.
    assert not TOTPDevice.objects.filter(user=alice).exists()


def test_a_wrong_first_code_is_refused_and_nothing_is_saved(client, alice):
    _page, key = _start(client, alice)
    wrong = f"{(int(current_code(key)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"code": wrong})
    assert response.status_code == 200
    assert 'aria-describedby="id_code_helptext' in response.content.decode() or (
        "id_code_error" in response.content.decode()
    )
    assert not TOTPDevice.objects.filter(user=alice).exists()


def test_the_right_code_turns_it_on_verifies_the_session_and_shows_ten_codes_once(client, alice):
    _page, key = _start(client, alice)
    response = client.post(SETUP, {"code": current_code(key)}, follow=True)
    device = TOTPDevice.objects.get(user=alice, confirmed=True)
    assert device.key == key
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=alice).values_list("token", flat=True)
    )
    download = client.get(reverse("accounts:two_factor_codes_download"))
    assert download["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
    assert all(code in download.content.decode() for code in codes)
    client.post(reverse("accounts:two_factor_codes"))  # "I have saved them"
    assert client.get(reverse("accounts:two_factor_codes")).status_code == 302
    assert client.get(reverse("accounts:two_factor_codes_download")).status_code == 302


def test_the_setup_code_cannot_be_used_again_to_verify(client, alice):
    _page, key = _start(client, alice)
    code = current_code(key)
    client.post(SETUP, {"code": code})
    client.logout()
    client.post(reverse("login"), {"username": alice.email, "password": PASSWORD})
    response = client.post(reverse("accounts:two_factor_verify"), {"code": code})
    assert response.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_new_recovery_codes_replace_the_old_ones(client, sam):
    login_verified(client, sam)
    client.post(reverse("accounts:two_factor_codes_regenerate"))
    first = set(client.session["two_factor_new_codes"])
    client.post(reverse("accounts:two_factor_codes_regenerate"))
    second = set(client.session["two_factor_new_codes"])
    assert len(second) == 10 and not first & second
    assert (
        set(StaticToken.objects.filter(device__user=sam).values_list("token", flat=True)) == second
    )


def test_removing_the_second_factor_takes_the_password(client, sam):
    login_verified(client, sam)
    url = reverse("accounts:two_factor_remove")
    response = client.post(url, {"password": "not it"})
    assert response.status_code == 200 and TOTPDevice.objects.filter(user=sam).exists()
    client.post(url, {"password": PASSWORD})
    assert not TOTPDevice.objects.filter(user=sam).exists()


def test_an_unverified_session_cannot_change_the_second_factor(client, sam):
    TOTPDevice.objects.create(user=sam, name="phone", confirmed=True)
    client.force_login(sam)  # e.g. a session that was open before the device was added
    for url in (
        reverse("accounts:two_factor_remove"),
        reverse("accounts:two_factor_codes_regenerate"),
        SETUP + "?replace=1",
    ):
        response = client.post(url, {"password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert TOTPDevice.objects.filter(user=sam).exists()
    assert not StaticToken.objects.filter(device__user=sam).exists()


def test_the_pages_are_translated(client, alice):
    client.force_login(alice)
    assert "二要素認証" in client.get(reverse("accounts:two_factor")).content.decode()
    english = client.get("/en" + reverse("accounts:two_factor")).content.decode()
    assert "Two-factor authentication" in english
