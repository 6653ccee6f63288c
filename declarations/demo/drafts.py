"""The demo drafts: a product with a half-answered Standard draft, another ready to attest."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from guidelines.models import Package
from guidelines.queries import latest_published_edition
from portal.models import Organization, User

from ..drafting.answers import AnswerChange
from ..models import Answer, Declaration, Product
from ..services import create_product, save_answers, start_declaration

PRODUCT = {
    "name": "デモ業務クラウド",
    "version": "2026.4",
    "kind": Product.Kind.SOFTWARE,
    "roles": [Product.VendorRole.DEVELOPER, Product.VendorRole.OPERATOR],
    "description": "地方公共団体・重要インフラ事業者向けの業務管理 SaaS。"
    "当社が開発し、当社のクラウド環境で運用する。",
    "url": "https://demo-software.example/cloud/",
}

C = Answer.Status.CONFORMANT

# About half of the 19 Standard statements, as a vendor would answer them.
ANSWERS: dict[str, dict] = {
    "(1)-1": {
        "status": C,
        "explanation": "設計レビューの際に STRIDE による脅威モデリングを実施し、"
        "特定したリスクと対策をチケット管理システムで追跡している。四半期ごとに見直す。",
        "evidence_links": "https://demo-software.example/security/secure-development",
        "evidence": "セキュア開発標準 第4.2版、設計レビュー記録（2026年1月〜3月）",
    },
    "(1)-2": {
        "status": C,
        "explanation": "ソースコードはアクセス制御されたリポジトリで管理し、"
        "CI/CD は隔離されたビルド環境で実行している。"
        "成果物（コンテナイメージ）には署名を付与している。",
        "evidence": "ビルド基盤設計書 v3.1",
    },
    "(1)-3": {
        "status": Answer.Status.PARTIAL,
        "explanation": "SAST と SCA は全リポジトリで実施しているが、"
        "DAST は主要 3 サービスのみで、残る 2 サービスは未実施。",
        "evidence": "セキュリティテスト実施報告（2026年3月）",
        "remediation_plan": "残る 2 サービスのステージング環境に DAST を導入し、"
        "リリース判定基準に DAST の結果確認を加える。",
        "target_days": 180,
    },
    "(1)-4": {
        "status": C,
        "explanation": "外部 SOC による 24 時間 365 日の監視を行い、"
        "WAF・EDR のアラートを SIEM で相関分析している。重大アラートは 30 分以内に一次対応する。",
        "evidence": "SOC 委託契約書、監視運用手順書",
    },
    "(2)-1": {
        "status": C,
        "explanation": "OSS の採用時にライセンス・保守状況・EOL・既知の脆弱性を"
        "社内審査で確認している。"
        "リリースごとに SBOM（CycloneDX）を生成している。",
        "evidence_links": "https://demo-software.example/sbom/",
    },
    "(2)-2": {
        "status": Answer.Status.NOT_APPLICABLE,
        "explanation": "本サービスは SaaS としてのみ提供し、"
        "顧客にリリースファイルを配布しないため、"
        "配布物のアーカイブは該当しない。コンテナイメージと SBOM の保管は (1)-2 の運用に含まれる。",
    },
    "(2)-4": {
        "status": C,
        "explanation": "サポート期間、セキュアな設定ガイド、セキュリティアドバイザリを"
        "利用者ポータルで公開している。"
        "SBOM は契約顧客の求めに応じて提供する。",
        "evidence_links": "https://demo-software.example/support/lifecycle\n"
        "https://demo-software.example/security/advisories",
    },
    "(3)-1": {
        "status": C,
        "explanation": "JVN・NVD のフィードと SBOM を毎日自動で照合し、"
        "該当する脆弱性を PSIRT がトリアージしている。",
    },
    "(3)-2": {
        "status": C,
        "explanation": "CVSS 基本値 7.0 以上は 14 日以内、"
        "それ以外は次回の定期リリースで修正する方針を定め、"
        "修正とアドバイザリの公開を PSIRT が管理している。",
        "evidence_links": "https://demo-software.example/psirt/policy",
    },
    "(5)-1": {
        "status": C,
        "explanation": "PSIRT を設置し、"
        "脆弱性の受付窓口（security.txt、専用フォーム）を公開している。",
        "evidence_links": "https://demo-software.example/.well-known/security.txt",
    },
}


def _product_and_declaration(organization: Organization, fields: dict):
    """The demo product (made once) and its declaration, if it has one already."""
    product = Product.objects.filter(organization=organization, name=fields["name"]).first()
    if product is None:
        product = create_product(organization=organization, **fields)
    return product, product.declarations.first()


def seed_demo_declaration(*, organization: Organization, editor: User) -> Declaration | None:
    """The demo product and its draft; None when there is no published edition yet."""
    edition = latest_published_edition()
    if edition is None:
        return None
    product, existing = _product_and_declaration(organization, PRODUCT)
    if existing is not None:
        return existing
    standard = Package.objects.get(edition=edition, kind=Package.Kind.STANDARD)
    draft = start_declaration(product=product, package=standard, user=editor)
    answers = Answer.objects.filter(declaration=draft).select_related("statement")
    today = timezone.localdate()
    changes = []
    for answer in answers:
        values = dict(ANSWERS.get(answer.statement.code, {}))
        if not values:
            continue
        days = values.pop("target_days", None)
        if days:
            values["target_date"] = today + datetime.timedelta(days=days)
        changes.append(AnswerChange(answer_id=answer.pk, version=answer.version, **values))
    save_answers(declaration=draft, changes=changes, user=editor)
    return draft


FIRMWARE = {
    "name": "デモ制御ゲートウェイ ファームウェア",
    "version": "4.x",
    "kind": Product.Kind.FIRMWARE,
    "roles": [Product.VendorRole.DEVELOPER, Product.VendorRole.SUPPLIER],
    "description": "工場・プラント向け制御ゲートウェイ装置の組込みソフトウェア。",
    "url": "https://demo-software.example/gateway/",
}


def seed_ready_draft(*, organization: Organization, editor: User) -> Declaration | None:
    """A second product whose Minimum draft is fully answered: ready for a signatory."""
    edition = latest_published_edition()
    if edition is None:
        return None
    product, existing = _product_and_declaration(organization, FIRMWARE)
    if existing is not None:
        return existing
    minimum = Package.objects.get(edition=edition, kind=Package.Kind.MINIMUM)
    draft = start_declaration(product=product, package=minimum, user=editor)
    in_package = set(minimum.statements.values_list("pk", flat=True))
    target = timezone.localdate() + datetime.timedelta(days=270)
    changes = []
    for answer in Answer.objects.filter(declaration=draft).select_related("statement"):
        if answer.statement_id not in in_package:
            continue
        values: dict[str, Any] = {
            "status": C,
            "explanation": f"「{answer.statement.title_ja}」について、"
            "社内のセキュア開発標準に定めた手順を全リリースで実施し、記録を保管している。",
            "evidence": "セキュア開発標準 第4.2版",
        }
        if answer.statement.code == "(4)-6":
            values.update(
                status=Answer.Status.NOT_CONFORMANT,
                explanation="開発環境とビルド環境が同一ネットワーク上にあり、分離されていない。",
                remediation_plan="ビルド環境を専用セグメントへ移し、多要素認証を必須にする。",
                target_date=target,
            )
        changes.append(AnswerChange(answer_id=answer.pk, version=answer.version, **values))
    save_answers(declaration=draft, changes=changes, user=editor)
    return draft
