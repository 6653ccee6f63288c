"""Forms of two-factor authentication. They validate; ``two_factor`` saves and verifies."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .two_factor import code_is_current, normalise_code

CODE_WIDGET_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "autocapitalize": "off",
    "spellcheck": "false",
}


class SetupCodeForm(forms.Form):
    """The first code from the app: proves it holds the secret before it is saved."""

    code = forms.CharField(
        label=_("Code from the app"),
        help_text=_("The six digits the app shows for this portal."),
        max_length=20,
        widget=forms.TextInput(attrs=CODE_WIDGET_ATTRS),
    )

    def __init__(self, *args, key_hex: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_hex = key_hex

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not code_is_current(self.key_hex, code):
            raise forms.ValidationError(
                _("This code does not match. Check the time on your phone and try the newest code.")
            )
        return code


class VerifyCodeForm(forms.Form):
    """A code from the app or one of the recovery codes; the view checks it against the devices."""

    code = forms.CharField(
        label=_("Code"),
        help_text=_("The six digits from your authenticator app, or one of your recovery codes."),
        max_length=40,
        widget=forms.TextInput(attrs={**CODE_WIDGET_ATTRS, "inputmode": "text", "autofocus": True}),
    )

    def __init__(self, *args, has_app: bool = True, has_keys: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if has_keys:  # the key's button comes first; the code is the other way
            self.fields["code"].widget.attrs.pop("autofocus", None)
        if not has_app:  # a security key, and the recovery codes that came with it
            self.fields["code"].label = _("Recovery code")
            self.fields["code"].help_text = _("One of your recovery codes.")

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not code or "\x00" in code:
            raise forms.ValidationError(_("Enter a code."))
        return code


class SecurityKeyNameForm(forms.Form):
    """The name a person gives a security key or passkey, to tell their keys apart."""

    name = forms.CharField(
        label=_("Name of the key"),
        help_text=_("For example “YubiKey on my key ring” or “this laptop”."),
        max_length=64,  # django-otp's Device.name
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name or "\x00" in name:
            raise forms.ValidationError(_("Give the key a name."))
        return name


class PasswordConfirmForm(forms.Form):
    """Removing the second factor asks for the password again."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
