"""Which classification values of the seed edition the study group's deck states.

Pages count the deck's ``# `` headings from the title page (guidelines/provenance.py).
The deck gives no classification statement by statement: its three pages
「要求事項の概要 —分類—」 (20 alignment, 21 effect, 22 difficulty) name keyword
examples under each value. A value counts as the deck's where one of those
examples names the statement's subject and no example under the other value
does; every other value is the portal's.

- Alignment, page 20. Matches foreign schemes: 委託先との要件合意 (2)-3,
  セキュアコーディング and コードのアクセス制御 (1)-2, 開発環境の保護 (4)-6, テスト (1)-3,
  開発・運用ポリシーの制定 (4)-2 (4)-3, 脆弱性対応 (3)-1 (3)-2, 顧客への情報提供 (2)-4;
  customers: 調達時のリスク評価 and リソースの整備 (6)-1, 要求提示 (6)-2. Not in foreign
  schemes: 脅威モデリング and 設計の追跡 (1)-1, 組織体制の整備（トレーニング、経営層の
  コミットメント） (4)-1, 脆弱性の根本対策 (3)-3. Components ((2)-1) appear under both
  values (コードの要件確認と出所管理; セキュアな代替コンポーネントの開発): the portal's.
- Effect, page 21. Direct: the same operator list as above, so (1)-2 (1)-3 (2)-1
  (2)-3 (2)-4 (3)-1 (3)-2 (4)-2 (4)-3 (4)-6; customers 要求提示 (6)-2. Raises
  capability: リスクモデリング and 要件のトレース (1)-1, 組織としてのソフトウェアセキュリティ
  要件の確立 (4)-4, 人員教育 (4)-1, 脆弱性を根本的に削減する組織プロセス (3)-3,
  外部組織との情報連携 (5)-2. (6)-1 has examples under both (リスク評価; 予算確保).
- Difficulty, page 22. High: リスクモデルの整備 (1)-1, セキュアな開発プロセスの維持と更新
  (4)-4, 役割の整備・人員教育・経営層によるコミットメント (4)-1; customers: 全ての要求事項
  (6)-1 (6)-2. Low: テスト (1)-3, 脆弱性の対処 (3)-2, コードのアクセス制御 (1)-2,
  コンポーネントのサポート期間の確認 (2)-1, 利用者への情報提供 (2)-4, 脆弱性情報の委託先への
  提供 (5)-1, 脆弱性情報の通知サービスの利用 (3)-1.
"""

SEED_CLASSIFICATION = {
    "alignment": (
        20,
        {"(1)-1", "(1)-2", "(1)-3", "(2)-3", "(2)-4", "(3)-1", "(3)-2", "(3)-3", "(4)-1"}
        | {"(4)-2", "(4)-3", "(4)-6", "(6)-1", "(6)-2"},
    ),
    "effect": (
        21,
        {"(1)-1", "(1)-2", "(1)-3", "(2)-1", "(2)-3", "(2)-4", "(3)-1", "(3)-2", "(3)-3"}
        | {"(4)-1", "(4)-2", "(4)-3", "(4)-4", "(4)-6", "(5)-2", "(6)-2"},
    ),
    "difficulty": (
        22,
        {"(1)-1", "(1)-2", "(1)-3", "(2)-1", "(2)-4", "(3)-1", "(3)-2", "(4)-1", "(4)-4"}
        | {"(5)-1", "(6)-1", "(6)-2"},
    ),
}

# 「要求事項の概要」: categories with their summaries and the 21 statement titles.
OVERVIEW_PAGE = 18
# 「要求事項の概要 一分類」: the two packages and the admission rule of the Minimum.
PACKAGES_PAGE = 19
