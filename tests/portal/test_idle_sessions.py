"""Signatories, organization admins and site staff are signed out after a while idle;
everyone else keeps Django's session."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from portal.models import AuditEvent

pytestmark = pytest.mark.django_db

PAGE = "/en/accounts/profile/"


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_an_idle_signatory_is_signed_out_and_told_why(client, sam, settings):
    settings.SESSION_IDLE_MINUTES = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(sam)
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        response = client.get(PAGE, follow=True)

    assert not signed_in(client)
    assert response.redirect_chain[0][0].startswith("/en/accounts/login/?next=")
    assert "signed out after 30 minutes without activity" in response.content.decode()
    assert AuditEvent.objects.get(kind=AuditEvent.Kind.LOGOUT).detail == {"reason": "idle"}


def test_an_idle_vendor_viewer_stays_signed_in(client, vera):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(vera)
    with time_machine.travel(start + timedelta(hours=5), tick=False):
        response = client.get(PAGE)

    assert response.status_code == 200
    assert signed_in(client)


@pytest.mark.parametrize("who", ["ada", "root"])
def test_admins_are_held_to_the_limit_too(client, who, request):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(request.getfixturevalue(who))
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        assert client.get(PAGE).status_code == 302
    assert not signed_in(client)


def test_activity_keeps_a_signatory_signed_in(client, sam):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(sam)
    for minutes in (20, 40, 60):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(PAGE).status_code == 200

    assert signed_in(client)
