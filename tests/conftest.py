"""The shared cast of users and the guideline every test can lean on.

Alice edits for Acme (a vendor), Sam signs for Acme, Vera only views Acme's
work and Ada administers it. Otto works for Other Corp, another vendor, and must
see nothing of Acme's drafts. Pat buys for a procurer; Root is site staff.
"""

import contextlib
import os
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import caches
from django.core.management import call_command

from declarations.documents.dev_pki import create_dev_pki
from declarations.documents.signing import clear_signing_caches
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
def redis_cache(settings):
    """The default cache in Redis, as in production: the broker's server, another
    database, a prefix of this test's own, so nothing else is touched."""
    broker = settings.CELERY_BROKER_URL
    if not broker.startswith("redis://"):
        require_service("CELERY_BROKER_URL is not a Redis URL")
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.redis_cache.RedisCache",
            "LOCATION": urlsplit(broker)._replace(path="/15").geturl(),
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "TIMEOUT": 120,
        }
    }
    # No clear(): it would empty the database under a test running beside this one.
    return caches["default"]


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
def rival_buyer_org(db):
    return OrganizationFactory(
        kind=Organization.Kind.PROCURER, name_ja="他省", name_en="Another Ministry"
    )


@pytest.fixture
def quinn(rival_buyer_org):
    """A member of another procurer organization: sees the public side only of pat's work."""
    return _member(rival_buyer_org, Role.MEMBER, "quinn@rival.test")


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


# --------------------------------------------------- signing keys


@pytest.fixture(scope="session")
def pki_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("pki")
    create_dev_pki(directory)
    return directory


def use_pki(settings, directory: Path) -> None:
    settings.SIGNING_KEY_FILE = directory / "signing-key.pem"
    settings.SIGNING_CERT_FILE = directory / "signing-cert.pem"
    settings.SIGNING_ROOT_CERT_FILE = directory / "root-ca.pem"
    settings.SIGNING_CERT_FILES = [directory / "signing-cert.pem", directory / "retired-certs"]
    settings.SIGNING_KEY_PASSPHRASE = ""
    # The development PKI's timestamp authority, in-process, and its CRL.
    settings.SIGNING_TSA_URL = ""
    settings.SIGNING_TSA_CERT_FILE = directory / "tsa-cert.pem"
    settings.SIGNING_TSA_KEY_FILE = directory / "tsa-key.pem"
    settings.SIGNING_CRL_FILE = str(directory / "root-ca.crl")
    clear_signing_caches()


@pytest.fixture
def portal_pki(settings, pki_dir) -> Path:
    use_pki(settings, pki_dir)
    yield pki_dir
    clear_signing_caches()


# --------------------------------------------------- attested declarations

ANSWER_TEXT = "開発標準に基づき全リリースで実施し、記録を保管している。"


def answer_everything(declaration, status="conformant") -> None:
    """Answer every statement of the draft, as an editor would through the pages."""
    from declarations.models import Answer

    Answer.objects.filter(declaration=declaration).update(
        status=status,
        explanation=ANSWER_TEXT,
        evidence_links="https://acme.example/security",
        evidence="社内規程 SEC-001",
    )


@pytest.fixture
def complete_draft(acme_draft):
    answer_everything(acme_draft)
    return acme_draft


def attest(declaration, signatory, password="correct horse battery"):
    from declarations.services import attest_declaration

    return attest_declaration(
        declaration=declaration,
        user=signatory,
        password=password,
        signatory_name="署名 三郎",
        signatory_title="代表取締役",
        confirmed=True,
    )


@pytest.fixture
def published(complete_draft, sam, portal_pki):
    """Acme Cloud's Minimum declaration, attested by Sam; its PDF not yet made."""
    return attest(complete_draft, sam)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the seed edition once per test database; tests roll back around it."""
    with django_db_blocker.unblock():
        call_command("loaddata", str(FIXTURE), verbosity=0)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with no rate counted (the cache is local memory in tests)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def eager_celery():
    """Tasks run in-process in tests, even where CI configures a broker.

    The tests that need a real worker use ``real_worker``, which turns this off.
    """
    from portal.celery import app

    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = True


@pytest.fixture
def real_worker(eager_celery, transactional_db):
    """A Celery worker thread over the configured Redis broker (CI), for the test's length."""
    from celery.contrib.testing.worker import start_worker
    from django.conf import settings
    from django.db import connection

    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        require_service("CELERY_BROKER_URL is not a Redis URL")
    if connection.vendor != "postgresql":
        # The worker thread needs its own connection to the same database.
        require_service("a worker thread needs PostgreSQL, not an in-memory SQLite database")
    eager_celery.conf.task_always_eager = False
    with start_worker(eager_celery, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        yield


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language, Japanese.

    LocaleMiddleware activates a request's language on the test's own thread and
    leaves it active, so without this a test would inherit the language of the
    last page an earlier test happened to request. A test that wants English
    says so: an /en/ URL or ``translation.override("en")``.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def drop_broker_connections(app) -> None:
    """Forget the app's connection and producer pools, so that the next publish
    connects to the broker its configuration names now — not to the one an
    earlier test in this process connected to (Celery's own after-fork reset)."""
    app._pool = None
    app.amqp._producer_pool = None


@contextlib.contextmanager
def broker_down(app, settings):
    """Celery publishing to a broker nobody listens on (port 9): delay() fails at once."""
    drop_broker_connections(app)
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:9/0"
    app.conf.broker_connection_retry = False
    app.conf.broker_connection_max_retries = 0
    app.conf.task_publish_retry = False
    try:
        yield
    finally:
        app.conf.broker_url = settings.CELERY_BROKER_URL or None
        app.conf.task_always_eager = True
        drop_broker_connections(app)  # the pools made for the dead broker


# --------------------------------------------------- two-factor authentication


def login_verified(client, user):
    """Sign ``user`` in with a second factor verified in this session, as after giving a
    code: what a signatory needs to attest, withdraw or revoke, and staff for the admin."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from portal.two_factor import PENDING_SESSION_KEY

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.pop(PENDING_SESSION_KEY, None)
    session.save()
    return device
