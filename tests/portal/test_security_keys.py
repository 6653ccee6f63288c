"""Security keys and passkeys (WebAuthn) as a second factor: registering, using and
removing one, with a key in software answering as a real key would."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from portal import config
from portal.audit import AuditEvent
from portal.two_factor import CODES_SESSION_KEY, PENDING_SESSION_KEY, has_second_factor
from tests.conftest import PASSWORD, login_verified
from tests.portal.soft_authenticator import SoftKey

VERIFY = reverse("accounts:two_factor_verify")


def _post(client, name, body=None, query=""):
    return client.post(
        reverse(f"accounts:two_factor_key_{name}") + query,
        json.dumps(body or {}),
        content_type="application/json",
    )


def register(client, key: SoftKey, name: str = "YubiKey", query: str = ""):
    options = _post(client, "register_begin", {"name": name}).json()
    return _post(
        client, "register_complete", {"name": name, "credential": key.create(options)}, query
    )


def use(client, key: SoftKey, query: str = ""):
    options = _post(client, "verify_begin").json()
    return _post(client, "verify_complete", {"credential": key.get(options)}, query)


def _sign_in(client, user):
    return client.post(reverse("login"), {"username": user.email, "password": PASSWORD})


# ------------------------------------------------------------------ a second factor


def test_a_confirmed_security_key_is_a_second_factor(sam):
    assert not has_second_factor(sam)
    key = WebAuthnCredential.objects.create(
        user=sam, name="key", credential_id=b"1", public_key=b"", confirmed=False
    )
    assert not has_second_factor(sam)
    key.confirmed = True
    key.save()
    assert has_second_factor(sam)


def test_registering_a_first_key_verifies_the_session_and_brings_recovery_codes(client, sam):
    client.force_login(sam)
    response = register(client, SoftKey(), "  YubiKey   on my key ring ")
    assert response.status_code == 200
    assert response.json()["redirect"] == reverse("accounts:two_factor_codes")
    key = WebAuthnCredential.objects.get(user=sam)
    assert key.name == "YubiKey on my key ring" and key.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == key.persistent_id
    assert len(client.session[CODES_SESSION_KEY]) == 10
    assert StaticToken.objects.filter(device__user=sam).count() == 10
    row = AuditEvent.objects.get(kind=AuditEvent.Kind.SECURITY_KEY_ADDED)
    assert row.actor == sam and row.target == "YubiKey on my key ring"


def test_a_second_key_keeps_the_recovery_codes(client, sam):
    client.force_login(sam)
    register(client, SoftKey(), "first")
    codes = set(StaticToken.objects.filter(device__user=sam).values_list("token", flat=True))
    response = register(client, SoftKey(), "second")
    assert response.json()["redirect"] == reverse("accounts:two_factor")
    assert WebAuthnCredential.objects.filter(user=sam).count() == 2
    assert codes == set(
        StaticToken.objects.filter(device__user=sam).values_list("token", flat=True)
    )


def test_a_key_added_on_the_way_to_an_act_goes_back_there(client, sam):
    client.force_login(sam)
    response = register(client, SoftKey(), query="?next=/declarations/")
    assert (
        response.json()["redirect"]
        == f"{reverse('accounts:two_factor_codes')}?next=%2Fdeclarations%2F"
    )


def test_the_same_key_cannot_be_registered_twice(client, sam):
    client.force_login(sam)
    key = SoftKey()
    register(client, key)
    response = register(client, key)
    assert response.status_code == 400 and response.json()["error"] == "exists"
    assert WebAuthnCredential.objects.filter(user=sam).count() == 1


def test_a_key_needs_a_name_before_the_browser_asks_for_it(client, sam):
    client.force_login(sam)
    response = _post(client, "register_begin", {"name": "   "})
    assert response.status_code == 400 and response.json()["error"] == "name"
    assert response.json()["message"]


def test_an_unverified_session_cannot_add_a_key(client, sam):
    client.force_login(sam)  # a session open before the app was added elsewhere
    TOTPDevice.objects.create(user=sam, name="phone", confirmed=True)
    response = _post(client, "register_begin", {"name": "key"})
    assert response.status_code == 403 and response.json()["error"] == "not_verified"


def test_an_answer_to_an_old_challenge_is_refused(client, sam):
    client.force_login(sam)
    key = SoftKey()
    options = _post(client, "register_begin", {"name": "key"}).json()
    answer = key.create(options)
    _post(client, "register_complete", {"name": "key", "credential": answer})
    replay = _post(client, "register_complete", {"name": "key", "credential": answer})
    assert replay.status_code == 400 and replay.json()["error"] == "expired"


# ------------------------------------------------------------------ after the password


def test_after_the_password_the_key_passes_the_second_factor_step(client, sam):
    client.force_login(sam)
    key = SoftKey()
    register(client, key)
    client.logout()
    _sign_in(client, sam)
    assert client.session[PENDING_SESSION_KEY]
    page = client.get(reverse("accounts:profile"))
    assert page["Location"] == f"{VERIFY}?next=%2Faccounts%2Fprofile%2F"
    html = client.get(VERIFY).content.decode()
    assert 'id="use-security-key"' in html and 'name="code"' in html  # or a recovery code
    response = use(client, key, "?next=/accounts/profile/")
    assert response.status_code == 200
    assert response.json()["redirect"] == "/accounts/profile/"
    assert PENDING_SESSION_KEY not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_signatory_with_only_a_key_may_attest(client, sam, complete_draft):
    client.force_login(sam)
    key = SoftKey()
    register(client, key)
    client.logout()
    _sign_in(client, sam)
    use(client, key)
    assert client.get(reverse("declarations:attest", args=[complete_draft.pk])).status_code == 200


def test_a_key_of_someone_else_is_not_recognised_and_logged(client, sam, alice):
    alice_key = SoftKey()
    client.force_login(alice)
    register(client, alice_key)
    client.force_login(sam)
    register(client, SoftKey())
    client.logout()
    _sign_in(client, sam)
    response = use(client, alice_key)
    assert response.status_code == 400 and response.json()["error"] == "unknown"
    assert "アカウントに登録されていません" in response.json()["message"]
    assert PENDING_SESSION_KEY in client.session
    row = AuditEvent.objects.get(kind=AuditEvent.Kind.SECURITY_KEY_REFUSED)
    assert row.actor == sam and row.detail["reason"] == "unknown"


def test_a_forged_signature_is_refused_and_logged(client, sam):
    client.force_login(sam)
    key = SoftKey()
    register(client, key)
    client.logout()
    _sign_in(client, sam)
    options = _post(client, "verify_begin").json()
    answer = key.get(options)
    answer["response"]["signature"] = SoftKey().get(options)["response"]["signature"]
    response = _post(client, "verify_complete", {"credential": answer})
    assert response.status_code == 400 and response.json()["error"] == "invalid"
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.SECURITY_KEY_REFUSED).count() == 1


def test_with_only_a_key_the_code_field_asks_for_a_recovery_code(client, sam):
    client.force_login(sam)
    register(client, SoftKey())
    client.logout()
    _sign_in(client, sam)
    english = client.get("/en" + VERIFY).content.decode()
    assert "Recovery code" in english and "authenticator app" not in english


# ------------------------------------------------------------------ removing a key


def test_removing_one_of_two_keys_takes_the_password_and_keeps_two_factor_on(client, sam):
    client.force_login(sam)
    register(client, SoftKey(), "first")
    register(client, SoftKey(), "second")
    first = WebAuthnCredential.objects.get(user=sam, name="first")
    url = reverse("accounts:two_factor_key_remove", args=[first.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'id="last-second-factor"' not in page.content.decode()
    assert client.post(url, {"password": "not it"}).status_code == 200
    client.post(url, {"password": PASSWORD})
    assert list(WebAuthnCredential.objects.filter(user=sam).values_list("name", flat=True)) == [
        "second"
    ]
    assert has_second_factor(sam) and StaticToken.objects.filter(device__user=sam).exists()
    row = AuditEvent.objects.get(kind=AuditEvent.Kind.SECURITY_KEY_REMOVED)
    assert row.actor == sam and row.target == "first"


def test_removing_the_last_key_turns_two_factor_off_with_the_recovery_codes(client, sam):
    client.force_login(sam)
    register(client, SoftKey())
    key = WebAuthnCredential.objects.get(user=sam)
    url = reverse("accounts:two_factor_key_remove", args=[key.pk])
    assert 'id="last-second-factor"' in client.get(url).content.decode()
    page = client.post(url, {"password": PASSWORD}, follow=True).content.decode()
    assert "これが最後の二要素認証の手段でした" in page
    assert not has_second_factor(sam)
    assert not StaticToken.objects.filter(device__user=sam).exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.SECURITY_KEY_REMOVED).count() == 1


def test_turning_two_factor_off_removes_the_keys_too(client, sam):
    login_verified(client, sam)
    register(client, SoftKey())
    client.post(reverse("accounts:two_factor_remove"), {"password": PASSWORD})
    assert not WebAuthnCredential.objects.filter(user=sam).exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.SECURITY_KEY_REMOVED).count() == 1


def test_nobody_else_can_remove_a_key(client, sam, alice):
    client.force_login(sam)
    register(client, SoftKey())
    key = WebAuthnCredential.objects.get(user=sam)
    client.force_login(alice)
    url = reverse("accounts:two_factor_key_remove", args=[key.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"password": PASSWORD}).status_code == 404


def test_the_overview_lists_the_keys(client, sam):
    client.force_login(sam)
    register(client, SoftKey(), "YubiKey 5C")
    html = client.get(reverse("accounts:two_factor")).content.decode()
    assert 'id="security-key-list"' in html and "YubiKey 5C" in html
    assert 'id="security-key-add"' in html  # and another may be added


# ------------------------------------------------------------------ the relying party


def test_the_relying_party_is_the_site_host_and_never_an_ip_address():
    assert config.relying_party("https://portal.example.go.jp") == (
        "portal.example.go.jp",
        "https://portal.example.go.jp",
    )
    assert config.relying_party("http://127.0.0.1:8000") == ("localhost", "http://localhost:8000")


@pytest.mark.parametrize(
    "rp_id,origins",
    [
        ("127.0.0.1", ["http://localhost"]),
        ("example.go.jp", ["http://portal.example.go.jp"]),
        ("example.go.jp", ["https://portal.example.com"]),
    ],
)
def test_a_relying_party_no_browser_would_accept_stops_the_start(rp_id, origins):
    with pytest.raises(ImproperlyConfigured):
        config.check_relying_party(rp_id, origins)


def test_a_parent_domain_may_be_the_relying_party():
    config.check_relying_party("example.go.jp", ["https://portal.example.go.jp"])
