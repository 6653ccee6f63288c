"""The accessibility policy: public, in both languages, dated, and linked from every page."""

import pytest
from django.utils import formats, translation

from portal.accessibility import LAST_CHECKED


@pytest.mark.parametrize(
    "prefix,heading,standard",
    [
        ("", "アクセシビリティ方針", "JIS X 8341-3:2016"),
        ("/en", "Accessibility policy", "WCAG 2.2"),
    ],
)
def test_anyone_reads_the_policy_with_its_target_and_the_date_of_the_last_check(
    client, db, prefix, heading, standard
):
    response = client.get(f"{prefix}/accessibility/")
    assert response.status_code == 200
    page = response.content.decode()
    assert heading in page and standard in page
    assert 'id="a11y-contact-email"' in page
    assert f'datetime="{LAST_CHECKED.isoformat()}"' in page
    with translation.override(prefix.strip("/") or "ja"):
        assert formats.date_format(LAST_CHECKED) in page


@pytest.mark.parametrize("path", ["/", "/registry/", "/en/verify/", "/accounts/login/"])
def test_every_page_links_to_the_policy_from_its_footer(client, db, path):
    page = client.get(path).content.decode()
    footer = page[page.index("<footer") : page.index("</footer>")]
    prefix = "/en" if path.startswith("/en/") else ""
    assert f'href="{prefix}/accessibility/"' in footer


def test_the_missing_page_links_to_the_policy_too(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'id="footer-accessibility"' in response.content.decode()
