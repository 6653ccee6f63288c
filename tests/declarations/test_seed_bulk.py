"""The bulk seeding for measurements writes declarations the registry reads like any other."""

import json

import pytest
from django.core.management import CommandError, call_command

from declarations.models import Answer, Declaration
from declarations.registry.search import search_text_of
from portal.models import Organization


@pytest.fixture
def seeded(guideline, settings):
    settings.DEBUG = True  # as in development; pytest runs with DEBUG off
    call_command("seed_bulk", "--declarations", "120", "--vendors", "6", verbosity=0)
    return Declaration.objects.issued()


def test_it_writes_the_declarations_of_the_vendors_asked_for(seeded):
    assert seeded.count() == 120
    assert Organization.objects.filter(website__endswith=".bench.invalid").count() == 6
    statuses = set(seeded.values_list("status", flat=True))
    assert {"published", "expired"} <= statuses


def test_each_has_its_record_digest_search_text_and_answers(seeded):
    for declaration in seeded.order_by("?")[:10]:
        record = json.loads(declaration.canonical_json)
        assert record["serial"] == declaration.serial
        assert declaration.search_text == search_text_of(record)
        answers = Answer.objects.filter(declaration=declaration).count()
        assert answers == len(record["package"]["statements"]) > 0


def test_the_registry_finds_and_shows_them(client, seeded):
    vendor = Organization.objects.filter(website__endswith=".bench.invalid").first()
    html = client.get("/registry/", {"q": vendor.name_ja.split()[-1]}).content.decode()
    assert vendor.name_ja in html
    for status in ("published", "expired", "superseded", "withdrawn"):
        declaration = seeded.filter(status=status).first()
        if declaration:
            assert client.get(f"/registry/{declaration.serial}/").status_code == 200


def test_it_refuses_a_database_with_debug_off_without_force(guideline, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_bulk", "--declarations", "1", "--vendors", "1", verbosity=0)
    assert not Declaration.objects.exists()
