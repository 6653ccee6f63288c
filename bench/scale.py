"""The registry's search and filters at 1,000 and at 100,000 declarations (PostgreSQL).

Two databases, seeded once by ``seed_bulk`` and kept for the next run
(``BENCH_SCALE_DB`` prefix, default ``portal_bench``: ``…_1k`` and ``…_100k``).
Each size is measured in a child process of its own (Django binds to one
database at start): the pages in process through the test client, median of
``--repeat`` runs, and the plan PostgreSQL chose for the main queries.
Usage: ``make bench-scale`` (``python bench/scale.py [--repeat N] [--explain]``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = os.environ.get("BENCH_SCALE_DB", "portal_bench")
SIZES = {"1k": (1_000, 50), "100k": (100_000, 5_000)}  # declarations, vendors
SERVER = "postgres://postgres@127.0.0.1:5432"
SERIAL = re.compile(r"JPD-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")

# What people do on the registry page, and the same through the API.
PATHS = {
    "list, newest first": "/registry/",
    "search a vendor": "/registry/?q=富士ネットワークス",
    "search two words": "/registry/?q=さくら+クラウド",
    "search a serial part": "/registry/?q=JPD-2026-7K",
    "in force": "/registry/?status=in_force",
    "withdrawn": "/registry/?status=withdrawn",
    "standard, software": "/registry/?package=standard&product_kind=software",
    "operator role": "/registry/?vendor_role=operator",
    "by vendor name": "/registry/?sort=vendor",
    "ending soonest": "/registry/?sort=valid_until&status=in_force",
    "page 40": "/registry/?page=40",
    "API, search": "/api/v1/declarations/?q=富士",
    "API, in force": "/api/v1/declarations/?status=in_force",
}
EXPLAINED = {
    "search a vendor": dict(q="富士ネットワークス"),
    "search a serial part": dict(q="JPD-2026-7K"),
    "in force": dict(status="in_force"),
    "list, newest first": {},
}


def child(url: str, repeat: int, explain: bool) -> None:
    """Runs in the child: time each page against the database at ``url``."""
    sys.path.insert(0, str(ROOT))
    os.environ.update(DATABASE_URL=url, DEBUG="1", DJANGO_SETTINGS_MODULE="portal.settings")
    os.environ.pop("CACHE_URL", None)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from declarations.models import Declaration
    from declarations.registry.paging import CAP, first_matches, narrowed
    from declarations.registry.search import RegistrySearch, registry_declarations

    client = Client()
    result: dict[str, object] = {"count": Declaration.objects.issued().count()}
    timings, rows = {}, {}
    # A whole serial lists one declaration at either size: like for like.
    serial = Declaration.objects.issued().order_by("pk").values_list("serial", flat=True)[0]
    paths = {**PATHS, "search a whole serial": f"/registry/?q={serial}"}
    for label, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, path
        # Declarations the page lists: a page of 2 renders faster than a page of 25.
        rows[label] = len(set(SERIAL.findall(response.content.decode())))
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            client.get(path)
            runs.append(time.perf_counter() - start)
        timings[label] = statistics.median(runs)
    result["timings"], result["rows"] = timings, rows
    if explain:
        plans = {}
        for label, fields in EXPLAINED.items():
            search = RegistrySearch(**fields)
            page = registry_declarations(search, today=timezone.localdate()).defer("search_text")
            # As the registry page reads it (registry.paging): by key when under the cap.
            plans[label] = narrowed(page, first_matches(page))[:25].explain(analyze=True)
            plans[label + " (count)"] = _explain_count(connection, page, CAP)
        result["plans"] = plans
    print(json.dumps(result))


def _explain_count(connection, queryset, cap: int) -> str:
    # As the registry page counts (registry.paging): stop after the cap.
    sql, params = queryset.order_by().values("pk")[: cap + 1].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ANALYZE SELECT count(*) FROM ({sql}) counted", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _database(name: str, declarations: int, vendors: int) -> str:
    """The database of this size, created, migrated and seeded unless it already is."""
    url = f"{SERVER}/{PREFIX}_{name}"
    exists = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-tAc",
            f"select 1 from pg_database where datname='{PREFIX}_{name}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", f"{PREFIX}_{name}"], check=True
        )
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    seeded = (
        subprocess.run(
            [
                *manage,
                "shell",
                "-c",
                "from declarations.models import Declaration as D;"
                " print(D.objects.issued().count())",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    if int(seeded or 0) < declarations:
        print(f"Seeding {declarations:,} declarations into {PREFIX}_{name} (once)…", flush=True)
        subprocess.run(
            [
                *manage,
                "seed_bulk",
                "--declarations",
                str(declarations - int(seeded or 0)),
                "--vendors",
                str(vendors),
            ],
            env=env,
            check=True,
        )
    return url


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.repeat, args.explain)
        return
    results = {}
    for name, (declarations, vendors) in SIZES.items():
        url = _database(name, declarations, vendors)
        out = subprocess.run(
            [sys.executable, __file__, "--child", url, "--repeat", str(args.repeat)]
            + (["--explain"] if args.explain and name == "100k" else []),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        results[name] = json.loads(out.strip().splitlines()[-1])
    small, large = results["1k"], results["100k"]
    print(
        f"Registry at scale: {small['count']:,} vs {large['count']:,} issued declarations "
        "(PostgreSQL, in process, median)"
    )
    print(f"{'':28} {'1k':>8} {'100k':>8}  growth (goal <= 1.5)  listed 1k/100k")
    worst = like_for_like = 0.0
    for label in small["timings"]:
        a, b = small["timings"][label], large["timings"][label]
        worst = max(worst, b / a)
        if small["rows"][label] == large["rows"][label]:
            like_for_like = max(like_for_like, b / a)
        listed = f"{small['rows'][label]:>3} / {large['rows'][label]:>3}"
        print(f"{label:28} {a * 1000:6.1f}ms {b * 1000:6.1f}ms  {b / a:5.2f} x {listed:>21}")
    # A search that matches 2 of 1,000 matches about 120 of 100,000: its page
    # lists 25 instead of 2. That is more page, not a slower search.
    print(f"{'worst growth, as many listed':28} {'':17} {like_for_like:5.2f} x  (the goal)")
    print(f"{'worst growth, more listed':28} {'':17} {worst:5.2f} x")
    for label, plan in large.get("plans", {}).items():
        print(f"\nEXPLAIN ANALYZE at 100k: {label}\n{plan}")


if __name__ == "__main__":
    main()
