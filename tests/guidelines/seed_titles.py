"""The 21 statement titles of the seed edition, as the study group's deck has them.

Source: the study group's deck of 24 September 2024 (サイバーインフラ事業者に求められる
役割等の検討の方向性), in the text file ``000_e1028f9557d1685e.txt``, on the page
「要求事項の概要」: the first page so titled, whose table lists each category with
its statements: page 18, counting the text's ``# `` headings from the title page
(guidelines/provenance.py says how pages are numbered).
Copied verbatim, code by code; the fixture's Japanese titles must equal them.
"""

SEED_TITLES_JA = {
    "(1)-1": "設計時のリスク評価と対策の追跡",
    "(1)-2": "セキュアなビルド",
    "(1)-3": "テスト",
    "(1)-4": "サービスのモニタリング",
    "(2)-1": "セキュアなコンポーネントの調達",
    "(2)-2": "リリースファイルやデータのセキュアなアーカイブ",
    "(2)-3": "関係者間のセキュリティ要件の確立",
    "(2)-4": "利用者への適切な情報提供",
    "(3)-1": "継続的な脆弱性調査",
    "(3)-2": "検知した脆弱性への対処",
    "(3)-3": "対処結果を組織のプロセス改善に活用",
    "(4)-1": "人材：人員の整備",
    "(4)-2": "プロセス：開発ポリシーの確立と法令順守",
    "(4)-3": "プロセス：運用ポリシーの確立と法令順守",
    "(4)-4": "プロセス：開発運用基準の策定",
    "(4)-5": "技術：セキュアな開発ツールの整備",
    "(4)-6": "技術：セキュアな開発環境の整備",
    "(5)-1": "情報連携のための組織体制",
    "(5)-2": "協力体制の強化",
    "(6)-1": "顧客の経営者のリーダーシップによるリスク管理",
    "(6)-2": "顧客の経営者のリーダーシップによるソフトウェアの調達、運用",
}
