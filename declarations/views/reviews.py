"""Review threads: a procurer opens one on a declaration, both sides write, the procurer
resolves or reopens it; a procurer's list of their organization's threads.

Thin views over ``services.reviews``, ``reviews.queries`` and ``access``:
anyone who is not a party to a thread gets 404, a party whose role may not
do the act 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.http import AuthenticatedHttpRequest

from ..access import (
    ThreadAct,
    get_declaration_to_review,
    get_thread_for_user,
    procurer_organization,
)
from ..errors import DeclarationError
from ..models import ReviewThread
from ..reviews import queries
from ..reviews.forms import ReplyForm, StateFilterForm, ThreadForm
from ..reviews.lifecycle import may_be_reviewed, thread_moves
from ..services import reviews as services
from .common import GET_POST, PAGE_SIZE, posted


def _to_thread(thread: ReviewThread, anchor: str = ""):
    url = reverse("declarations:thread_detail", kwargs={"thread_pk": thread.pk})
    return redirect(url + anchor)


@login_required
@require_safe
def thread_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    organization = procurer_organization(request.user)
    if organization is None:
        raise Http404
    filters = StateFilterForm(request.GET)
    state = filters.chosen()
    threads = queries.threads_of(organization, state=state)
    page = Paginator(threads, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "declarations/thread_list.html",
        {
            "organization": organization,
            "state": state,
            "counts": queries.state_counts(organization),
            "page_obj": page,
            "threads": page.object_list,
            "query": f"state={state}&" if state else "",
        },
    )


@login_required
@GET_POST
def thread_start(request: AuthenticatedHttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_to_review(request, declaration_pk)
    if not may_be_reviewed(declaration):
        messages.info(request, _("Threads are opened on a declaration in force."))
        return redirect("declarations:declaration_detail", declaration_pk=declaration.pk)
    statements = queries.package_statements(declaration)
    initial = {"statement": request.GET.get("statement", "")}
    form = ThreadForm(posted(request), statements=statements, initial=initial)
    if form.is_valid():
        try:
            thread = services.open_thread(
                declaration=declaration,
                user=request.user,
                statement=form.cleaned_data["statement"],
                kind=form.cleaned_data["kind"],
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                links=form.cleaned_data["links"],
            )
        except DeclarationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The thread is open. The provider has been notified."))
            return _to_thread(thread)
    return render(
        request, "declarations/thread_start.html", {"declaration": declaration, "form": form}
    )


def _thread_page(
    request: AuthenticatedHttpRequest, thread: ReviewThread, form: ReplyForm | None = None
) -> HttpResponse:
    moves = thread_moves(thread, request.user)
    if form is None and "reply" in moves:
        form = ReplyForm()
    return render(
        request,
        "declarations/thread_detail.html",
        {
            "page": queries.thread_page(thread),
            "thread": thread,
            "declaration": thread.declaration,
            "moves": moves,
            "form": form,
        },
    )


@login_required
@require_safe
def thread_detail(request: AuthenticatedHttpRequest, thread_pk: int) -> HttpResponse:
    return _thread_page(request, get_thread_for_user(request, thread_pk))


@login_required
@require_POST
def thread_reply(request: AuthenticatedHttpRequest, thread_pk: int) -> HttpResponse:
    thread = get_thread_for_user(request, thread_pk, act=ThreadAct.REPLY)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            message = services.reply_to_thread(
                thread=thread,
                user=request.user,
                body=form.cleaned_data["body"],
                links=form.cleaned_data["links"],
            )
        except DeclarationError as error:
            messages.error(request, error.message)
            return _to_thread(thread)
        messages.success(request, _("Your message was sent."))
        return _to_thread(thread, f"#message-{message.pk}")
    return _thread_page(request, thread, form)


def _move(request: AuthenticatedHttpRequest, thread_pk: int, *, to: str, done: str) -> HttpResponse:
    thread = get_thread_for_user(request, thread_pk, act=ThreadAct.RESOLVE)
    try:
        services.move_thread(thread=thread, user=request.user, to=to)
    except DeclarationError as error:
        messages.info(request, error.message)
    else:
        messages.success(request, done)
    return _to_thread(thread)


@login_required
@require_POST
def thread_resolve(request: AuthenticatedHttpRequest, thread_pk: int) -> HttpResponse:
    return _move(
        request, thread_pk, to=ReviewThread.State.RESOLVED, done=_("The thread is resolved.")
    )


@login_required
@require_POST
def thread_reopen(request: AuthenticatedHttpRequest, thread_pk: int) -> HttpResponse:
    return _move(
        request, thread_pk, to=ReviewThread.State.OPEN, done=_("The thread is open again.")
    )
