"""After signing in, everyone lands on the home page, which shows the work of their roles."""

import pytest

from tests.conftest import PASSWORD


def _sign_in(client, user, prefix="", **extra):
    data = {"username": user.email, "password": PASSWORD, **extra}
    return client.post(f"{prefix}/accounts/login/", data, follow=True)


@pytest.mark.parametrize("who", ["pat", "alice", "sam", "otto", "root"])
def test_everyone_lands_on_the_home_page(client, who, request):
    response = _sign_in(client, request.getfixturevalue(who))
    assert response.redirect_chain[-1][0] == "/"
    assert response.status_code == 200


def test_in_english_too(client, pat):
    response = _sign_in(client, pat, prefix="/en")
    assert response.redirect_chain[-1][0] == "/en/"


def test_a_page_that_asked_for_the_sign_in_wins(client, pat):
    response = _sign_in(client, pat, next="/accounts/profile/")
    assert response.redirect_chain[-1][0] == "/accounts/profile/"
