"""Pages carry a strict, enforced Content-Security-Policy, and no template of the
site holds the inline code such a policy would block."""

import re
from pathlib import Path

import pytest
from django.conf import settings

STRICT = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/en/registry/", "/verify/", "/api/v1/docs/"])
def test_a_page_carries_the_strict_policy_enforced(client, guideline, path):
    response = client.get(path)
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == STRICT
    assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.django_db
def test_a_signed_in_page_carries_it_too(client, alice):
    client.force_login(alice)
    response = client.get("/declarations/")
    assert directives(response["Content-Security-Policy"]) == STRICT


def test_nothing_unsafe_is_allowed():
    policy = str(settings.CONTENT_SECURITY_POLICY)
    assert "unsafe" not in policy
    assert "REPORT_ONLY" not in policy


@pytest.mark.django_db
def test_the_api_docs_load_their_setup_script_from_a_url_of_their_own(client):
    page = client.get("/api/v1/docs/").content.decode()
    assert '<script src="/api/v1/docs/?script="></script>' in page
    assert "<style" not in page
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


TEMPLATES = Path(settings.BASE_DIR) / "templates"
# WeasyPrint renders the PDF templates, not a browser; emails are text.
NOT_FOR_BROWSERS = ("declarations/pdf/", "emails/")
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "style block": re.compile(r"<style[\s>]", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def browser_templates() -> list[Path]:
    return sorted(
        path
        for path in TEMPLATES.rglob("*")
        if path.suffix in (".html", ".svg")
        and not path.relative_to(TEMPLATES).as_posix().startswith(NOT_FOR_BROWSERS)
    )


def test_no_template_holds_inline_script_or_style():
    found = [
        f"{path.relative_to(TEMPLATES)}: {what}"
        for path in browser_templates()
        for what, pattern in INLINE.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_guard_sees_each_kind_of_inline_code():
    samples = {
        "inline script": "<script>alert(1)</script>",
        "style block": "<style>p {}</style>",
        "style attribute": '<p style="color: red">',
        "event handler attribute": '<form onsubmit="go()">',
        "javascript: URL": '<a href="javascript:go()">',
    }
    for what, sample in samples.items():
        assert INLINE[what].search(sample), what
    assert not INLINE["inline script"].search('<script src="/static/js/x.js" defer></script>')
    assert len(browser_templates()) > 50


@pytest.mark.django_db
def test_a_refused_form_gets_a_page_of_the_portal_without_inline_style(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/products/new/", {"name": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert 'id="csrf-failure"' in page and "<style" not in page
    assert directives(response["Content-Security-Policy"]) == STRICT
