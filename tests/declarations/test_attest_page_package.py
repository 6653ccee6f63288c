"""The signatory reads what the package holds and how it was derived before attesting."""

from tests.conftest import login_verified


def test_the_attest_page_explains_the_package_and_the_draft_edition(client, sam, complete_draft):
    login_verified(client, sam)
    html = client.get(f"/declarations/{complete_draft.pk}/attest/").content.decode()
    about = html[html.index('id="package-about"') :]
    assert "ポータルが各ステートメントの分類に適用して導出" in about
    assert "方向性資料（案）" in about
