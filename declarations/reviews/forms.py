"""The forms of the review pages: they read and check, the service writes."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from guidelines.models import Statement

from ..models import ReviewThread
from . import rules

WHOLE = ""  # the statement choice for "the declaration as a whole"


class _MessageFields(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=rules.MAX_BODY,
        strip=False,
    )
    links = forms.CharField(
        label=_("Links"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        # One URL per line; checked in clean_links, so allow a page of them here.
        max_length=rules.MAX_LINKS * (rules.MAX_LINK + 2),
        help_text=_("Optional: web addresses (http:// or https://), one per line."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set here, not above, so that it is translated into the request's language.
        self.fields["body"].help_text = gettext("Plain text, up to %(n)d characters.") % {
            "n": rules.MAX_BODY
        }

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        problems = rules.body_problems(body)
        if problems:
            raise forms.ValidationError(problems)
        return rules.normalise(body)

    def clean_links(self) -> list[str]:
        links = rules.split_links(self.cleaned_data["links"])
        problems = rules.link_problems(links)
        if problems:
            raise forms.ValidationError(problems)
        return links


class ThreadForm(_MessageFields):
    """A new thread: what it is about, its kind, subject and first message."""

    statement = forms.ChoiceField(label=_("About"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ReviewThread.Kind.choices,
        widget=forms.RadioSelect,
        initial=ReviewThread.Kind.QUESTION,
    )
    subject = forms.CharField(
        label=pgettext_lazy("review thread", "Subject"), max_length=rules.MAX_SUBJECT
    )

    field_order = ["statement", "kind", "subject", "body", "links"]

    def __init__(self, data=None, *, statements: list[Statement], **kwargs):
        super().__init__(data, **kwargs)
        self.statements = {s.code: s for s in statements}
        statement = cast(forms.ChoiceField, self.fields["statement"])
        statement.choices = [
            (WHOLE, _("The declaration as a whole")),
            *((s.code, f"{s.code} {s.title}") for s in statements),
        ]

    def clean_subject(self) -> str:
        subject = self.cleaned_data["subject"]
        problems = rules.subject_problems(subject)
        if problems:
            raise forms.ValidationError(problems)
        return rules.normalise(subject)

    def clean_statement(self) -> Statement | None:
        code = self.cleaned_data["statement"]
        return self.statements.get(code) if code else None


class ReplyForm(_MessageFields):
    pass


class StateFilterForm(forms.Form):
    """The thread list's filter; anything unknown shows every thread."""

    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("All")), *ReviewThread.State.choices],
        required=False,
    )

    def chosen(self) -> str:
        return self.cleaned_data.get("state", "") if self.is_valid() else ""
