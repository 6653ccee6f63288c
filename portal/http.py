"""Request types for views."""

from django.http import HttpRequest

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a ``login_required`` view: its user is a signed-in ``User``."""

    user: User
