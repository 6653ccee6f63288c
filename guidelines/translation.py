from modeltranslation.translator import TranslationOptions, register

from .models import (
    Category,
    Edition,
    Package,
    Reference,
    Responsibility,
    Statement,
    StatementReference,
)


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("title", "issued_by")


@register(Responsibility)
class ResponsibilityTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Statement)
class StatementTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Package)
class PackageTranslation(TranslationOptions):
    fields = ("title", "description", "derivation")


@register(Reference)
class ReferenceTranslation(TranslationOptions):
    fields = ("title", "publisher")


@register(StatementReference)
class StatementReferenceTranslation(TranslationOptions):
    fields = ("locator", "note")
