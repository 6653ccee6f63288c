"""Forms for attesting, withdrawing, revoking and verifying."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class AttestForm(forms.Form):
    signatory_name = forms.CharField(label=_("Your name"), max_length=200)
    signatory_title = forms.CharField(
        label=_("Your title"),
        max_length=200,
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


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to procurers on the verification page."),
    )


class VerifyUploadForm(forms.Form):
    max_mb = settings.VERIFY_MAX_UPLOAD_BYTES // (1024 * 1024)

    pdf = forms.FileField(
        label=_("Declaration PDF"),
        help_text=_("The signed PDF you received (at most %(mb)d MB).")
        % {"mb": settings.VERIFY_MAX_UPLOAD_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > settings.VERIFY_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.")
                % {"mb": settings.VERIFY_MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


class VerifySerialForm(forms.Form):
    serial = forms.CharField(
        label=_("Serial number"),
        max_length=32,
        help_text=_("e.g. JPD-2026-7K3M-9QXD"),
    )

    def clean_serial(self):
        return self.cleaned_data["serial"].strip().upper()
