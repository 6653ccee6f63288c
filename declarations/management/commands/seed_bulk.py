"""Fills the database with many issued declarations, for measuring the registry at scale.

``manage.py seed_bulk`` writes 100,000 declarations of 5,000 new synthetic vendors
(``declarations.demo.bulk`` says what is synthetic). Development databases only:
with DEBUG off it refuses unless ``--force``.
"""

import time

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command
from django.db import connection

from declarations.demo.bulk import seed_bulk
from guidelines.queries import latest_published_edition


class Command(BaseCommand):
    help = "Write many synthetic issued declarations with bulk inserts (no PDFs)."

    def add_arguments(self, parser):
        parser.add_argument("--declarations", type=int, default=100_000)
        parser.add_argument("--vendors", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=2024, help="of the random choices")
        parser.add_argument(
            "--force", action="store_true", help="run even with DEBUG off (never in production)"
        )

    def handle(self, *args, declarations, vendors, seed, force, verbosity, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this may be a production database. Add --force to seed it anyway."
            )
        if declarations < 1 or not 1 <= vendors <= declarations:
            raise CommandError("Need at least one declaration and 1 ≤ vendors ≤ declarations.")
        edition = latest_published_edition()
        if edition is None:
            call_command("seed_demo", "--no-users", verbosity=0)
            edition = latest_published_edition()
        if edition is None:
            raise CommandError("No published guideline edition to declare against.")
        start = time.perf_counter()

        def progress(done: int) -> None:
            if verbosity > 1:
                self.stdout.write(f"{done:>9,} declarations  {time.perf_counter() - start:6.0f} s")

        count = seed_bulk(
            declarations=declarations,
            vendors=vendors,
            edition=edition,
            seed=seed,
            progress=progress,
        )
        # Fresh statistics: autovacuum analyses a table only some time after a bulk
        # load, and until then the planner takes "in force" for 30 rows of 75,000
        # and joins them all before sorting (docs/benchmarks.md).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - start
        if verbosity:
            self.stdout.write(
                f"Wrote {count:,} declarations of {vendors:,} synthetic vendors in {elapsed:.0f} s."
            )
