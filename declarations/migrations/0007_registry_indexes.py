"""Indexes for the registry at scale, on PostgreSQL only (SQLite scans, which is fine
for development). The model state does not change: makemigrations sees nothing.

- a trigram GIN index on the folded search text, so that ``search_text LIKE '%word%'``
  (``registry.search``) reads the index instead of every row;
- the default order of the registry (newest attested first) as an index, so that a
  page of 25 reads 25 rows, not all of them sorted.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

INDEXES = [
    GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="declaration_search_trgm"),
    models.Index(fields=["-attested_at", "-id"], name="declaration_attested_desc"),
    models.Index(fields=["valid_until", "id"], name="declaration_valid_until"),
]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("declarations", "Declaration")
    for index in INDEXES:
        schema_editor.add_index(model, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("declarations", "Declaration")
    for index in INDEXES:
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("declarations", "0006_watching")]

    operations = [
        TrigramExtension(),  # CREATE EXTENSION pg_trgm, on PostgreSQL only
        migrations.RunPython(add_indexes, remove_indexes, elidable=False),
    ]
