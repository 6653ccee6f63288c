"""The shared cast of users and the guideline every test can lean on.

Alice edits for Acme (a vendor), Sam signs for Acme, Vera only views Acme's
work and Ada administers it. Otto works for Other Corp, another vendor, and must
see nothing of Acme's drafts. Pat buys for a procurer; Root is site staff.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from guidelines.models import Edition
from portal.models import Organization, Role

from .factories import MembershipFactory, OrganizationFactory, UserFactory

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "guideline_2024_09.json"
PASSWORD = "correct horse battery"


def require_service(reason: str) -> None:
    """Fail when CI demands real services, skip on a plain machine."""
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"required service unavailable: {reason}")
    pytest.skip(reason)


@pytest.fixture
def guideline(db) -> Edition:
    """The seed edition, published, loaded from the shipped fixture."""
    if not Edition.objects.filter(label="2024-09").exists():
        call_command("loaddata", str(FIXTURE), verbosity=0)
    return Edition.objects.get(label="2024-09")


@pytest.fixture
def acme(db):
    return OrganizationFactory(name_ja="アクメ株式会社", name_en="Acme Corp")


@pytest.fixture
def other_corp(db):
    return OrganizationFactory(name_ja="アザー株式会社", name_en="Other Corp")


@pytest.fixture
def buyer_org(db):
    return OrganizationFactory(
        kind=Organization.Kind.PROCURER, name_ja="調達庁", name_en="Procurement Agency"
    )


def _member(org, role, email):
    return MembershipFactory(user=UserFactory(email=email), organization=org, role=role).user


@pytest.fixture
def alice(acme):
    return _member(acme, Role.EDITOR, "alice@acme.test")


@pytest.fixture
def sam(acme):
    return _member(acme, Role.SIGNATORY, "sam@acme.test")


@pytest.fixture
def vera(acme):
    return _member(acme, Role.VIEWER, "vera@acme.test")


@pytest.fixture
def ada(acme):
    return _member(acme, Role.ADMIN, "ada@acme.test")


@pytest.fixture
def otto(other_corp):
    return _member(other_corp, Role.ADMIN, "otto@other.test")


@pytest.fixture
def pat(buyer_org):
    return _member(buyer_org, Role.MEMBER, "pat@buyer.test")


@pytest.fixture
def root(db):
    return UserFactory(email="root@portal.test", is_staff=True, is_superuser=True)


def pytest_collection_modifyitems(config, items):
    # Browser tests last: they are the slowest, and the session-wide Playwright
    # loop they start must not be running while other tests use asyncio.run().
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


# ------------------------------------------------ products and draft declarations


@pytest.fixture
def minimum(guideline):
    return guideline.package_set.get(kind="minimum")


@pytest.fixture
def standard(guideline):
    return guideline.package_set.get(kind="standard")


@pytest.fixture
def acme_product(acme):
    from .factories import ProductFactory

    return ProductFactory(
        organization=acme, name="Acme Cloud", version="3.2", roles=["developer", "operator"]
    )


@pytest.fixture
def acme_draft(acme_product, minimum, alice):
    """A Minimum draft for Acme Cloud, started by Alice, nothing answered yet."""
    from declarations.services import start_declaration

    return start_declaration(product=acme_product, package=minimum, user=alice)
