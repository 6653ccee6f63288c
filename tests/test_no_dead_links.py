"""No link on a page a role reaches leads that role to a 404 (or a 500).

For every role of the cast, the registry, the summaries and the declaration
pages they can open are read, and every link on them that stays on the site is
followed once (GET). A link to a page the role may not see — the vendor's own
declaration list shown to a procurer, say — fails here.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.base import ContentFile

from declarations import services
from declarations.models import Declaration

from .conftest import answer_everything
from .declarations.registry import publish, renew_and_attest
from .test_url_matrix import ROLES


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href is not None:
            self.hrefs.append(href)


def links_of(page_url: str, html: str) -> set[str]:
    parser = _Links()
    parser.feed(html)
    found = set()
    for href in parser.hrefs:
        url = urlsplit(urljoin("http://testserver" + page_url, href))
        if url.scheme in ("http", "https") and url.netloc == "testserver":
            found.add(url.path + (f"?{url.query}" if url.query else ""))
    return found


@pytest.fixture
def pages(
    acme_draft, acme, minimum, sam, vera, alice, ada, otto, pat, quinn, root, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    answer_everything(acme_draft)
    first = publish(acme, "Acme Edge", minimum)
    latest = renew_and_attest(first)
    latest.pdf_file.save("links.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"), save=False)
    Declaration.objects.filter(pk=latest.pk).update(
        pdf_state=Declaration.PdfState.READY, pdf_file=latest.pdf_file.name
    )
    withdrawn = publish(acme, "Acme Old", minimum)
    services.withdraw_declaration(declaration=withdrawn, user=withdrawn.attested_by, reason="終了")
    urls = ["/registry/", "/registry/?q=acme&package=minimum", "/en/registry/"]
    for declaration in (first, latest, withdrawn):
        urls.append(f"/registry/{declaration.serial}/")
    for declaration in (first, latest, withdrawn, acme_draft):
        urls.append(f"/declarations/{declaration.pk}/")
        urls.append(f"/declarations/{declaration.pk}/review/")
    users = {"vera": vera, "alice": alice, "sam": sam, "ada": ada, "otto": otto}
    return urls, users | {"pat": pat, "quinn": quinn, "root": root}


@pytest.mark.parametrize("role", ROLES)
def test_no_link_leads_to_a_missing_page(client, pages, portal_pki, role):
    urls, users = pages
    if role != "anon":
        client.force_login(users[role])
    followed: dict[str, int] = {}
    opened = 0
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue  # not a page this role reaches
        opened += 1
        for link in links_of(url, response.content.decode()) - followed.keys():
            followed[link] = client.get(link).status_code
    dead = {link: status for link, status in followed.items() if status in (404, 500)}
    assert not dead, f"{role} follows links to missing pages: {dead}"
    assert opened >= 3 and len(followed) > 10
