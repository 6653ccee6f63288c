"""The registry's search and filters, read from a query string. Bad values never fail a page:
the form says what it ignored, and the search runs without it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from guidelines.models import Edition, Package

from ..models import Product
from .search import DEFAULT_SORT, PublicStatus, RegistrySearch

ANY = [("", _("Any"))]
MAX_QUERY = 200
SORT_CHOICES = [
    ("-published", _("Newest first")),
    ("published", _("Oldest first")),
    ("valid_until", _("Validity ending soonest")),
    ("-valid_until", _("Validity ending latest")),
    ("vendor", _("Provider (A–Z)")),
    ("-vendor", _("Provider (Z–A)")),
]


class SearchField(forms.CharField):
    """Free text to search by. A NUL byte (fine to SQLite, an error to PostgreSQL) is
    dropped before anything else sees it; a pasted paragraph searches by its beginning."""

    def to_python(self, value):
        return (super().to_python(value) or "").replace("\x00", "")[:MAX_QUERY]


class RegistrySearchForm(forms.Form):
    q = SearchField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Provider name, corporate number, product name or serial number."),
    )
    package = forms.ChoiceField(label=_("Package"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=ANY + list(PublicStatus.choices)
    )
    edition = forms.ChoiceField(label=_("Guideline edition"), required=False)
    product_kind = forms.ChoiceField(
        label=_("Product kind"), required=False, choices=ANY + list(Product.Kind.choices)
    )
    vendor_role = forms.ChoiceField(
        label=_("Provider's role"), required=False, choices=ANY + list(Product.VendorRole.choices)
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        package: forms.ChoiceField = self.fields["package"]  # type: ignore[assignment]
        package.choices = ANY + list(Package.Kind.choices)
        edition: forms.ChoiceField = self.fields["edition"]  # type: ignore[assignment]
        labels = Edition.objects.exclude(status=Edition.Status.DRAFT).values_list(
            "label", flat=True
        )
        edition.choices = ANY + [(label, label) for label in labels]
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-control" if name == "q" else "form-select"

    def search(self) -> RegistrySearch:
        """The search to run: the valid fields; an invalid one is left out (errors say which)."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) or "" for name in self.fields}
        data["sort"] = data["sort"] or DEFAULT_SORT
        return RegistrySearch(**data)
