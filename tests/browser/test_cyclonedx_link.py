"""Anyone takes a declaration's CycloneDX attestation from its registry page."""

import json

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from declarations.models import Declaration

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(live_guideline, portal_pki, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)


def test_a_visitor_follows_the_cyclonedx_link_of_a_registry_page(page, live_server, demo):
    declaration = Declaration.objects.issued().filter(status="published").first()
    page.goto(f"/en/registry/{declaration.serial}/")
    link = page.locator("#cyclonedx-link")
    expect(link).to_have_text("CycloneDX (JSON)")
    with page.expect_response(lambda r: r.url.endswith("/cyclonedx.json")) as response:
        link.click()
    bom = json.loads(response.value.body())
    assert bom["specVersion"] == "1.6"
    props = {p["name"].split(":")[1]: p["value"] for p in bom["metadata"]["properties"]}
    assert props["serial"] == declaration.serial and props["status"] == "in_force"
