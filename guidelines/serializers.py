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


class OriginSerializer(serializers.Serializer):
    """Where one piece of text comes from."""

    source = serializers.ChoiceField(
        choices=Source.choices,
        help_text="seed: the study group's direction paper of 2024-09-24; later_edition: a "
        "later official edition; portal: the portal's own text, not the study group's.",
    )
    page = serializers.IntegerField(
        allow_null=True,
        help_text="The page of the source, where the text is taken from it. Pages of the "
        "seed deck are counted from its title page as page 1.",
    )


class ResponsibilityProvenanceSerializer(serializers.Serializer):
    title = OriginSerializer()
    description = OriginSerializer()


class ResponsibilitySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    party = serializers.ChoiceField(choices=Party.choices)
    title = BilingualSerializer()
    description = BilingualSerializer()
    provenance = ResponsibilityProvenanceSerializer()


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


class StatementProvenanceSerializer(serializers.Serializer):
    title = OriginSerializer()
    description = OriginSerializer()
    alignment = OriginSerializer()
    effect = OriginSerializer()
    difficulty = OriginSerializer()


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
    provenance = StatementProvenanceSerializer(
        help_text="Where the title, the description and each value of the classification come from."
    )


class CategoryProvenanceSerializer(serializers.Serializer):
    title = OriginSerializer()
    summary = OriginSerializer()


class CategorySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    responsibility = serializers.IntegerField(help_text="The responsibility's number.")
    party = serializers.ChoiceField(choices=Party.choices)
    title = BilingualSerializer()
    summary = BilingualSerializer()
    provenance = CategoryProvenanceSerializer()
    statements = StatementSerializer(many=True)


class PackageProvenanceSerializer(serializers.Serializer):
    description = OriginSerializer()


class MembershipSerializer(serializers.Serializer):
    statement = serializers.CharField(help_text="The statement's code.")
    source = serializers.ChoiceField(choices=Source.choices)
    page = serializers.IntegerField(allow_null=True)


class PackageSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Package.Kind.choices)
    title = BilingualSerializer()
    description = BilingualSerializer()
    derivation = BilingualSerializer(
        help_text="How the membership was decided, where the source does not list it."
    )
    statements = serializers.ListField(
        child=serializers.CharField(), help_text="The codes of its statements."
    )
    provenance = PackageProvenanceSerializer()
    membership = MembershipSerializer(
        many=True, help_text="Each statement of the package, with where its membership comes from."
    )


class ReferenceSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = BilingualSerializer()
    publisher = BilingualSerializer()
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
    kind = serializers.ChoiceField(
        choices=Edition.Kind.choices,
        help_text="direction_paper and draft_guideline are drafts (案), not a final guideline.",
    )
    issued_by = BilingualSerializer()
    issued_on = serializers.DateField(allow_null=True)
    provenance = OriginSerializer()
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
