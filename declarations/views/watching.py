"""Watching a product or a vendor: the buttons' targets, one's list, and unsubscribing.

Watching and unwatching need a signed-in user and a POST. The unsubscribe
link of a watch email works without signing in: its GET only shows what it
would stop (mail scanners fetch links to check them, and must not
unsubscribe anyone), and the button on that page POSTs.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.http import AuthenticatedHttpRequest

from .. import services
from ..access import get_watch_for_user
from ..comparison.selection import MAX_DECLARATIONS
from ..errors import DeclarationError
from ..models import Watch
from ..registry.summary import issued_declaration
from ..services.watching import WatchTarget
from ..watching.queries import watches_of
from ..watching.tokens import read_token
from .common import GET_POST, PAGE_SIZE


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and target.startswith("/") else default


@login_required
@require_POST
def watch(request: AuthenticatedHttpRequest, serial: str) -> HttpResponse:
    declaration = issued_declaration(serial)
    if declaration is None:
        raise Http404
    target = request.POST.get("target", "")
    try:
        services.watch(user=request.user, declaration=declaration, target=target)
    except DeclarationError as error:
        messages.error(request, error.message)
    else:
        if target == WatchTarget.PRODUCT:
            messages.success(
                request, _("You now watch this product. You will get an email on every change.")
            )
        else:
            messages.success(
                request, _("You now watch this provider. You will get an email on every change.")
            )
    return redirect("declarations:registry_summary", serial=declaration.serial)


@login_required
@require_POST
def unwatch(request: AuthenticatedHttpRequest, watch_pk: int) -> HttpResponse:
    watch = get_watch_for_user(request, watch_pk)
    services.unwatch(user=request.user, watch=watch)
    messages.success(request, _("You no longer watch %(what)s.") % {"what": _target(watch)})
    return redirect(_back(request, default=reverse("declarations:watch_list")))


def _target(watch: Watch) -> str:
    return str(watch.product) if watch.product_id else str(watch.organization)


@login_required
@require_safe
def watch_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(watches_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "declarations/watch_list.html",
        {"page_obj": page, "watches": page.object_list, "query": "", "max": MAX_DECLARATIONS},
    )


@GET_POST
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    unsubscription = read_token(token)
    if unsubscription is None:
        return render(request, "declarations/watch_unsubscribe.html", {"invalid": True}, status=400)
    watches = list(
        Watch.objects.filter(
            user_id=unsubscription.user_id, pk__in=unsubscription.watch_ids
        ).select_related("product", "organization")
    )
    done = False
    if request.method == "POST" and watches:
        services.unsubscribe(unsubscription=unsubscription)
        done = True
    return render(
        request,
        "declarations/watch_unsubscribe.html",
        {"watches": watches, "done": done, "invalid": False},
    )
