"""Forms for attesting, withdrawing and revoking. They validate; services act."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.validators import validate_clean_name

from .attestation import password_confirms


class AttestForm(forms.Form):
    signatory_name = forms.CharField(
        label=_("Your name"), max_length=200, validators=[validate_clean_name]
    )
    signatory_title = forms.CharField(
        label=_("Your title"),
        max_length=200,
        validators=[validate_clean_name],
        help_text=_("e.g. Representative Director, CISO (designee with authority to bind)"),
    )
    confirm = forms.BooleanField(
        label=_("I have read the attestation above and confirm it on behalf of the organization.")
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Enter your password again to sign."),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        # The service checks the password again; this check is the one counted
        # by login throttling, so it needs the request.
        if self.request is not None and not password_confirms(
            self.request, self.request.user, password
        ):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to customers on the verification page."),
    )
