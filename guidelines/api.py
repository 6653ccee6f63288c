"""The guideline as JSON, for anyone and any site (Django REST framework).

The content is ``services.serialize_edition``'s, the data the edition's digest
is computed over, so a client can recompute the digest from the response.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from .pagecache import cached_page
from .queries import editions_version, get_published_edition
from .serializers import EditionSerializer, ErrorSerializer
from .services import serialize_edition

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No published edition has this label.")
# A published edition never changes; which one is the latest does, now and then.
MAX_AGE = 300


def _editions(request, *args, **kwargs) -> str:
    return editions_version()


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
@cached_page(_editions, max_age=MAX_AGE, public=True, same_for_all=True)
@api_view(["GET", "HEAD"])
def guideline_latest(request: Request) -> Response:
    return _edition_response(None)


@extend_schema(
    operation_id="guideline_edition",
    summary="A published (or retired) guideline edition",
    responses={200: EditionSerializer, 404: NOT_FOUND},
)
@cached_page(_editions, max_age=MAX_AGE, public=True, same_for_all=True)
@api_view(["GET", "HEAD"])
def guideline_edition(request: Request, label: str) -> Response:
    return _edition_response(label)
