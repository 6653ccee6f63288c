"""After the password, someone with an authenticator gives a code (or a recovery code)."""

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.two_factor import current_code, enable_totp, new_secret
from tests.conftest import PASSWORD

VERIFY = reverse("accounts:two_factor_verify")


def _with_authenticator(user):
    key = new_secret()
    _device, codes = enable_totp(user=user, key_hex=key, code=current_code(key))
    return key, codes


def _sign_in(client, user):
    return client.post(reverse("login"), {"username": user.email, "password": PASSWORD})


def test_the_password_alone_leads_only_to_the_code_page(client, sam):
    key, _codes = _with_authenticator(sam)
    _sign_in(client, sam)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Faccounts%2Fprofile%2F"
    assert client.get(VERIFY).status_code == 200


def test_the_next_code_from_the_app_verifies_the_session_and_goes_on(client, sam):
    key, _codes = _with_authenticator(sam)
    _sign_in(client, sam)
    # The code of the next step: the setup used up this one's.
    response = client.post(
        VERIFY, {"code": current_code(key, step_offset=1), "next": "/accounts/profile/"}
    )
    assert response["Location"] == "/accounts/profile/"
    assert DEVICE_ID_SESSION_KEY in client.session
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_recovery_code_works_once(client, sam):
    _key, codes = _with_authenticator(sam)
    _sign_in(client, sam)
    response = client.post(VERIFY, {"code": codes[0].upper()}, follow=True)
    assert DEVICE_ID_SESSION_KEY in client.session
    assert "9" in response.content.decode()  # "9 are left"
    client.logout()
    _sign_in(client, sam)
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_a_wrong_code_is_refused_and_counted(client, sam):
    _with_authenticator(sam)
    _sign_in(client, sam)
    response = client.post(VERIFY, {"code": "000000"})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert TOTPDevice.objects.get(user=sam).throttling_failure_count == 1


def test_too_many_tries_are_refused_even_with_the_right_code(client, sam):
    key, _codes = _with_authenticator(sam)
    _sign_in(client, sam)
    for _ in range(10):
        client.post(VERIFY, {"code": "000000"})
    response = client.post(VERIFY, {"code": current_code(key, step_offset=1)})
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    assert 'id="too-many-requests"' in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_bad_input_is_a_form_error_never_a_server_error(client, sam):
    _with_authenticator(sam)
    _sign_in(client, sam)
    for code in ("", "\x00", "1" * 5000, "１２３４５６", "²²²²²²", "<script>"):
        assert client.post(VERIFY, {"code": code}).status_code == 200


def test_next_never_leads_off_the_site(client, sam):
    key, _codes = _with_authenticator(sam)
    _sign_in(client, sam)
    response = client.post(
        VERIFY, {"code": current_code(key, step_offset=1), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("accounts:landing")


def test_someone_without_an_authenticator_signs_in_as_before(client, alice):
    response = _sign_in(client, alice)
    assert response["Location"] == reverse("accounts:landing")
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_full_width_digits_from_a_japanese_input_method_are_taken(client, sam):
    key, _codes = _with_authenticator(sam)
    _sign_in(client, sam)
    code = current_code(key, step_offset=1).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    )
    client.post(VERIFY, {"code": code})
    assert DEVICE_ID_SESSION_KEY in client.session
