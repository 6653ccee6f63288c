"""Forms for verifying a PDF or a serial number. Uploads are untrusted input."""

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _megabytes() -> int:
    return settings.VERIFY_MAX_UPLOAD_BYTES // (1024 * 1024)


def _upload_help() -> str:
    # Built per request, so that it follows the reader's language and the setting.
    return gettext("The signed PDF you received (at most %(mb)d MB).") % {"mb": _megabytes()}


class VerifyUploadForm(forms.Form):
    pdf = forms.FileField(
        label=_("Declaration PDF"),
        help_text=lazy(_upload_help, str)(),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    @property
    def max_mb(self) -> int:
        return _megabytes()

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > settings.VERIFY_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext("The file is larger than %(mb)d MB.") % {"mb": _megabytes()}
            )
        return upload


class VerifySerialForm(forms.Form):
    # Any text: whatever is not a serial's shape gets the "unknown serial"
    # verdict (models.normalise_serial), like a URL with it.
    serial = forms.CharField(
        label=_("Serial number"),
        help_text=_("e.g. JPD-2026-7K3M-9QXD"),
        widget=forms.TextInput(attrs={"maxlength": 32, "autocomplete": "off"}),
    )
