"""Indexes for the registry at scale, on PostgreSQL only (SQLite scans, which is fine
for development). The model state does not change: makemigrations sees nothing.

The folded search text has had its trigram index since 0002. Measured at 100,000
declarations (docs/benchmarks.md), what was left was sorting: every page sorted
all matching rows to show 25. With these indexes a page reads its 25 rows in order.

- newest attested first (the registry's default order) and by validity;
- vendors by name, in each language, for the "by vendor" order;
- statistics on the product roles' text, which the role filter searches
  (``roles::text LIKE '%"operator"%'``): without them PostgreSQL guesses that
  one product in ten thousand matches, where half do, and picks a plan that
  joins every row before sorting.
"""

from django.db import migrations, models

DECLARATION_INDEXES = [
    models.Index(fields=["-attested_at", "-id"], name="declaration_attested_desc"),
    models.Index(fields=["valid_until", "id"], name="declaration_valid_until_id"),
]
ORGANIZATION_INDEXES = [
    models.Index(fields=["name_ja"], name="organization_name_ja"),
    models.Index(fields=["name_en"], name="organization_name_en"),
]

ROLES = "product_roles_text"


def _each(apps):
    yield apps.get_model("declarations", "Declaration"), DECLARATION_INDEXES
    yield apps.get_model("portal", "Organization"), ORGANIZATION_INDEXES


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, indexes in _each(apps):
        for index in indexes:
            schema_editor.add_index(model, index)
    schema_editor.execute(f"CREATE STATISTICS {ROLES} ON (upper(roles::text)) FROM declarations_product")
    schema_editor.execute("ANALYZE declarations_product")


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP STATISTICS IF EXISTS {ROLES}")
    for model, indexes in _each(apps):
        for index in indexes:
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("declarations", "0006_watching")]

    operations = [migrations.RunPython(add_indexes, remove_indexes, elidable=False)]
