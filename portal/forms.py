"""Forms for accounts, organizations and members. They validate and normalise; services save."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import LANGUAGE_CHOICES, Organization, User
from .services import DUPLICATE_CORPORATE_NUMBER
from .validators import (
    normalize_corporate_number,
    validate_clean_name,
    validate_corporate_number,
)


def _current_language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in dict(LANGUAGE_CHOICES) else settings.LANGUAGE_CODE


def _language_field(label, help_text) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, help_text=help_text, choices=LANGUAGE_CHOICES, widget=forms.RadioSelect
    )


class EmailField(forms.EmailField):
    """Email addresses are stored in lower case; the login is case-insensitive that way."""

    def clean(self, value):
        return super().clean(value).lower()


class SignupForm(forms.Form):
    email = EmailField(
        label=_("Email address"),
        help_text=_("We will send a link to this address to confirm it; it is also your login."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        validators=[validate_clean_name],
    )
    language = _language_field(_("Preferred language"), _("Used for emails sent to you."))
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Enter the same password again, to be sure of it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = _current_language()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            # The similarity validator compares the password with these attributes.
            candidate = User(email=data.get("email", ""), full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(password1, user=candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class ResendConfirmationForm(forms.Form):
    email = EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        validators=[validate_clean_name],
    )
    language = _language_field(_("Preferred language"), _("Used for emails sent to you."))


class OrganizationForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("Kind of organization"),
        choices=Organization.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Providers declare their products' conformity; customers review the declarations."
        ),
    )
    # Wider than the 13 digits stored: people paste "7000-0120-50002" or full-width digits.
    corporate_number = forms.CharField(
        label=_("Corporate number (法人番号)"),
        max_length=40,
        help_text=_(
            "13 digits, as issued by the National Tax Agency. Full-width digits and hyphens "
            "are fine."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        # The model's uniqueness check reports with the form field's messages.
        error_messages={"unique": DUPLICATE_CORPORATE_NUMBER},
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )

    class Meta:
        model = Organization
        fields = [
            "kind",
            "name_ja",
            "name_en",
            "corporate_number",
            "address",
            "contact_email",
            "contact_phone",
            "website",
        ]
        help_texts = {
            "name_en": _("Leave empty if the organization has no English name."),
            "contact_email": _("Where customers and the portal can reach the organization."),
        }
        widgets = {
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name_ja", "name_en"):
            self.fields[name].validators.append(validate_clean_name)

    def clean_corporate_number(self) -> str:
        number = normalize_corporate_number(self.cleaned_data["corporate_number"])
        validate_corporate_number(number)
        return number


def _role_help(organization: Organization) -> str:
    if organization.is_vendor:
        return gettext(
            "Admins manage members; editors draft declarations; signatories attest and "
            "publish them; viewers only read."
        )
    return gettext("Admins manage members; members review published declarations.")


def _role_choices(organization: Organization) -> list[tuple[str, str]]:
    return [(role.value, str(role.label)) for role in organization.roles]


class InvitationForm(forms.Form):
    email = EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), widget=forms.RadioSelect)
    language = _language_field(
        _("Language of the invitation email"),
        _("If the person already has an account, their own preferred language is used."),
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        role = cast(forms.ChoiceField, self.fields["role"])
        role.choices = _role_choices(organization)
        role.help_text = _role_help(organization)
        self.fields["language"].initial = _current_language()


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = _role_choices(organization)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's, but the email is in the recipient's language and links to SITE_URL."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        context = {**context, "site_url": settings.SITE_URL}
        with translation.override(context["user"].language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
