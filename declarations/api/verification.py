"""Verification as JSON: the verdicts of the /verify/ pages, for programs.

Open to anyone, like the pages: no login, so no session and no CSRF token; the
rate per client address is the pages' (``verification.limits``). The codes
and the shape of the answer are documented in docs/verification.md.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    parser_classes,
    permission_classes,
)
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import Declaration
from ..registry.public import links
from ..verification import limits, verdicts
from ..verification.codes import RATE_LIMITED, Checked, Outcome, Reason


class VerdictCheckSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    code = serializers.ChoiceField(choices=[reason.value for reason in Reason])
    text = serializers.CharField(help_text="The reason in the request's language.")


class VerifiedDeclarationSerializer(serializers.Serializer):
    serial = serializers.CharField()
    status = serializers.ChoiceField(choices=Declaration.Status.choices)
    valid_until = serializers.DateField(allow_null=True)
    registry_url = serializers.SerializerMethodField()
    superseded_by = serializers.SerializerMethodField(
        help_text="The serial of the declaration that superseded this one, if any."
    )

    def get_superseded_by(self, declaration: Declaration) -> str | None:
        # A reverse one-to-one raises when absent; the verdict's query selected it.
        successor = getattr(declaration, "superseded_by", None)
        return successor.serial if successor is not None else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_registry_url(self, declaration: Declaration) -> str:
        # Only issued declarations are verified, and every one has a serial.
        return links(declaration.serial or "")["summary"]


class VerdictSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[outcome.value for outcome in Outcome])
    checked = serializers.ChoiceField(
        choices=[checked.value for checked in Checked],
        help_text="What was checked: only a document can be authentic.",
    )
    headline = serializers.CharField(help_text="The verdict in the request's language.")
    checks = VerdictCheckSerializer(many=True)
    declaration = VerifiedDeclarationSerializer(
        allow_null=True, help_text="The declaration, when the registry knows it."
    )


class VerifyUploadSerializer(serializers.Serializer):
    pdf = serializers.FileField(help_text="The declaration PDF to verify.")


class RateLimitedSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=[RATE_LIMITED])
    detail = serializers.CharField()


LANGUAGE = OpenApiParameter(
    "lang",
    str,
    enum=[code for code, _name in settings.LANGUAGES],
    description="The language of the texts; else Accept-Language; else Japanese.",
)
RATE_LIMITED_RESPONSE = OpenApiResponse(
    RateLimitedSerializer, description="Too many requests; the Retry-After header says how long."
)


def _language(request: Request) -> str:
    requested = request.query_params.get("lang", "")
    if requested in dict(settings.LANGUAGES):
        return requested
    # The API's URLs carry no language prefix, so LocaleMiddleware always
    # chose the default; read the request's wishes here instead.
    return translation.get_language_from_request(request._request)


def _answer(verdict: verdicts.Verdict, status: int, language: str) -> Response:
    response = Response(VerdictSerializer(verdict).data, status=status)
    response["Content-Language"] = language
    response["Vary"] = "Accept-Language"
    return response


def _rate_limited(wait: int) -> Response:
    detail = limits.rate_limited_message(wait)
    return Response(
        {"code": RATE_LIMITED, "detail": detail}, status=429, headers={"Retry-After": str(wait)}
    )


@extend_schema(
    operation_id="verify_upload",
    summary="Verify a declaration PDF",
    description="The verdict on an uploaded PDF: its signature, its embedded record "
    "against the registry's, and the declaration's status today.",
    parameters=[LANGUAGE],
    request={"multipart/form-data": VerifyUploadSerializer},
    responses={
        200: VerdictSerializer,
        400: OpenApiResponse(description="No file in the field `pdf`."),
        413: OpenApiResponse(VerdictSerializer, description="The file is too large: `too_large`."),
        429: RATE_LIMITED_RESPONSE,
    },
    auth=[],
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
@parser_classes([MultiPartParser])
def verify_upload(request: Request) -> Response:
    language = _language(request)
    with translation.override(language):
        wait = limits.retry_after(request, limits.UPLOADS)
        if wait:
            return _rate_limited(wait)
        if limits.declared_too_large(request):
            return _answer(verdicts.too_large(), 413, language)
        upload = VerifyUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        pdf = upload.validated_data["pdf"]
        if pdf.size > settings.VERIFY_MAX_UPLOAD_BYTES:
            return _answer(verdicts.too_large(), 413, language)
        return _answer(verdicts.verify_upload(b"".join(pdf.chunks())), 200, language)


@extend_schema(
    operation_id="verify_serial",
    summary="Look up a serial number",
    description="What the registry holds under a serial number: whether it is registered "
    "and its declaration in force. It says nothing about a document: upload the PDF for that.",
    parameters=[
        OpenApiParameter(
            "serial",
            str,
            OpenApiParameter.PATH,
            description="e.g. JPD-2026-7K3M-9QXD; anything else is an unknown serial.",
        ),
        LANGUAGE,
    ],
    responses={
        200: VerdictSerializer,
        404: OpenApiResponse(VerdictSerializer, description="Unknown serial: `unknown_serial`."),
        429: RATE_LIMITED_RESPONSE,
    },
    auth=[],
)
@api_view(["GET"])
@authentication_classes([])
@permission_classes([AllowAny])
def verify_serial(request: Request, serial: str) -> Response:
    language = _language(request)
    with translation.override(language):
        wait = limits.retry_after(request, limits.LOOKUPS)
        if wait:
            return _rate_limited(wait)
        verdict = verdicts.verify_serial(serial)
        status = 404 if verdict.outcome == Outcome.UNKNOWN else 200
        return _answer(verdict, status, language)
