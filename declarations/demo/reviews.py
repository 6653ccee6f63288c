"""Demo review threads between the demo procurer and the demo vendors.

One resolved thread on a declaration in force (asked, answered, resolved), and
one still open, waiting for the vendor. Made through the services; a thread
that exists already (same subject, same declaration) is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from guidelines.models import Statement
from portal.models import User

from ..models import Declaration, ReviewThread
from ..services.reviews import open_thread, reply_to_thread, resolve_thread

K = ReviewThread.Kind


@dataclass(frozen=True)
class DemoThread:
    product: str
    status: str  # of the declaration it is opened on
    code: str
    kind: str
    subject: str
    question: str
    answer: str = ""  # the vendor's reply, if any
    resolved: bool = False
    links: tuple[str, ...] = ()


DEMO_THREADS = [
    DemoThread(
        product="PLC 監視エージェント",
        status=Declaration.Status.PUBLISHED,
        code="(2)-2",
        kind=K.CLARIFICATION,
        subject="配布経路の「該当なし」の根拠",
        question="(2)-2 を該当なしとされていますが、"
        "更新サーバーへの接続はどのように認証されていますか。"
        "当社の調達要件では配布経路の完全性確認が必要です。",
        answer="更新サーバーは顧客ごとのクライアント証明書で相互 TLS 認証しており、"
        "配布物には当社の署名を付与しています。手順書を添付します。",
        resolved=True,
        links=("https://control-systems.example/docs/update-server-auth",),
    ),
    DemoThread(
        product="デモ認証ゲートウェイ",
        status=Declaration.Status.PUBLISHED,
        code="(1)-3",
        kind=K.QUESTION,
        subject="DAST の対象範囲",
        question="前回の宣言では管理画面が DAST の対象外でした。今回の宣言で管理画面も対象に"
        "含まれたことを確認させてください。診断結果の要約はご提供いただけますか。",
    ),
]


def seed_review_threads(*, procurer: User, vendor_members: dict[str, User]) -> list[ReviewThread]:
    """The demo threads, made once. ``vendor_members`` names who replies, by product."""
    made = []
    for demo in DEMO_THREADS:
        declaration = (
            Declaration.objects.filter(product__name=demo.product, status=demo.status)
            .select_related("package", "organization", "product")
            .first()
        )
        if declaration is None or declaration.review_threads.filter(subject=demo.subject).exists():
            continue
        thread = open_thread(
            declaration=declaration,
            user=procurer,
            statement=Statement.objects.get(edition=declaration.edition_id, code=demo.code),
            kind=demo.kind,
            subject=demo.subject,
            body=demo.question,
        )
        replier = vendor_members.get(demo.product)
        if demo.answer and replier is not None:
            reply_to_thread(thread=thread, user=replier, body=demo.answer, links=demo.links)
        if demo.resolved:
            thread = resolve_thread(thread=thread, user=procurer)
        made.append(thread)
    return made
