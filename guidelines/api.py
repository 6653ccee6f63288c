"""The guideline as JSON, for anyone and any site (Django REST framework).

The content is ``services.serialize_edition``'s, the data the edition's digest
is computed over, so a client can recompute the digest from the response.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from . import oscal
from .pagecache import cached_page
from .queries import editions_page_version, get_published_edition
from .serializers import EditionSerializer, ErrorSerializer
from .services import serialize_edition

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No published edition has this label.")
# A published edition never changes; which one is the latest does, now and then.
MAX_AGE = 300


def _edition_response(label: str | None) -> Response:
    edition = get_published_edition(label)
    data = serialize_edition(edition)
    data["status"] = edition.status
    data["content_digest"] = edition.content_digest
    data["published_at"] = edition.published_at.isoformat() if edition.published_at else None
    response = Response(EditionSerializer(data).data)
    # Public data: any site may fetch it from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@extend_schema(
    operation_id="guideline_latest",
    summary="The latest published guideline edition",
    responses={200: EditionSerializer, 404: NOT_FOUND},
)
@cached_page(editions_page_version, max_age=MAX_AGE, public=True, same_for_all=True)
@api_view(["GET", "HEAD"])
def guideline_latest(request: Request) -> Response:
    return _edition_response(None)


@extend_schema(
    operation_id="guideline_edition",
    summary="A published (or retired) guideline edition",
    responses={200: EditionSerializer, 404: NOT_FOUND},
)
@cached_page(editions_page_version, max_age=MAX_AGE, public=True, same_for_all=True)
@api_view(["GET", "HEAD"])
def guideline_edition(request: Request, label: str) -> Response:
    return _edition_response(label)


# OSCAL --------------------------------------------------------------------------------

LANG = OpenApiParameter(
    "lang",
    str,
    enum=list(oscal.LANGUAGES),
    default="ja",
    description="The language of the export's text (OSCAL documents have one).",
)
OSCAL_DOCUMENT = OpenApiResponse(
    OpenApiTypes.OBJECT, description="An OSCAL 1.1 JSON document: see docs/interchange.md."
)
BAD_LANGUAGE = OpenApiResponse(ErrorSerializer, description="The lang parameter is not ja or en.")


def _oscal_context(request: Request, label: str) -> oscal.Context | Response:
    lang = request.query_params.get("lang", "ja")
    if lang not in oscal.LANGUAGES:
        return Response({"detail": _("The lang parameter must be ja or en.")}, status=400)
    edition = get_published_edition(label)
    published = edition.published_at.isoformat() if edition.published_at else ""
    return oscal.Context(
        serialize_edition(edition),
        digest=edition.content_digest,
        published=published,
        lang=lang,
    )


def _public(data: dict) -> Response:
    response = Response(data)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _statement_page(label: str, lang: str) -> Callable[[str], str]:
    with translation.override(lang):
        pattern = reverse("guidelines:statement", args=[label, "SLUG"])
    return lambda slug: settings.SITE_URL + pattern.replace("SLUG", slug)


@extend_schema(
    operation_id="guideline_oscal_catalog",
    summary="A published guideline edition as an OSCAL catalog",
    parameters=[LANG],
    responses={200: OSCAL_DOCUMENT, 400: BAD_LANGUAGE, 404: NOT_FOUND},
)
@cached_page(editions_page_version, max_age=MAX_AGE, public=True, same_for_all=True)
@api_view(["GET", "HEAD"])
def oscal_catalog(request: Request, label: str) -> Response:
    ctx = _oscal_context(request, label)
    if isinstance(ctx, Response):
        return ctx
    return _public(oscal.catalog(ctx, page_url=_statement_page(ctx.label, ctx.lang)))


@extend_schema(
    operation_id="guideline_oscal_profile",
    summary="A package of a published guideline edition as an OSCAL profile",
    description="The profile imports the edition's OSCAL catalog and selects the "
    "package's statements.",
    parameters=[LANG],
    responses={200: OSCAL_DOCUMENT, 400: BAD_LANGUAGE, 404: NOT_FOUND},
)
@cached_page(editions_page_version, max_age=MAX_AGE, public=True, same_for_all=True)
@api_view(["GET", "HEAD"])
def oscal_profile(request: Request, label: str, kind: str) -> Response:
    ctx = _oscal_context(request, label)
    if isinstance(ctx, Response):
        return ctx
    catalog_href = settings.SITE_URL + reverse("guidelines_api:api_oscal_catalog", args=[ctx.label])
    if ctx.lang != "ja":
        catalog_href += f"?lang={ctx.lang}"
    document = oscal.profile(ctx, kind, catalog_href=catalog_href)
    if document is None:
        raise Http404(_("This edition has no such package."))
    return _public(document)
