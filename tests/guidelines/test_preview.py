"""Site staff preview a draft edition on the site before publishing it; nobody else can."""

import pytest

from guidelines.services import start_draft_from
from tests.conftest import login_verified


@pytest.fixture
def draft(guideline):
    return start_draft_from(edition=guideline, label="2026-01")


def test_staff_see_a_draft_with_the_public_templates_under_a_banner(client, root, draft):
    login_verified(client, root)
    response = client.get("/en/guideline/2026-01/preview/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="preview-banner"' in html and "Preview — not published." in html
    assert html.count('class="list-group-item statement"') == 21
    # Its statements link to their previews, not to public pages that do not exist.
    assert "/guideline/2026-01/preview/statements/1-2/" in html
    # Nor to the crosswalk, the JSON or OSCAL, which exist for published editions only.
    assert "/guideline/2026-01/crosswalk/" not in html
    assert "/api/v1/guideline/2026-01/" not in html
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]

    statement = client.get("/en/guideline/2026-01/preview/statements/1-2/")
    assert statement.status_code == 200 and b'id="preview-banner"' in statement.content
    assert b"/crosswalk/" not in statement.content


def test_everyone_else_gets_a_404(client, alice, root, draft):
    assert client.get("/guideline/2026-01/preview/").status_code == 404
    client.force_login(alice)
    assert client.get("/guideline/2026-01/preview/").status_code == 404
    # Staff without a verified second factor are not let in either.
    client.force_login(root)
    assert client.get("/guideline/2026-01/preview/").status_code == 404


def test_a_published_edition_has_no_preview(client, root, guideline):
    login_verified(client, root)
    assert client.get("/guideline/2024-09/preview/").status_code == 404
    assert client.get("/guideline/2024-09/preview/statements/1-2/").status_code == 404


def test_the_admin_links_a_draft_to_its_preview(client, root, draft):
    login_verified(client, root)
    html = client.get("/admin/guidelines/edition/").content.decode()
    assert "/guideline/2026-01/preview/" in html
