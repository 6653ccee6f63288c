"""What the pages share."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from ..models import Declaration

PAGE_SIZE = 25
GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data, even when empty (``request.POST or None`` would drop an empty POST)."""
    return request.POST if request.method == "POST" else None


def signed_pdf(declaration: Declaration) -> FileResponse:
    """The stored signed PDF, for someone ``access.may_read_answers`` lets read it."""
    if declaration.pdf_state != Declaration.PdfState.READY or not declaration.pdf_file:
        raise Http404
    return FileResponse(
        declaration.pdf_file.open("rb"),
        as_attachment=True,
        filename=f"{declaration.serial}.pdf",
        content_type="application/pdf",
    )


def pdf_refused(request: HttpRequest, declaration: Declaration | None) -> HttpResponse:
    """Why the PDF is not theirs to download, who may, and that anyone verifies a copy.

    ``declaration`` is the issued one when the page may name it (its serial is
    public), None where naming it would tell an outsider that it exists.
    """
    return render(
        request,
        "declarations/declaration_pdf_refused.html",
        {"declaration": declaration},
        status=403,
    )
