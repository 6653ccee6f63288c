"""The registry, read by machines: issued declarations, never drafts.

Anyone may list and read the public summaries; those who may read a
declaration's answers (``access.may_read_answers``) also get its signed record.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.decorators import method_decorator
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from guidelines.serializers import ErrorSerializer

from ..access import may_read_answers
from ..caching import cached_page, declaration_version
from ..registry.forms import RegistrySearchForm
from ..registry.public import issued_declaration, public_entry, public_summary, record_of
from ..registry.search import registry_declarations
from .paging import RegistryPagination
from .serializers import (
    DeclarationSerializer,
    DeclarationSummarySerializer,
    FilterErrorsSerializer,
    RegistryQuerySerializer,
)


@extend_schema(
    parameters=[RegistryQuerySerializer],
    responses={
        200: DeclarationSerializer(many=True),
        400: OpenApiResponse(FilterErrorsSerializer, description="A filter's value is invalid."),
        404: OpenApiResponse(ErrorSerializer, description="No such page."),
    },
)
class DeclarationList(generics.ListAPIView):
    """Issued declarations, found by the registry's search and filters."""

    serializer_class = DeclarationSerializer
    pagination_class = RegistryPagination

    def get_queryset(self):
        # The registry page's form: the same filters, the same meaning. Where the page
        # ignores a bad value and says so, an API client gets a 400 naming it.
        form = RegistrySearchForm(self.request.query_params)
        if not form.is_valid():
            errors = form.errors.get_json_data()
            raise ValidationError({name: [e["message"] for e in es] for name, es in errors.items()})
        return registry_declarations(form.search(), today=timezone.localdate())

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        today = timezone.localdate()
        entries = [public_entry(declaration, today=today) for declaration in page]
        return self.get_paginated_response(self.get_serializer(entries, many=True).data)


@extend_schema(
    responses={
        200: DeclarationSummarySerializer,
        404: OpenApiResponse(ErrorSerializer, description="No issued declaration has this serial."),
    },
)
# Anonymous readers share one cached copy per status; a minute in other caches.
@method_decorator(cached_page(declaration_version, max_age=60, public=True), name="dispatch")
class DeclarationDetail(generics.RetrieveAPIView):
    """An issued declaration's public summary: how many statements have each answer status,
    per category, and each statement's status. The vendor's members, procurers and site
    staff also get the signed record, with every explanation, evidence and plan."""

    serializer_class = DeclarationSummarySerializer

    def retrieve(self, request, *args, serial: str = "", **kwargs):
        declaration = issued_declaration(serial)
        if declaration is None:
            raise NotFound
        summary = public_summary(declaration, today=timezone.localdate())
        if may_read_answers(request.user, declaration):
            summary["record"] = record_of(declaration)
        return Response(self.get_serializer(summary).data)
