"""`manage.py create_api_token EMAIL`: how a person gets the token the API takes."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token


def run(*args):
    out = StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue().strip()


def test_it_prints_a_token_that_the_api_takes(client, pat, declaration_url):
    key = run("PAT@buyer.test")
    assert Token.objects.get(user=pat).key == key
    response = client.get(declaration_url, HTTP_AUTHORIZATION=f"Token {key}")
    assert "record" in response.json()


def test_it_prints_the_same_token_again_until_renewed(pat):
    first = run("pat@buyer.test")
    assert run("pat@buyer.test") == first
    renewed = run("pat@buyer.test", "--renew")
    assert renewed != first and list(Token.objects.values_list("key", flat=True)) == [renewed]


def test_an_unknown_or_inactive_user_gets_no_token(pat):
    with pytest.raises(CommandError):
        run("nobody@buyer.test")
    pat.is_active = False
    pat.save()
    with pytest.raises(CommandError):
        run("pat@buyer.test")
    assert not Token.objects.exists()


@pytest.fixture
def declaration_url(published):
    return f"/api/v1/declarations/{published.serial}/"
