"""A role that may not act gets a page of the portal, in its language — not a bare
English "403 Forbidden"."""


def test_an_editor_opening_the_attestation_page_gets_a_styled_translated_page(
    client, complete_draft, alice
):
    client.force_login(alice)
    response = client.get(f"/declarations/{complete_draft.pk}/attest/")
    assert response.status_code == 403
    page = response.content.decode()
    assert 'id="forbidden"' in page and 'lang="ja"' in page
    assert "許可されていません" in page

    english = client.get(f"/en/declarations/{complete_draft.pk}/attest/")
    assert english.status_code == 403
    assert "Not allowed" in english.content.decode()
