"""Published demo declarations, so that the registry and its badges show every state.

Each is drafted, answered and attested through the services — a renewal is
renewed and attested again, a withdrawal withdrawn by the signatory, a
revocation revoked by the site admin — exactly as people would through the
pages. A product that exists already is left as it is, so running it again
changes nothing. (Expired is the one state left out: only time makes it.)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from guidelines.models import Package
from guidelines.queries import latest_published_edition
from portal.models import Organization, User

from ..drafting.answers import AnswerChange
from ..models import Answer, Declaration, Product
from ..services import (
    attest_declaration,
    create_product,
    renew_declaration,
    revoke_declaration,
    save_answers,
    start_declaration,
    withdraw_declaration,
)

A = Answer.Status


@dataclass(frozen=True)
class Demo:
    product: dict[str, Any]
    package: str  # a Package.Kind
    fate: str = "in_force"  # or "renewed", "withdrawn", "revoked"
    # Answers that differ from "conformant, as the secure development standard says".
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    reason: str = ""  # of a withdrawal or a revocation
    renewed_answers: dict[str, dict[str, Any]] = field(default_factory=dict)


def _gap(explanation: str, plan: str, days: int) -> dict[str, Any]:
    return {"status": A.PARTIAL, "explanation": explanation, "remediation_plan": plan, "days": days}


def _not_applicable(why: str) -> dict[str, Any]:
    return {"status": A.NOT_APPLICABLE, "explanation": why}


def _public(ja: str = "", en: str = "") -> dict[str, str]:
    """What the registry shows everyone about an answer (the explanation is not)."""
    return {"public_statement_ja": ja, "public_statement_en": en}


DAST_GAP = _gap(
    "SAST と SCA は全リポジトリで実施しているが、DAST は認証 API のみで、管理画面は未実施。",
    "管理画面のステージング環境に DAST を導入し、リリース判定基準に結果確認を加える。",
    120,
) | _public(
    "静的解析とソフトウェア構成分析は全製品で実施しています。動的テストは段階的に導入中です。",
    "Static analysis and software composition analysis run on every product; dynamic testing "
    "is being rolled out.",
)

# Keyed by the demo organization they belong to (seed_demo's keys).
DEMOS: dict[str, list[Demo]] = {
    "vendor": [
        Demo(
            product={
                "name": "デモ認証ゲートウェイ",
                "version": "5.0",
                "kind": Product.Kind.SOFTWARE,
                "roles": [Product.VendorRole.DEVELOPER, Product.VendorRole.OPERATOR],
                "description": "自治体・重要インフラ向けのシングルサインオン基盤。",
                "url": "https://demo-software.example/idgw/",
            },
            package=Package.Kind.STANDARD,
            fate="renewed",
            answers={"(1)-3": DAST_GAP},
            renewed_answers={
                "(1)-3": {
                    "status": A.CONFORMANT,
                    "explanation": "DAST を全サービスに導入し、リリースごとに実施している。",
                    "remediation_plan": "",
                    "days": None,
                }
                | _public(
                    "静的解析・動的テスト・構成分析を全リリースで実施しています。",
                    "Static, dynamic and composition analysis run on every release.",
                ),
                "(3)-1": _public(
                    "脆弱性情報は JVN と NVD を毎日確認し、PSIRT が対応します。",
                    "Our PSIRT checks JVN and NVD daily for vulnerabilities.",
                ),
            },
        ),
        Demo(
            product={
                "name": "デモファイル連携",
                "version": "1.x",
                "kind": Product.Kind.SOFTWARE,
                "roles": [Product.VendorRole.DEVELOPER],
                "description": "拠点間のファイル転送ソフトウェア（販売終了）。",
            },
            package=Package.Kind.MINIMUM,
            fate="withdrawn",
            reason="後継製品「デモファイル連携 2」への移行に伴い、販売とサポートを終了したため。",
        ),
    ],
    "control": [
        Demo(
            product={
                "name": "PLC 監視エージェント",
                "version": "3.2",
                "kind": Product.Kind.COMPONENT,
                "roles": [Product.VendorRole.DEVELOPER, Product.VendorRole.SUPPLIER],
                "description": "制御システムの PLC を監視するエージェント。"
                "SCADA に組み込んで使う。",
            },
            package=Package.Kind.MINIMUM,
            answers={
                "(2)-2": _not_applicable("配布物は顧客専用の更新サーバーからのみ提供する。")
                | _public("リリースファイルは顧客専用の更新サーバーからのみ提供しています。"),
            },
        ),
        Demo(
            product={
                "name": "遠隔保守サービス",
                "version": "",
                "kind": Product.Kind.SOFTWARE,
                "roles": [Product.VendorRole.OPERATOR],
                "description": "プラント設備の遠隔監視・保守を提供するクラウドサービス。",
                "url": "https://control-systems.example/remote/",
            },
            package=Package.Kind.STANDARD,
            answers={
                "(4)-2": _gap(
                    "保守要員の教育は年 1 回実施しているが、委託先要員は対象外。",
                    "委託先要員を教育計画に含め、受講記録を四半期ごとに確認する。",
                    200,
                )
                | _public(en="Our development policy is being extended to contractors' staff."),
            },
        ),
        Demo(
            product={
                "name": "旧型 HMI パネル ソフトウェア",
                "version": "2.4",
                "kind": Product.Kind.FIRMWARE,
                "roles": [Product.VendorRole.DEVELOPER],
                "description": "操作パネル装置の組込みソフトウェア。",
            },
            package=Package.Kind.MINIMUM,
            fate="revoked",
            reason="第三者からの指摘により、(3)-2 の回答が実態と異なることが確認されたため。",
        ),
    ],
}


@dataclass(frozen=True)
class People:
    editor: User
    signatory: User
    password: str  # the signatory's: attesting asks for it again
    site_admin: User


def seed_published(
    *, organization: Organization, demos: list[Demo], people: People
) -> list[Declaration]:
    """The organization's published demo declarations, made once."""
    edition = latest_published_edition()
    if edition is None:
        return []
    made = []
    for demo in demos:
        if Product.objects.filter(organization=organization, name=demo.product["name"]).exists():
            continue
        product = create_product(organization=organization, **demo.product)
        package = Package.objects.get(edition=edition, kind=demo.package)
        draft = start_declaration(product=product, package=package, user=people.editor)
        declaration = _attest(_answered(draft, demo.answers, people), people)
        if demo.fate == "renewed":
            renewal = renew_declaration(declaration=declaration, user=people.editor)
            changed = _answered(renewal, demo.renewed_answers, people, renewal=True)
            declaration = _attest(changed, people)
        elif demo.fate == "withdrawn":
            declaration = withdraw_declaration(
                declaration=declaration, user=people.signatory, reason=demo.reason
            )
        elif demo.fate == "revoked":
            declaration = revoke_declaration(
                declaration=declaration, user=people.site_admin, reason=demo.reason
            )
        made.append(declaration)
    return made


def _answered(
    draft: Declaration, overrides: dict[str, dict], people: People, *, renewal: bool = False
) -> Declaration:
    """Every statement of the package answered, ``overrides`` by statement code. A renewal
    keeps the answers it carried over, but for the overrides."""
    in_package = set(draft.package.statements.values_list("pk", flat=True))
    today = timezone.localdate()
    changes = []
    for answer in Answer.objects.filter(declaration=draft).select_related("statement"):
        code = answer.statement.code
        if answer.statement_id not in in_package or (renewal and code not in overrides):
            continue
        values: dict[str, Any] = {name: getattr(answer, name) for name in Answer.CONTENT_FIELDS}
        if not renewal:
            values |= {
                "status": A.CONFORMANT,
                "explanation": f"「{answer.statement.title_ja}」について、"
                "社内のセキュア開発標準に定めた手順を全リリースで実施し、記録を保管している。",
                "evidence": "セキュア開発標準 第3版、内部監査報告書（2026年度）",
            }
        override = dict(overrides.get(code, {}))
        if "days" in override:
            days = override.pop("days")
            values["target_date"] = today + datetime.timedelta(days=days) if days else None
        values.update(override)
        changes.append(AnswerChange(answer_id=answer.pk, version=answer.version, **values))
    save_answers(declaration=draft, changes=changes, user=people.editor)
    return draft


def _attest(draft: Declaration, people: People) -> Declaration:
    return attest_declaration(
        declaration=draft,
        user=people.signatory,
        password=people.password,
        signatory_name=people.signatory.full_name,
        signatory_title="代表取締役",
        confirmed=True,
    )
