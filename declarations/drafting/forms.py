"""Forms for products and draft declarations. They validate and normalise; services save."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from guidelines.models import Package
from portal.validators import validate_clean_name

from .. import limits
from ..models import Answer, Language, Product
from .answers import (
    AnswerChange,
    Conflict,
    answer_problems,
    bad_evidence_links,
    bad_link_message,
    evidence_links,
)

# ---------------------------------------------------------------- products


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def error_summary(form: forms.Form, *, code: str = "") -> list[dict]:
    """Every field error with the id of the control to jump to, for the summary at the top."""
    summary = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        field = form[name]
        # A group of radios or checkboxes has no single control: jump to its first option.
        grouped = isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
        anchor = f"{field.auto_id}_0" if grouped else field.auto_id
        summary += [
            {"code": code, "label": field.label, "message": message, "anchor": anchor}
            for message in errors
        ]
    return summary


class SummarisedForm(forms.Form):
    @property
    def error_summary(self) -> list[dict]:
        return error_summary(self)


class ProductForm(SummarisedForm):
    name = forms.CharField(label=_("Name"), max_length=200, validators=[validate_clean_name])
    version = forms.CharField(
        label=_("Version or version range"),
        max_length=100,
        required=False,
        validators=[validate_clean_name],
        help_text=_('For example "3.2", "3.x" or "all versions from 2.0".'),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Product.Kind.choices, widget=forms.RadioSelect
    )
    roles = forms.MultipleChoiceField(
        label=_("Our role(s) for it"),
        choices=Product.VendorRole.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every role your organization has for this product or service."),
        error_messages={"required": _("Choose at least one role.")},
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=limits.PRODUCT_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    url = forms.URLField(
        label=_("Public URL"),
        required=False,
        assume_scheme="https",
        help_text=_("A public page about the product or service, if there is one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    @classmethod
    def for_product(cls, product: Product, data=None) -> ProductForm:
        fields = ("name", "version", "kind", "roles", "description", "url")
        return cls(data, initial={name: getattr(product, name) for name in fields})

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()

    def clean_roles(self) -> list[str]:
        # Stored in the order of the choices, whatever order they were ticked in.
        chosen = set(self.cleaned_data["roles"])
        return [role for role in Product.VendorRole.values if role in chosen]


class PackageForm(SummarisedForm):
    """Choose a package: Minimum or Standard, by kind."""

    package = forms.ChoiceField(
        label=_("Package"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a package.")},
    )

    def __init__(self, *args, packages: Sequence[Package], **kwargs):
        super().__init__(*args, **kwargs)
        self.packages = {package.kind: package for package in packages}
        self.fields["package"].choices = [(p.kind, p.title) for p in packages]  # type: ignore[attr-defined]

    def clean_package(self) -> Package:
        return self.packages[self.cleaned_data["package"]]


# ----------------------------------------------------------------- answers

CONTENT_FIELDS = Answer.CONTENT_FIELDS
TEXT_FIELDS = (
    "explanation",
    "explanation_en",
    "evidence",
    "evidence_en",
    "remediation_plan",
    "remediation_plan_en",
)


class LanguageForm(SummarisedForm):
    """The declaration's authoritative language: its answers in it are the declaration."""

    language = forms.ChoiceField(
        label=_("Authoritative language"),
        choices=Language.choices,
        initial=Language.JA,
        widget=forms.RadioSelect,
        # Japanese unless chosen otherwise (a form that does not ask means Japanese).
        required=False,
        help_text=_(
            "You may answer in Japanese, English or both. Text in this language is required "
            "where text is required and is what you declare; text in the other language is "
            "an optional translation, marked as such in the PDF. You can change it until "
            "attestation."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_language(self) -> str:
        return self.cleaned_data.get("language") or Language.JA


def fingerprint(values: Mapping[str, Any]) -> str:
    """A short digest of an answer's content, to tell what someone changed on the page."""
    parts = []
    for name in CONTENT_FIELDS:
        value = values.get(name) or ""
        if isinstance(value, datetime.date):
            value = value.isoformat()
        parts.append(str(value).replace("\r\n", "\n").strip())
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:32]


def answer_fingerprint(answer: Answer) -> str:
    return fingerprint({name: getattr(answer, name) for name in CONTENT_FIELDS})


class EvidenceLinksField(forms.CharField):
    """One URL per line; each line must be a URL. Normalised to one clean URL per line."""

    widget = forms.Textarea(attrs={"rows": 2})

    def clean(self, value):
        text = (super().clean(value) or "").replace("\r\n", "\n")
        if len(text) > limits.EVIDENCE_LINKS:
            # The answer rule says so at the field; no line-by-line list of a huge paste.
            return text
        bad = bad_evidence_links(text)
        if bad:
            raise ValidationError(
                [ValidationError(bad_link_message(*line), code="invalid_url") for line in bad]
            )
        return "\n".join(evidence_links(text))


def _interpolate_limit(message) -> str:
    return str(message) % {"limit": Answer.PUBLIC_STATEMENT_MAX_LENGTH}


# Help texts are made when the module loads; interpolate in the reader's language.
_with_limit = lazy(_interpolate_limit, str)


class PublicStatementField(forms.CharField):
    """An answer's public statement in one language: line breaks as the page shows them.

    A browser counts a line break as one character against ``maxlength`` but sends
    it as two (CR LF); normalising before the length check keeps the two in step.
    """

    def __init__(self, *, language: str, **kwargs):
        super().__init__(
            required=False,
            max_length=Answer.PUBLIC_STATEMENT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 2, "lang": language}),
            **kwargs,
        )

    def to_python(self, value):
        return (super().to_python(value) or "").replace("\r\n", "\n")


class AnswerForm(forms.Form):
    """One statement's answer. Its prefix is the statement's code, e.g. "s1-2".

    Two hidden fields make concurrent editing safe: ``version`` is the version
    of the answer the page was built on (the service refuses to write over a
    newer one), and ``loaded`` fingerprints the content shown then, so that an
    answer the person left alone is not written back at all — someone else's
    newer save of it stays, and is no conflict.
    """

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[*Answer.Status.choices, ("", _("Not answered yet"))],
        widget=forms.RadioSelect,
    )
    # The limits are the answer rule's (answers.TEXT_LIMITS), checked in clean();
    # maxlength only spares the person typing past them.
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": limits.EXPLANATION}),
        help_text=_(
            "Required unless conformant: how you meet the statement, or where you fall short. "
            "For “not applicable” this is your justification: why the statement does not apply."
        ),
    )
    explanation_en = forms.CharField(
        label=_("Explanation (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": limits.EXPLANATION, "lang": "en"}),
    )
    evidence_links = EvidenceLinksField(
        label=_("Evidence links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": limits.EVIDENCE_LINKS}),
        help_text=_("One web address per line, e.g. a public policy or a report."),
    )
    evidence = forms.CharField(
        label=_("Evidence (free text)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": limits.EVIDENCE}),
        help_text=_("Documents, records or certifications that back the answer."),
    )
    evidence_en = forms.CharField(
        label=_("Evidence (free text, English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": limits.EVIDENCE, "lang": "en"}),
    )
    remediation_plan = forms.CharField(
        label=_("Remediation plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": limits.REMEDIATION_PLAN}),
        help_text=_("What you will do to close the gap."),
    )
    remediation_plan_en = forms.CharField(
        label=_("Remediation plan (English)"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 3, "maxlength": limits.REMEDIATION_PLAN, "lang": "en"}
        ),
    )
    target_date = forms.DateField(
        label=_("Target date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("When the gap will be closed; a date in the future."),
    )
    public_statement_ja = PublicStatementField(
        language="ja",
        label=_("Public statement (Japanese)"),
        help_text=_with_limit(
            _(
                "Optional, up to %(limit)s characters. This is what the public sees in the "
                "registry beside the status: write it for anyone. The explanation, evidence and "
                "plan above are shown only to your organization, approved customers and the "
                "portal's staff."
            )
        ),
    )
    public_statement_en = PublicStatementField(
        language="en",
        label=_("Public statement (English)"),
        help_text=_with_limit(
            _("Optional, up to %(limit)s characters: the same statement for readers in English.")
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, answer: Answer, language: str = Language.JA, **kwargs):
        self.answer = answer
        self.language = language
        # Set by AnswerPage.rebase when someone else saved this answer meanwhile.
        self.conflict: Conflict | None = None
        self.yours: Answer | None = None
        initial = {name: getattr(answer, name) for name in CONTENT_FIELDS}
        initial |= {"version": answer.version, "loaded": answer_fingerprint(answer)}
        super().__init__(data, initial=initial, prefix=f"s{answer.statement.slug}", **kwargs)
        self._label_languages()
        self.helper = _helper()
        # The authoritative text first, its translation after it.
        order = (lambda ja, en: (en, ja)) if language == Language.EN else (lambda ja, en: (ja, en))
        self.helper.layout = Layout(
            "status",
            *order("explanation", "explanation_en"),
            Fieldset(
                _("Evidence"),
                "evidence_links",
                *order("evidence", "evidence_en"),
                css_class="answer-group",
            ),
            Fieldset(
                _("Remediation: required if partially conformant or not conformant"),
                *order("remediation_plan", "remediation_plan_en"),
                "target_date",
                css_class="answer-group",
            ),
            Fieldset(
                _("Public statement: what everyone sees in the registry"),
                "public_statement_ja",
                "public_statement_en",
                css_class="answer-group",
            ),
            "version",
            "loaded",
        )

    LANGUAGE_LABELS = {
        "explanation": (_("Explanation (Japanese)"), _("Explanation (English)")),
        "evidence": (_("Evidence (free text, Japanese)"), _("Evidence (free text, English)")),
        "remediation_plan": (_("Remediation plan (Japanese)"), _("Remediation plan (English)")),
    }

    def _label_languages(self) -> None:
        """Name each free text's language, and which is the declaration and which its
        translation: the authoritative one keeps the help text, the other says it is optional."""
        for name, (japanese, english) in Answer.BILINGUAL_FIELDS.items():
            ja_label, en_label = self.LANGUAGE_LABELS[name]
            self.fields[japanese].label = ja_label
            self.fields[english].label = en_label
            self.fields[japanese].widget.attrs["lang"] = "ja"
            authoritative, translation = (
                (english, japanese) if self.language == Language.EN else (japanese, english)
            )
            if self.fields[japanese].help_text and authoritative == english:
                self.fields[english].help_text = self.fields[japanese].help_text
            self.fields[translation].help_text = _(
                "Translation, optional: the declaration is the text in the authoritative language."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in TEXT_FIELDS:
            if name in data:
                data[name] = data[name].replace("\r\n", "\n")
        problems = answer_problems(
            status=data.get("status") or "",
            explanation=data.get("explanation", ""),
            evidence_links=data.get("evidence_links", ""),
            remediation_plan=data.get("remediation_plan", ""),
            target_date=data.get("target_date"),
            today=timezone.localdate(),
            public_statement_ja=data.get("public_statement_ja", ""),
            public_statement_en=data.get("public_statement_en", ""),
            evidence=data.get("evidence", ""),
            language=self.language,
            explanation_en=data.get("explanation_en", ""),
            evidence_en=data.get("evidence_en", ""),
            remediation_plan_en=data.get("remediation_plan_en", ""),
        )
        for problem in problems:
            # A field that failed on its own (a malformed date) keeps that one error.
            if problem.field not in self.errors:
                self.add_error(problem.field, ValidationError(problem.message, code=problem.code))
        return data

    def content_changed(self) -> bool:
        """Whether the person changed this answer on the page (the version does not count)."""
        loaded = self.cleaned_data.get("loaded") or answer_fingerprint(self.answer)
        return fingerprint(self.cleaned_data) != loaded

    def change(self) -> AnswerChange:
        data = self.cleaned_data
        return AnswerChange(
            answer_id=self.answer.pk,
            version=data["version"],
            status=data["status"] or "",
            explanation=data["explanation"],
            evidence_links=data["evidence_links"],
            evidence=data["evidence"],
            remediation_plan=data["remediation_plan"],
            target_date=data["target_date"],
            public_statement_ja=data["public_statement_ja"],
            public_statement_en=data["public_statement_en"],
            explanation_en=data["explanation_en"],
            evidence_en=data["evidence_en"],
            remediation_plan_en=data["remediation_plan_en"],
        )


class AnswerPage:
    """All answer forms of one category page, validated and saved together."""

    def __init__(
        self,
        answers: Sequence[Answer],
        data: QueryDict | None = None,
        *,
        language: str = Language.JA,
    ):
        self.data = data
        self.language = language
        self.forms = [AnswerForm(data, answer=answer, language=language) for answer in answers]

    def __iter__(self):
        return iter(self.forms)

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms])

    def changes(self) -> list[AnswerChange]:
        return [form.change() for form in self.forms if form.content_changed()]

    @property
    def error_summary(self) -> list[dict]:
        return [
            error
            for form in self.forms
            for error in error_summary(form, code=form.answer.statement.code)
        ]

    @property
    def conflicts(self) -> list[Conflict]:
        return [form.conflict for form in self.forms if form.conflict]

    def rebase(self, conflicts: Sequence[Conflict]) -> None:
        """Show the page again on top of the answers as now stored.

        What was typed stays in the forms. Each conflicting form now carries
        the stored version and its fingerprint, as if the person had loaded
        it just now: saving again deliberately puts their answer over it.
        """
        if self.data is None:
            raise TypeError("only a submitted page can have conflicts")
        data = self.data.copy()
        theirs = {conflict.theirs.pk: conflict for conflict in conflicts}
        answers = []
        for form in self.forms:
            conflict = theirs.get(form.answer.pk)
            if conflict is None:
                answers.append(form.answer)
                continue
            conflict.theirs.statement = form.answer.statement
            data[form.add_prefix("version")] = str(conflict.theirs.version)
            data[form.add_prefix("loaded")] = answer_fingerprint(conflict.theirs)
            answers.append(conflict.theirs)
        self.data = data
        self.forms = [AnswerForm(data, answer=answer, language=self.language) for answer in answers]
        for form in self.forms:
            form.conflict = theirs.get(form.answer.pk)
            if form.conflict is not None:
                yours = form.conflict.yours
                form.yours = Answer(
                    statement=form.answer.statement,
                    **{name: getattr(yours, name) for name in CONTENT_FIELDS},
                )
