"""Forms for making and answering requests. They validate and normalise; services save."""

from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from guidelines.models import Package
from portal.models import LANGUAGE_CHOICES, Organization
from portal.validators import (
    normalize_corporate_number,
    validate_clean_name,
    validate_corporate_number,
)

from ..drafting.forms import ProductForm, SummarisedForm
from ..models import Product

# A deadline further out than this is a typing mistake, not a procurement.
LONGEST_DEADLINE = datetime.timedelta(days=3 * 366)


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def _current_language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in dict(LANGUAGE_CHOICES) else settings.LANGUAGE_CODE


def registered_vendor(corporate_number: str) -> Organization | None:
    """The approved vendor with this number, if there is one."""
    return Organization.objects.filter(
        corporate_number=corporate_number,
        kind=Organization.Kind.VENDOR,
        status=Organization.Status.APPROVED,
    ).first()


class RequestForm(SummarisedForm):
    # Wider than the 13 digits stored: people paste "7000-0120-50002" or full-width digits.
    corporate_number = forms.CharField(
        label=_("Provider's corporate number (法人番号)"),
        max_length=40,
        help_text=_(
            "13 digits. Full-width digits and hyphens are fine. If the provider is not on the "
            "portal yet, it is invited to register."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    vendor_name = forms.CharField(
        label=_("Provider's name"),
        max_length=200,
        required=False,
        validators=[validate_clean_name],
        help_text=_("Only needed when the provider is not registered on the portal yet."),
    )
    invited_email = forms.EmailField(
        label=_("Provider's contact email"),
        required=False,
        max_length=254,
        help_text=_(
            "Only needed when the provider is not registered yet: the invitation to register "
            "and answer the request goes to this address."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation email"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("If the person already has an account, their own preferred language is used."),
    )
    product = forms.ModelChoiceField(
        queryset=Product.objects.filter(archived_at__isnull=True),
        required=False,
        widget=forms.HiddenInput,
    )
    product_description = forms.CharField(
        label=_("Product or service"),
        max_length=500,
        required=False,
        validators=[validate_clean_name],
        help_text=_("Name and version of the product or service you need a declaration for."),
    )
    package_kind = forms.ChoiceField(
        label=_("Package"),
        choices=Package.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a package.")},
        help_text=_("Minimum: the essential measures. Standard: every requirement for providers."),
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date by which you need the declaration published."),
    )
    reference = forms.CharField(
        label=_("Procurement reference"),
        max_length=100,
        required=False,
        validators=[validate_clean_name],
        help_text=_("Your case or tender number, if any; the provider sees it."),
    )
    note = forms.CharField(
        label=_("Note to the provider"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = _current_language()
        self.helper = _helper()
        self.vendor: Organization | None = None
        if not (self.data.get("product") or self.initial.get("product")):
            # No product picked from the registry: the name is what identifies it,
            # and the form marks it required like the other required fields.
            described = self.fields["product_description"]
            described.required = True
            described.error_messages["required"] = _("Name the product or service.")

    def clean_corporate_number(self) -> str:
        number = normalize_corporate_number(self.cleaned_data["corporate_number"])
        validate_corporate_number(number)
        registered = Organization.objects.filter(corporate_number=number).first()
        if registered is not None and not registered.is_vendor:
            raise forms.ValidationError(
                _("This corporate number belongs to a customer, not a provider.")
            )
        self.vendor = registered_vendor(number)
        return number

    def clean_deadline(self) -> datetime.date:
        deadline = self.cleaned_data["deadline"]
        today = timezone.localdate()
        if deadline <= today:
            raise forms.ValidationError(_("The deadline must be after today."))
        if deadline > today + LONGEST_DEADLINE:
            raise forms.ValidationError(_("The deadline must be within three years."))
        return deadline

    def clean(self):
        data = super().clean() or {}
        product = data.get("product")
        if "corporate_number" in data:
            if self.vendor is None:
                product = data["product"] = None  # an unregistered vendor has no products here
                if not data.get("invited_email"):
                    self.add_error(
                        "invited_email",
                        _(
                            "The provider is not registered on the portal: "
                            "give an address to invite."
                        ),
                    )
            elif product is not None and product.organization_id != self.vendor.pk:
                product = data["product"] = None
        # Only when nothing was typed: an overlong name already has its own error.
        described = data.get("product_description", "").strip() or self.has_error(
            "product_description"
        )
        if product is None and not described:
            self.add_error("product_description", _("Name the product or service."))
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The customer reads it with your answer."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class StartDraftForm(forms.Form):
    """Which of the vendor's products the request is for."""

    product = forms.ModelChoiceField(
        label=_("Product or service"),
        queryset=Product.objects.none(),
        empty_label=None,
        error_messages={"required": _("Choose a product.")},
        help_text=_(
            "A draft against the requested package is started for it; an existing draft "
            "of the product is continued instead."
        ),
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["product"]
        field.queryset = Product.objects.filter(  # type: ignore[attr-defined]
            organization=organization, archived_at__isnull=True
        ).order_by("name", "version", "pk")
        self.helper = _helper()


class NewProductForm(ProductForm):
    """The requested product, registered on the spot when it is not on the portal yet."""

    prefix = "new"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
