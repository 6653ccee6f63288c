"""The guideline API's shape: ``services.serialize_edition`` and the edition's publication.

They serialise that plain data (dicts, read by key); a test checks that they
name every key it has, so the documented shape is the served one.
"""

from __future__ import annotations

from rest_framework import serializers

from .models import Alignment, Difficulty, Edition, Effect, Package, Party
from .provenance import Source


class BilingualSerializer(serializers.Serializer):
    ja = serializers.CharField(allow_blank=True)
    en = serializers.CharField(allow_blank=True)


class ResponsibilitySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    party = serializers.ChoiceField(choices=Party.choices)
    title = BilingualSerializer()
    description = BilingualSerializer()


class ClassificationSerializer(serializers.Serializer):
    alignment = serializers.ChoiceField(choices=Alignment.choices)
    effect = serializers.ChoiceField(choices=Effect.choices)
    difficulty = serializers.ChoiceField(choices=Difficulty.choices)


class StatementReferenceSerializer(serializers.Serializer):
    reference = serializers.CharField(help_text="The key of one of the edition's references.")
    locator = BilingualSerializer(help_text="The section or item referred to.")
    url = serializers.CharField(allow_blank=True, help_text="A deep link to the item, if any.")
    source = serializers.ChoiceField(
        choices=Source.choices,
        help_text="Who states the correspondence: the study group's direction paper (seed) "
        "or the portal's own reading.",
    )
    source_page = serializers.IntegerField(
        allow_null=True, help_text="The page of the direction paper that states it."
    )
    note = BilingualSerializer(help_text="Why the correspondence is partial, where it is.")


class StatementSerializer(serializers.Serializer):
    code = serializers.CharField(help_text='e.g. "(1)-1"')
    title = BilingualSerializer()
    description = BilingualSerializer()
    classification = ClassificationSerializer()
    packages = serializers.ListField(
        child=serializers.ChoiceField(choices=Package.Kind.choices),
        help_text="The packages that hold the statement.",
    )
    references = StatementReferenceSerializer(many=True)


class CategorySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    responsibility = serializers.IntegerField(help_text="The responsibility's number.")
    party = serializers.ChoiceField(choices=Party.choices)
    title = BilingualSerializer()
    summary = BilingualSerializer()
    statements = StatementSerializer(many=True)


class PackageSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Package.Kind.choices)
    title = BilingualSerializer()
    description = BilingualSerializer()
    statements = serializers.ListField(
        child=serializers.CharField(), help_text="The codes of its statements."
    )


class ReferenceSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = BilingualSerializer()
    publisher = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)
    alignment_basis = serializers.BooleanField(
        help_text="Whether the alignment classification compares statements with it."
    )
    source = serializers.ChoiceField(
        choices=Source.choices, help_text="Who names the document as a benchmark."
    )
    source_page = serializers.IntegerField(allow_null=True)


class EditionSerializer(serializers.Serializer):
    """A published guideline edition with all its content."""

    edition = serializers.CharField(help_text="The edition's label, e.g. 2024-09.")
    title = BilingualSerializer()
    issued_on = serializers.DateField(allow_null=True)
    responsibilities = ResponsibilitySerializer(many=True)
    categories = CategorySerializer(many=True)
    packages = PackageSerializer(many=True)
    references = ReferenceSerializer(many=True)
    status = serializers.ChoiceField(choices=Edition.Status.choices)
    content_digest = serializers.CharField(
        help_text="SHA-256, in hex, of the content (the fields from edition to references) "
        "serialised by RFC 8785 (JSON Canonicalization Scheme)."
    )
    published_at = serializers.DateTimeField(allow_null=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
