"""The shapes of the declarations' API: what ``registry.public`` reads, and the signed record.

They serialise plain data (dicts), so every field is read by key. The record is
passed through as it was signed — a serializer would drop a key it does not
know — and ``RecordSerializer`` only documents it (a test checks that it
names every key of a real record).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from guidelines.models import Package
from guidelines.serializers import BilingualSerializer

from ..models import Answer, Language, Product
from ..registry.forms import SORT_CHOICES
from ..registry.search import PublicStatus


class VendorSerializer(serializers.Serializer):
    name = BilingualSerializer()
    corporate_number = serializers.CharField(help_text="法人番号, 13 digits.")


class ProductSerializer(serializers.Serializer):
    name = serializers.CharField()
    version = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(choices=Product.Kind.choices)
    vendor_roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Product.VendorRole.choices),
        help_text="The vendor's roles for the product.",
    )


class LinksSerializer(serializers.Serializer):
    summary = serializers.URLField(help_text="The registry page.")
    badge = serializers.URLField(help_text="An SVG badge with the current status.")
    verification = serializers.URLField(help_text="Where anyone verifies the declaration.")
    cyclonedx = serializers.URLField(
        help_text="The declaration as a CycloneDX 1.6 BOM (attestations): see docs/interchange.md."
    )


class DeclarationSerializer(serializers.Serializer):
    """An issued declaration, as the public registry lists it."""

    serial = serializers.CharField()
    vendor = VendorSerializer()
    product = ProductSerializer()
    package = serializers.ChoiceField(choices=Package.Kind.choices)
    guideline_edition = serializers.CharField(help_text="The guideline edition's label.")
    status = serializers.ChoiceField(
        choices=PublicStatus.choices, help_text="What the registry says about it today."
    )
    attested_at = serializers.DateTimeField()
    valid_until = serializers.DateField()
    supersedes = serializers.CharField(allow_null=True, help_text="The serial it replaced.")
    superseded_by = serializers.CharField(allow_null=True, help_text="The serial replacing it.")
    digest = serializers.CharField(help_text="SHA-256 of the canonical record (hex).")
    language = serializers.ChoiceField(
        choices=Language.choices,
        help_text="The authoritative language: the answers' text in it is the declaration, "
        "text in the other language a translation. ja for records that name none (before "
        "schema /3).",
    )
    links = LinksSerializer()


class AnswerCountsSerializer(serializers.Serializer):
    conformant = serializers.IntegerField(min_value=0)
    partial = serializers.IntegerField(min_value=0)
    not_conformant = serializers.IntegerField(min_value=0)
    not_applicable = serializers.IntegerField(min_value=0)


class CategoryCountsSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = BilingualSerializer()
    counts = AnswerCountsSerializer(help_text="How many statements have each answer status.")


PUBLIC_STATEMENT_HELP = (
    "The vendor's public statement about the answer, in Japanese and English; either may be "
    f"empty (at most {Answer.PUBLIC_STATEMENT_MAX_LENGTH} characters each). Public, like the "
    "status."
)


class StatementStatusSerializer(serializers.Serializer):
    code = serializers.CharField(help_text='The statement\'s code, e.g. "(1)-1".')
    category = serializers.IntegerField(help_text="The category's number.")
    status = serializers.ChoiceField(choices=Answer.Status.choices)
    public_statement = BilingualSerializer(
        help_text=PUBLIC_STATEMENT_HELP + " Both empty for a record of schema /1."
    )


# ------------------------------------------------------------------ the record


class RecordGuidelineSerializer(serializers.Serializer):
    edition = serializers.CharField()
    content_digest = serializers.CharField()
    title = BilingualSerializer()


class RecordProductSerializer(serializers.Serializer):
    name = serializers.CharField()
    version = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(choices=Product.Kind.choices)
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Product.VendorRole.choices))
    url = serializers.CharField(allow_null=True)


class RecordPackageSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Package.Kind.choices)
    title = BilingualSerializer()
    statements = serializers.ListField(child=serializers.CharField())


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {"ja": {"type": "string"}, "en": {"type": "string"}},
                "required": ["ja", "en"],
            },
        ]
    }
)
class RecordTextField(serializers.Field):
    """A free text of a record's answer: ``{"ja": …, "en": …}`` from schema /3 on (the
    record's ``language`` says which is authoritative), one string before."""

    def to_representation(self, value):
        return value


class EvidenceSerializer(serializers.Serializer):
    # As typed and checked by Django's URL validator, which allows what RFC 3986 does not
    # (an IDN host, say): strings, not "uri"s.
    links = serializers.ListField(child=serializers.CharField())
    text = RecordTextField()


class RemediationSerializer(serializers.Serializer):
    plan = RecordTextField()
    target_date = serializers.DateField(allow_null=True)


class RecordAnswerSerializer(serializers.Serializer):
    title = BilingualSerializer()
    status = serializers.ChoiceField(choices=Answer.Status.choices)
    explanation = RecordTextField(help_text="Only in the record: never shown to the public.")
    evidence = EvidenceSerializer(help_text="Only in the record: never shown to the public.")
    remediation = RemediationSerializer(
        allow_null=True,
        help_text="For partial and non-conformant answers only. Only in the record: never "
        "shown to the public.",
    )
    public_statement = BilingualSerializer(
        required=False,
        help_text=PUBLIC_STATEMENT_HELP + " In records of schema /2 on; absent from schema /1.",
    )


class SignatorySerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField(allow_blank=True)


class RecordSerializer(serializers.Serializer):
    """The canonical record, as signed (schema ``jp-cyber-infrastructure-declaration/3``;
    records signed under ``/2`` and ``/1`` are served as they were: without ``language``
    and with plain-string texts, and under ``/1`` without ``public_statement``).
    Serialised by RFC 8785, its SHA-256 is the declaration's digest."""

    schema = serializers.CharField(
        help_text="jp-cyber-infrastructure-declaration/3, or /2 or /1 for records signed before it."
    )
    serial = serializers.CharField()
    language = serializers.ChoiceField(
        choices=Language.choices,
        required=False,
        help_text="The authoritative language (from schema /3; absent before, meaning ja).",
    )
    issuer = serializers.URLField()
    guideline = RecordGuidelineSerializer()
    organization = VendorSerializer()
    product = RecordProductSerializer()
    package = RecordPackageSerializer()
    answers = serializers.DictField(
        child=RecordAnswerSerializer(), help_text="Every answer, keyed by statement code."
    )
    signatory = SignatorySerializer()
    attested_at = serializers.DateTimeField()
    valid_until = serializers.DateField()
    supersedes = serializers.CharField(allow_null=True)


@extend_schema_field(RecordSerializer)
class SignedRecordField(serializers.Field):
    """The record exactly as signed, so that a client can recompute its digest."""

    def to_representation(self, value):
        return value


class DeclarationSummarySerializer(DeclarationSerializer):
    """An issued declaration's public summary; with ``record`` for those who may read it."""

    categories = CategoryCountsSerializer(many=True)
    statements = StatementStatusSerializer(
        many=True, help_text="Each statement's status and public statement, nothing more."
    )
    record = SignedRecordField(
        required=False,
        help_text="The full signed record, with explanations, evidence and remediation plans: "
        "for the vendor's members, members of approved procurer organizations and site staff "
        "only. Omitted for everyone else (anonymous clients, other vendors, procurer "
        "organizations not yet approved), who get each statement's status and public "
        "statement only.",
    )


ANY: dict = {"required": False, "allow_blank": True}


def _messages():
    return serializers.ListField(child=serializers.CharField(), required=False)


class FilterErrorsSerializer(serializers.Serializer):
    """What was wrong with each invalid filter."""

    package = _messages()
    status = _messages()
    edition = _messages()
    product_kind = _messages()
    vendor_role = _messages()
    sort = _messages()


class RegistryQuerySerializer(serializers.Serializer):
    """The registry's filters (those of its search form), for the schema."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Vendor name, corporate number, product name or serial; every word must match.",
    )
    # Empty means "any", as in the form.
    package = serializers.ChoiceField(choices=Package.Kind.choices, **ANY)
    status = serializers.ChoiceField(choices=PublicStatus.choices, **ANY)
    edition = serializers.CharField(help_text="A published guideline edition's label.", **ANY)
    product_kind = serializers.ChoiceField(choices=Product.Kind.choices, **ANY)
    vendor_role = serializers.ChoiceField(choices=Product.VendorRole.choices, **ANY)
    sort = serializers.ChoiceField(choices=SORT_CHOICES, **ANY)
