"""axe-core over the portal's pages, and a crawl that finds those pages.

The rules run are those of WCAG 2.0, 2.1 and 2.2 at levels A and AA: the
level JIS X 8341-3:2016 asks for (its AA is WCAG 2.0 AA; 2.1 and 2.2 add to it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.urls import Resolver404, resolve
from django.utils import translation

WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}, "resultTypes": ["violations"]}

# Files, not pages: a browser downloads them (or shows them raw).
DOWNLOAD_SUFFIXES = (".pdf", ".csv", ".json", ".svg", ".pem", ".crl", ".txt", ".xml")
DOWNLOAD_VIEWS = {
    "declarations:pdf",
    "declarations:registry_pdf",
    "declarations:registry_export",
    "declarations:registry_badge",
    "declarations:compare_export",
    "declarations:pdf_status",
    "accounts:two_factor_qr",
    "accounts:two_factor_codes_download",
    "verification:root_certificate",
    "verification:signing_certificate",
    "verification:crl",
}
# The API (JSON and its third-party Swagger UI) and the Django admin's own
# pages are not the portal's templates; the logout is a POST anyway.
SKIPPED_PREFIXES = ("/api/", "/admin/", "/accounts/logout/", "/static/", "/media/")

_axe = Axe()


def view_name(path: str) -> str | None:
    """The URL pattern's name of a path in either language, or None for no page."""
    bare = path[3:] if path == "/en" or path.startswith("/en/") else path
    with translation.override("ja"):
        try:
            return resolve(bare or "/").view_name
        except Resolver404:
            return None


def follows(path: str, prefix: str) -> bool:
    """Whether the crawl of language ``prefix`` ("" or "/en") opens this path."""
    in_english = path == "/en/" or path.startswith("/en/")
    if in_english != (prefix == "/en"):
        return False  # the other language: its own crawl covers it
    bare = path[len(prefix) :] if prefix else path
    if bare.startswith(SKIPPED_PREFIXES) or bare.lower().endswith(DOWNLOAD_SUFFIXES):
        return False
    name = view_name(path)
    return name is not None and name not in DOWNLOAD_VIEWS


def _why(node: dict) -> str:
    """axe's first reason for a node (the measured contrast, the missing name…)."""
    checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
    return f"  — {checks[0]['message']}" if checks and checks[0].get("message") else ""


@dataclass
class Audit:
    """The pages checked in one role and language, and what axe found on them."""

    origin: str
    prefix: str
    checked: dict[str, str] = field(default_factory=dict)  # view name (or label) → URL
    problems: list[str] = field(default_factory=list)

    def check(self, page, label: str) -> None:
        """Run axe on the page as it stands; ``label`` says which page it is."""
        self.checked.setdefault(label, page.url)
        results = _axe.run(page, options=AXE_OPTIONS).response
        for violation in results["violations"]:
            targets = "\n".join(
                "      "
                + " ".join(str(part) for part in node["target"])
                + _why(node)
                + "\n        "
                + node.get("html", "")[:160]
                for node in violation["nodes"][:10]
            )
            self.problems.append(
                f"{label} {page.url}\n  {violation['id']} ({violation['impact']}): "
                f"{violation['help']}\n    {violation['helpUrl']}\n{targets}"
            )

    def open_and_check(self, page, path: str, label: str | None = None) -> list[str]:
        """Open ``path``, check it if it is an HTML page, and return its same-origin links."""
        response = page.goto(path)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            return []
        self.check(page, label or view_name(urlsplit(page.url).path) or path)
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
        found = []
        for href in hrefs:
            url = urlsplit(href)
            if f"{url.scheme}://{url.netloc}" == self.origin:
                found.append(url.path + (f"?{url.query}" if url.query else ""))
        return found

    def crawl(self, page, start: list[str], limit: int = 80) -> None:
        """Breadth first from ``start``: one URL per URL pattern, GET links only."""
        queue = list(start)
        seen_views: set[str] = set()
        while queue and len(seen_views) < limit:
            path = queue.pop(0)
            if not follows(urlsplit(path).path, self.prefix):
                continue
            name = view_name(urlsplit(path).path)
            if name is None or name in seen_views:
                continue
            seen_views.add(name)
            queue.extend(self.open_and_check(page, path, name))
