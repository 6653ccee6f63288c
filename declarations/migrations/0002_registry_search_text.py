import json

from django.db import migrations, models

from declarations.registry.search import search_text_of

# A trigram index serves the registry's substring search (LIKE '%…%') on
# PostgreSQL; SQLite has no such index and scans.
TRIGRAM_INDEX = "declaration_search_text_trgm"


def fill_search_text(apps, schema_editor):
    Declaration = apps.get_model("declarations", "Declaration")
    for declaration in Declaration.objects.exclude(status="draft").only("pk", "canonical_json"):
        text = search_text_of(json.loads(declaration.canonical_json))
        Declaration.objects.filter(pk=declaration.pk).update(search_text=text)


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON declarations_declaration "
            "USING gin (search_text gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("declarations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="declaration",
            name="search_text",
            field=models.TextField(blank=True, editable=False, verbose_name="search text"),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
