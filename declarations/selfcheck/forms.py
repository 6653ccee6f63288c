"""The self-check's answer form: a vendor's answer form without evidence or public
statement, held to the same rule (``drafting.answers.answer_problems``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import limits
from ..drafting.answers import answer_problems
from ..drafting.forms import error_summary
from ..models import Answer, SelfCheckAnswer
from .queries import Row


@dataclass(frozen=True)
class SelfCheckChange:
    statement_id: int
    version: int
    status: str = ""
    explanation: str = ""
    remediation_plan: str = ""
    target_date: Any = None


class SelfCheckAnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[*Answer.Status.choices, ("", _("Not answered yet"))],
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": limits.EXPLANATION}),
        help_text=_(
            "Required unless conformant: how your organization meets the statement, or where "
            "it falls short."
        ),
    )
    remediation_plan = forms.CharField(
        label=_("Remediation plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": limits.REMEDIATION_PLAN}),
        help_text=_("Required if partially conformant or not conformant: what you will do."),
    )
    target_date = forms.DateField(
        label=_("Target date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("When the gap will be closed; a date in the future."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, data=None, *, row: Row, **kwargs):
        self.row = row
        answer: SelfCheckAnswer = row.answer
        initial = {name: getattr(answer, name) for name in SelfCheckAnswer.CONTENT_FIELDS}
        initial["version"] = answer.version
        super().__init__(data, initial=initial, prefix=f"s{row.statement.slug}", **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("explanation", "remediation_plan"):
            if name in data:
                data[name] = data[name].replace("\r\n", "\n")
        problems = answer_problems(
            status=data.get("status") or "",
            explanation=data.get("explanation", ""),
            evidence_links="",
            remediation_plan=data.get("remediation_plan", ""),
            target_date=data.get("target_date"),
            today=timezone.localdate(),
        )
        for problem in problems:
            if problem.field not in self.errors:
                self.add_error(problem.field, ValidationError(problem.message, code=problem.code))
        return data

    def change(self) -> SelfCheckChange:
        data = self.cleaned_data
        return SelfCheckChange(
            statement_id=self.row.statement.pk,
            version=data["version"],
            status=data["status"] or "",
            explanation=data["explanation"],
            remediation_plan=data["remediation_plan"],
            target_date=data["target_date"],
        )


class SelfCheckPage:
    """Every customer statement's form, validated and saved together."""

    def __init__(self, rows: Sequence[Row], data: QueryDict | None = None):
        self.forms = [SelfCheckAnswerForm(data, row=row) for row in rows]

    def __iter__(self):
        return iter(self.forms)

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms])

    def changes(self) -> list[SelfCheckChange]:
        return [form.change() for form in self.forms]

    @property
    def error_summary(self) -> list[dict]:
        return [
            error
            for form in self.forms
            for error in error_summary(form, code=form.row.statement.code)
        ]
