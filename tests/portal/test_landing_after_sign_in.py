"""After signing in, a procurer lands on the registry; everyone else where they always did."""

import pytest

from tests.conftest import PASSWORD


def _sign_in(client, user, prefix="", **extra):
    data = {"username": user.email, "password": PASSWORD, **extra}
    return client.post(f"{prefix}/accounts/login/", data, follow=True)


def test_a_procurer_lands_on_the_registry(client, pat):
    response = _sign_in(client, pat)
    assert response.redirect_chain[-1][0] == "/registry/"
    assert response.status_code == 200


def test_in_english_too(client, pat):
    response = _sign_in(client, pat, prefix="/en")
    assert response.redirect_chain[-1][0] == "/en/registry/"


@pytest.mark.parametrize("who", ["alice", "otto", "root"])
def test_everyone_else_lands_on_the_home_page(client, who, request):
    response = _sign_in(client, request.getfixturevalue(who))
    assert response.redirect_chain[-1][0] == "/"


def test_a_page_that_asked_for_the_sign_in_wins(client, pat):
    response = _sign_in(client, pat, next="/accounts/profile/")
    assert response.redirect_chain[-1][0] == "/accounts/profile/"


def test_a_procurer_of_an_organization_not_yet_approved_is_no_procurer(client, pat):
    organization = pat.memberships.get().organization
    organization.status = organization.Status.PENDING
    organization.save()
    response = _sign_in(client, pat)
    assert response.redirect_chain[-1][0] == "/"
