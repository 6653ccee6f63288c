"""Many issued declarations at once, for measuring the registry at scale (``seed_bulk``).

Unlike the demo, these rows are written with ``bulk_create``, not through the
services: a hundred thousand attestations one by one would take hours. Each
declaration still gets what the registry reads — a canonical record built by
``publishing.records`` (so rows, summaries and the API parse it as usual), its
digest, its folded search text, one answer per statement of its package, its
events — but no PDF and no signature. What is synthetic:

- vendors: names put together from common parts (``富士ネットワークス株式会社 0042``),
  corporate numbers with a valid check digit over the base ``99…`` (no real
  company's), websites under ``.bench.invalid``, one signatory user each whose
  password is unusable;
- products: names from parts, versions, kinds and roles drawn at random;
- answers: a few explanations per status, repeated;
- dates: attested over the last 450 days, valid for the usual period, so that
  those past it are expired; a few percent withdrawn, revoked or superseded
  (the superseded ones with their successor).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from guidelines.models import Edition, Package
from portal.models import Membership, Organization, Role, User
from portal.validators import corporate_number_check_digit

from ..models import Answer, Declaration, DeclarationEvent, Product
from ..publishing import records
from ..registry.search import search_text_of

S = Declaration.Status
MARK = ".bench.invalid"  # in every synthetic vendor's website: how to find them again

_PLACES = ["日本", "東京", "大阪", "富士", "大和", "青葉", "みらい", "さくら", "北斗", "瑞穂"]
_PLACES_EN = ["Nihon", "Tokyo", "Osaka", "Fuji", "Yamato", "Aoba", "Mirai", "Sakura", "Hokuto"]
_PLACES_EN.append("Mizuho")
_TRADES = ["システム", "ソフト", "データ", "クラウド", "テクノロジー", "ネットワークス", "情報"]
_TRADES_EN = ["Systems", "Soft", "Data", "Cloud", "Technology", "Networks", "Information"]
_PRODUCTS = ["基幹", "会計", "監視", "制御", "認証", "決済", "物流", "電力管理", "医療情報"]
_PRODUCT_KINDS = ["システム", "クラウド", "ゲートウェイ", "プラットフォーム", "SCADA", "Suite"]
_EXPLANATIONS = {
    Answer.Status.CONFORMANT: [
        "開発標準に基づき、設計レビューと静的解析を全リリースで実施し、記録を5年間保管している。",
        "依存関係の脆弱性検査を毎日自動で実行し、重大な問題は48時間以内に対応している。",
        "第三者による侵入試験を年1回実施し、指摘事項は次のリリースまでに是正している。",
    ],
    Answer.Status.PARTIAL: [
        "主要製品では実施しているが、一部の旧製品には未展開である。",
        "手順は定めているが、記録の保管は一部の部署に限られている。",
    ],
    Answer.Status.NOT_CONFORMANT: ["現時点では実施していない。体制を整備中である。"],
    Answer.Status.NOT_APPLICABLE: ["当該製品は外部の部品を含まないため対象外である。"],
}
_WEIGHTS = {
    Answer.Status.CONFORMANT: 80,
    Answer.Status.PARTIAL: 12,
    Answer.Status.NOT_CONFORMANT: 3,
    Answer.Status.NOT_APPLICABLE: 5,
}


@dataclass
class _Vendor:
    organization: Organization
    signatory: User


def corporate_number(n: int) -> str:
    base = f"99{n:010d}"
    return f"{corporate_number_check_digit(base)}{base}"


def _vendors(count: int, start: int, rng: random.Random) -> list[_Vendor]:
    organizations = []
    for n in range(start, start + count):
        place, trade = rng.randrange(len(_PLACES)), rng.randrange(len(_TRADES))
        organizations.append(
            Organization(
                kind=Organization.Kind.VENDOR,
                name_ja=f"{_PLACES[place]}{_TRADES[trade]}株式会社 {n:04d}",
                name_en=f"{_PLACES_EN[place]} {_TRADES_EN[trade]} K.K. {n:04d}",
                corporate_number=corporate_number(n),
                address="東京都千代田区（合成データ）",
                website=f"https://vendor-{n}{MARK}",
                status=Organization.Status.APPROVED,
                approved_at=timezone.now(),
            )
        )
    organizations = Organization.objects.bulk_create(organizations, batch_size=1000)
    users = [
        # "!" is Django's unusable password: these synthetic accounts never sign in.
        User(
            email=f"signatory-{n}@vendor-{n}{MARK}",
            full_name="合成 太郎",
            password="!",  # nosec B106
        )
        for n in range(start, start + count)
    ]
    users = User.objects.bulk_create(users, batch_size=1000)
    Membership.objects.bulk_create(
        [
            Membership(user=user, organization=organization, role=Role.SIGNATORY)
            for user, organization in zip(users, organizations, strict=True)
        ],
        batch_size=1000,
    )
    return [_Vendor(o, u) for o, u in zip(organizations, users, strict=True)]


def _answers(package: Package, rng: random.Random) -> list[Answer]:
    """One answer per statement of the package, unsaved (no declaration yet)."""
    answers = []
    for statement in package.statements.all():
        status = rng.choices(list(_WEIGHTS), weights=list(_WEIGHTS.values()))[0]
        gap = status in (Answer.Status.PARTIAL, Answer.Status.NOT_CONFORMANT)
        answers.append(
            Answer(
                statement=statement,
                status=status,
                explanation=rng.choice(_EXPLANATIONS[status]),
                evidence_links="https://security.bench.invalid/policy",
                evidence="社内規程 SEC-001 第3版",
                remediation_plan="2027年3月までに全製品へ展開する。" if gap else "",
                target_date=date(2027, 3, 31) if gap else None,
            )
        )
    return answers


def _serials(count: int, rng: random.Random, year: int) -> list[str]:
    """``count`` new serials, none of them taken already."""
    serials: set[str] = set()
    while len(serials) < count:
        candidates: set[str] = set()
        while len(candidates - serials) < count - len(serials):
            token = "".join(rng.choices(records._SERIAL_ALPHABET, k=8))
            candidates.add(f"JPD-{year}-{token[:4]}-{token[4:]}")
        taken = Declaration.objects.filter(serial__in=candidates).values_list("serial", flat=True)
        serials |= candidates - set(taken)
    while len(serials) > count:
        serials.pop()
    return list(serials)


@dataclass
class _Planned:
    declaration: Declaration
    answers: list[Answer]
    events: list[tuple[str, str]]  # (from, to)


def _plan(vendor, product, package, edition, serial, attested_at, rng, supersedes=None):
    answers = _answers(package, rng)
    valid_until = timezone.localdate(attested_at) + timedelta(
        days=settings.DECLARATION_VALIDITY_DAYS
    )
    declaration = Declaration(
        organization=vendor.organization,
        product=product,
        edition=edition,
        package=package,
        created_by=vendor.signatory,
        attested_by=vendor.signatory,
        signatory_name="合成 太郎",
        signatory_title="代表取締役",
        attested_at=attested_at,
        valid_until=valid_until,
        serial=serial,
        status=S.PUBLISHED,
    )
    record = records.build_record(
        declaration,
        answers=answers,
        serial=serial,
        signatory_name=declaration.signatory_name,
        signatory_title=declaration.signatory_title,
        attested_at=attested_at,
        valid_until=valid_until,
        supersedes=supersedes,
    )
    canonical = records.canonical_bytes(record)
    declaration.canonical_json = canonical.decode()
    declaration.digest = records.digest_of(canonical)
    declaration.search_text = search_text_of(record)
    return _Planned(declaration, answers, [("draft", S.PUBLISHED)])


def _final_status(planned: _Planned, today: date, rng: random.Random) -> None:
    declaration = planned.declaration
    if declaration.valid_until and declaration.valid_until < today:
        moved = S.EXPIRED
    else:
        roll = rng.random()
        moved = S.WITHDRAWN if roll < 0.03 else S.REVOKED if roll < 0.035 else S.PUBLISHED
    if moved != S.PUBLISHED:
        declaration.status = moved
        planned.events.append((S.PUBLISHED, moved))


def _write(planned: list[_Planned]) -> None:
    # One product may carry two declarations (a renewal); bulk_create sets the pks in place.
    Product.objects.bulk_create(
        {id(p.declaration.product): p.declaration.product for p in planned}.values(),
        batch_size=1000,
    )
    for p in planned:
        p.declaration.product_id = p.declaration.product.pk
    # Predecessors before successors: a successor points at its predecessor's pk.
    first = [p for p in planned if p.declaration.supersedes is None]
    then = [p for p in planned if p.declaration.supersedes is not None]
    for group in (first, then):
        for p in group:
            if p.declaration.supersedes is not None:
                p.declaration.supersedes_id = p.declaration.supersedes.pk
        Declaration.objects.bulk_create([p.declaration for p in group], batch_size=1000)
    answers, events = [], []
    for p in planned:
        for answer in p.answers:
            answer.declaration_id = p.declaration.pk
            answers.append(answer)
        for from_status, to_status in p.events:
            events.append(
                DeclarationEvent(
                    declaration_id=p.declaration.pk,
                    actor=None,
                    from_status=from_status,
                    to_status=to_status,
                )
            )
    Answer.objects.bulk_create(answers, batch_size=2000)
    DeclarationEvent.objects.bulk_create(events, batch_size=2000)


def seed_bulk(
    *,
    declarations: int,
    vendors: int,
    edition: Edition,
    chunk: int = 2000,
    seed: int = 2024,
    progress: Callable[[int], None] = lambda done: None,
) -> int:
    """Write ``declarations`` issued declarations of ``vendors`` new vendors; returns how many."""
    # Reproducible synthetic data, not secrets.
    rng = random.Random(seed)  # nosec B311
    start = Organization.objects.filter(website__endswith=MARK).count()
    now, today = timezone.now(), timezone.localdate()
    packages = list(Package.objects.filter(edition=edition).prefetch_related("statements"))
    with transaction.atomic():
        all_vendors = _vendors(vendors, start, rng)
    done = 0
    while done < declarations:
        size = min(chunk, declarations - done)
        serials = _serials(size, rng, now.year)
        planned: list[_Planned] = []
        while len(planned) < size:
            vendor = all_vendors[(done + len(planned)) % len(all_vendors)]
            product = Product(
                organization=vendor.organization,
                name=f"{rng.choice(_PRODUCTS)}{rng.choice(_PRODUCT_KINDS)}",
                version=f"{rng.randint(1, 12)}.{rng.randint(0, 9)}",
                kind=rng.choice(list(Product.Kind)),
                roles=sorted(rng.sample(list(Product.VendorRole), rng.randint(1, 2))),
            )
            package = rng.choice(packages)
            age = timedelta(days=rng.randint(0, 450), seconds=rng.randint(0, 86399))
            attested_at = datetime.combine(today, time(9), tzinfo=now.tzinfo) - age
            old = _plan(vendor, product, package, edition, serials.pop(), attested_at, rng)
            planned.append(old)
            # One in twenty was renewed: the old one superseded by a newer one.
            if rng.random() < 0.05 and len(planned) < size and age.days > 30:
                newer = attested_at + timedelta(days=rng.randint(1, age.days - 1))
                new = _plan(
                    vendor, product, package, edition, serials.pop(), newer, rng, old.declaration
                )
                new.declaration.supersedes = old.declaration
                old.declaration.status = S.SUPERSEDED
                old.events.append((S.PUBLISHED, S.SUPERSEDED))
                _final_status(new, today, rng)
                planned.append(new)
            else:
                _final_status(old, today, rng)
        with transaction.atomic():
            _write(planned)
        done += size
        progress(done)
    return done
