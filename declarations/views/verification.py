"""Public verification: anyone, no login. Uploads are untrusted input."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from portal.errors import too_many_requests

from ..caching import cached_page, declaration_version
from ..documents.signing import certificate_fingerprint
from ..documents.trust import compromises, portal_certificates, published_crl
from ..models import normalise_serial
from ..verification import limits
from ..verification.forms import VerifySerialForm, VerifyUploadForm
from ..verification.verdicts import Outcome, verify_serial, verify_upload


# No CSRF token: a verification reads and changes nothing, as the API's upload
# (also exempt) does not; another site that makes a browser post here learns
# nothing (it cannot read the answer). Without a token the verify page of a
# serial, which carries the upload form, is the same cached bytes for everyone.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    upload_form = VerifyUploadForm()
    serial_form = VerifySerialForm()
    context: dict[str, object] = {"upload_form": upload_form, "serial_form": serial_form}
    if request.method == "POST":
        # Which form, told without reading the body: only the upload is multipart.
        uploading = request.content_type == "multipart/form-data"
        wait = limits.retry_after(request, limits.UPLOADS if uploading else limits.LOOKUPS)
        if wait:
            return too_many_requests(request, wait, limits.rate_limited_message(wait))
        # Refuse an oversized upload before Django reads (and spools) its body.
        if limits.declared_too_large(request):
            context["too_large"] = True
            return render(request, "declarations/verify.html", context, status=413)
    status = 200
    if request.method == "POST" and "serial" in request.POST:
        serial_form = VerifySerialForm(request.POST)
        if serial_form.is_valid():
            text = serial_form.cleaned_data["serial"]
            if serial := normalise_serial(text):
                return redirect("verification:serial", serial=serial)
            context["verdict"], status = verify_serial(text), 404
    elif request.method == "POST":
        upload_form = VerifyUploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            upload = upload_form.cleaned_data["pdf"]
            verdict = context["verdict"] = verify_upload(b"".join(upload.chunks()))
            # Sent from a serial's page: say so when the file is another declaration.
            expected = normalise_serial(request.GET.get("expected", ""))
            found = verdict.declaration.serial if verdict.declaration else None
            if expected and found and found != expected:
                context.update(other_declaration=True, expected=expected)
    if upload_form.errors or serial_form.errors:
        status = 400
    context.update(upload_form=upload_form, serial_form=serial_form)
    return render(request, "declarations/verify.html", context, status=status)


@require_safe
@cached_page(declaration_version)
def verify_by_serial(request: HttpRequest, serial: str) -> HttpResponse:
    verdict = verify_serial(serial)
    return render(
        request,
        "declarations/verify_serial.html",
        # Echo a serial only once the registry knows it: the URL may hold anything.
        {
            "verdict": verdict,
            "serial": verdict.declaration.serial if verdict.declaration else "",
            "upload_form": VerifyUploadForm(),
        },
        status=404 if verdict.outcome == Outcome.UNKNOWN else 200,
    )


@require_safe
def certificate(request: HttpRequest) -> HttpResponse:
    """The portal's root certificate, for checking PDFs offline in a PAdES reader."""
    return render(
        request,
        "declarations/certificate.html",
        {
            "root_fingerprint": certificate_fingerprint(settings.SIGNING_ROOT_CERT_FILE),
            "signing_fingerprint": certificate_fingerprint(settings.SIGNING_CERT_FILE),
            # Every certificate whose signatures verify: the current one and
            # those retired by key rotations.
            "certificates": portal_certificates(),
            "compromised": compromises(),
            "crl_published": bool(settings.SIGNING_CRL_FILE),
        },
    )


@require_safe
def certificate_download(request: HttpRequest, which: str) -> FileResponse:
    path = {"root": settings.SIGNING_ROOT_CERT_FILE, "signing": settings.SIGNING_CERT_FILE}[which]
    return FileResponse(
        open(path, "rb"),
        as_attachment=True,
        filename=f"declaration-portal-{which}.pem",
        content_type="application/x-pem-file",
    )


@require_safe
def certificate_revocation_list(request: HttpRequest) -> HttpResponse:
    """The CA's CRL (SIGNING_CRL_FILE), at the distribution point its certificates name.

    In production the CA publishes its CRL itself; with SIGNING_CRL_FILE empty
    there is nothing here.
    """
    crl = published_crl()
    if crl is None:
        raise Http404("No CRL is published here.")
    response = HttpResponse(crl, content_type="application/pkix-crl")
    response["Content-Disposition"] = 'attachment; filename="root.crl"'
    # Revocations must reach verifiers soon; a fetcher may keep it a few minutes.
    response["Cache-Control"] = "public, max-age=300"
    return response
