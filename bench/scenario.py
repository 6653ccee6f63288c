"""A realistic published Standard declaration, built through the services."""

from __future__ import annotations

from django.core.management import call_command
from django.db.models import Q

from declarations import services
from declarations.models import Answer, Declaration, Product
from guidelines.models import Package
from guidelines.queries import latest_published_edition
from portal.models import Membership, Organization, Role, User

EXPLANATION = (
    "当社の開発標準に基づき、設計レビュー、静的解析、依存関係の脆弱性検査を全リリースで実施している。"
    "結果は品質保証部門が確認し、記録を5年間保管する。"
) * 2


def published_standard_declaration() -> Declaration:
    call_command("seed_demo", "--no-users", verbosity=0)
    organization, _ = Organization.objects.get_or_create(
        corporate_number="7123456789012",
        defaults=dict(
            kind=Organization.Kind.VENDOR,
            name_ja="ベンチマーク株式会社",
            name_en="Benchmark K.K.",
            status=Organization.Status.APPROVED,
        ),
    )
    user, created = User.objects.get_or_create(
        email="bench@bench.example", defaults={"full_name": "計測 太郎"}
    )
    if created:
        user.set_password("bench-password")
        user.save()
    Membership.objects.get_or_create(
        user=user, organization=organization, defaults={"role": Role.SIGNATORY}
    )
    product = Product.objects.create(
        organization=organization,
        name="ベンチマーク基幹システム",
        version="5.0",
        kind=Product.Kind.SOFTWARE,
        roles=["developer", "operator"],
    )
    package = Package.objects.get(edition=latest_published_edition(), kind="standard")
    draft = services.start_declaration(product=product, package=package, user=user)
    Answer.objects.filter(declaration=draft).filter(~Q(statement__code__endswith="-2")).update(
        status=Answer.Status.CONFORMANT,
        explanation=EXPLANATION,
        evidence_links="https://bench.example/security\nhttps://bench.example/sbom",
        evidence="社内規程 SEC-001 第3版",
    )
    Answer.objects.filter(declaration=draft, status="").update(
        status=Answer.Status.PARTIAL,
        explanation=EXPLANATION,
        remediation_plan="2027年3月までに全製品へ展開する。",
        target_date="2027-03-31",
    )
    return services.attest_declaration(
        declaration=draft,
        user=user,
        password="bench-password",
        signatory_name="計測 太郎",
        signatory_title="代表取締役",
        confirmed=True,
    )
