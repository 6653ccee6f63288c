"""Every URL of the project × every role: the expected status, written down.

The test walks the URL resolver, so a view added later without a row in RULES
fails here until someone decides who may reach it. Kwargs are filled by name
from one small world: Acme's draft and published declarations, its product,
a membership and an invitation.

Sam (the signatory) and Root (site staff) sign in with a second factor verified
in the session, as they would. ``sam-no-2fa`` and ``root-no-2fa`` are the same
people without it: they get what Sam and Root get, except that every URL of
``SECOND_FACTOR_URLS`` that would let them act sends them to set a second factor
up instead (``TWO_FACTOR``) — and no other URL does.

Statuses: 200 shown; 302 redirected (for anonymous users: to the login page);
403 a member whose role may not do it; 404 someone with no business knowing
it exists; 405 wrong method (POST-only acts are tried with POST); 400/410 a
bad or used token. The Django admin has its own permission system: only its
index is checked here.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp_webauthn.models import WebAuthnCredential

from declarations.models import Declaration, Watch
from declarations.services.reviews import open_thread
from guidelines.services import start_draft_from
from portal.models import Invitation, Membership

from .conftest import answer_everything, attest, login_verified
from .factories import ProductFactory, UserFactory

ROLES = ["anon", "vera", "alice", "sam", "ada", "otto", "pat", "quinn", "root"]
LOGIN = "login"  # a 302 to the login page
TWO_FACTOR = "two-factor"  # a 302 to setting up a second factor, and back
# The same people as sam and root, signed in without a verified second factor.
UNVERIFIED = {"sam-no-2fa": "sam", "root-no-2fa": "root"}
# What a stolen password alone must not do (declarations.access.SECOND_FACTOR_ACTS
# and the admin site).
SECOND_FACTOR_URLS = {
    "declarations:attest",
    "declarations:withdraw",
    "declarations:revoke",
    "admin:index",
}

# Shorthands for the common shapes of a row.
PUBLIC = dict.fromkeys(ROLES, 200)


def expected_for(row: dict, role: str, name: str = ""):
    """Quinn, of another procurer organization, gets what Pat gets unless a row says
    otherwise: only what is private to Pat's organization tells them apart."""
    if role in UNVERIFIED and role in row:
        return row[role]
    if role in UNVERIFIED:
        verified = expected_for(row, UNVERIFIED[role], name)
        # Every guarded URL is a page (GET) that the verified person may open.
        return TWO_FACTOR if name in SECOND_FACTOR_URLS and verified == 200 else verified
    if role == "quinn" and "quinn" not in row:
        return row["pat"]
    return row[role]


def signed_in(status_for_members, **overrides):
    row = dict.fromkeys((role for role in ROLES if role != "quinn"), status_for_members)
    row["anon"] = LOGIN
    row.update(overrides)
    # Quinn, of another procurer organization, is a procurer like pat unless told.
    row["quinn"] = overrides.get("quinn", row["pat"])
    return row


def acme_only(*, read=200, write=None, attest=None, outsiders=404, **overrides):
    """Acme's members read; ``write`` roles (alice, ada) and ``attest`` (sam) may act."""
    row = {"anon": LOGIN, "otto": outsiders, "pat": outsiders, "root": outsiders}
    for role in ("vera", "alice", "sam", "ada"):
        row[role] = read
    allowed = overrides.pop("allowed", 200)
    for role in write or ():
        row[role] = allowed
    row.update(overrides)
    row["quinn"] = overrides.get("quinn", row["pat"])
    return row


def NO_2FA(status):  # noqa: N802 - reads as a row's part, like the constants around it
    """What Sam and Root get without a second factor, where it differs from with one."""
    return dict.fromkeys(UNVERIFIED, status)


WRITERS = ("alice", "ada")
W_READONLY = {"vera": 403, "sam": 403}
READERS_403 = {"pat": 403, "root": 403}
POST = "post"
DRAFT_LABEL = "2026-01-draft"

# name: (method, {role: status}, which objects)
RULES: dict[str, tuple[str, dict, str]] = {
    # Public
    "home": ("get", PUBLIC, ""),
    "accessibility": ("get", PUBLIC, ""),
    "health": ("get", PUBLIC, ""),
    "guidelines:latest": ("get", PUBLIC, ""),
    "guidelines:edition": ("get", PUBLIC, ""),
    "guidelines:statement": ("get", PUBLIC, ""),
    "guidelines:crosswalk": ("get", PUBLIC, ""),
    # A draft edition's preview: site staff with a second factor, as in the admin.
    "guidelines:preview": ("get", {**dict.fromkeys(ROLES, 404), "root": 200, **NO_2FA(404)}, ""),
    "guidelines:statement_preview": (
        "get",
        {**dict.fromkeys(ROLES, 404), "root": 200, **NO_2FA(404)},
        "",
    ),
    "guidelines_api:api_latest": ("get", PUBLIC, ""),
    "guidelines_api:api_edition": ("get", PUBLIC, ""),
    "guidelines_api:api_oscal_catalog": ("get", PUBLIC, ""),
    "guidelines_api:api_oscal_profile": ("get", PUBLIC, ""),
    "api_schema": ("get", PUBLIC, ""),
    "api_docs": ("get", PUBLIC, ""),
    "api:declaration_list": ("get", PUBLIC, ""),
    "api:declaration_detail": ("get", PUBLIC, "published"),
    "verification:verify": ("get", PUBLIC, ""),
    "verification:certificate": ("get", PUBLIC, ""),
    "verification:root_certificate": ("get", PUBLIC, ""),
    "verification:signing_certificate": ("get", PUBLIC, ""),
    "verification:crl": ("get", PUBLIC, ""),
    "verification:serial": ("get", PUBLIC, "published"),
    # The registry is public; who also sees the answers: declarations/test_registry_summary.py
    "declarations:registry": ("get", PUBLIC, ""),
    "declarations:registry_export": ("get", PUBLIC, ""),
    "declarations:registry_summary": ("get", PUBLIC, "published"),
    "declarations:registry_badge": ("get", PUBLIC, "published"),
    "declarations:registry_cyclonedx": ("get", PUBLIC, "published"),
    "api:verify_serial": ("get", PUBLIC, "published"),
    # Comparing is as public as the registry; an empty selection explains itself.
    "declarations:compare": ("get", PUBLIC, ""),
    "declarations:compare_export": ("get", dict.fromkeys(ROLES, 400), ""),  # nothing chosen
    # Watching: anyone signed in; one's own watches only; the unsubscribe link needs no login.
    "declarations:watch": (POST, signed_in(302), "published"),
    "declarations:watch_list": ("get", signed_in(200), ""),
    "declarations:unwatch": (POST, {**signed_in(404), "pat": 302}, ""),  # pat's watch
    "declarations:unsubscribe": ("get", dict.fromkeys(ROLES, 400), ""),  # not a signed token
    "api:verify_upload": (POST, dict.fromkeys(ROLES, 400), ""),  # no file
    # Accounts
    "login": ("get", PUBLIC, ""),
    "logout": ("post", dict.fromkeys(ROLES, 302), ""),
    "password_change": ("get", signed_in(200), ""),
    "password_change_done": ("get", signed_in(200), ""),
    "password_reset": ("get", PUBLIC, ""),
    "accounts:password_reset": ("get", PUBLIC, ""),
    "password_reset_done": ("get", PUBLIC, ""),
    "password_reset_confirm": ("get", PUBLIC, ""),
    "password_reset_complete": ("get", PUBLIC, ""),
    "accounts:signup": ("get", {**dict.fromkeys(ROLES, 302), "anon": 200}, ""),
    "accounts:signup_done": ("get", PUBLIC, ""),
    "accounts:confirm_resend": ("get", PUBLIC, ""),
    "accounts:confirm": ("get", dict.fromkeys(ROLES, 400), ""),
    "accounts:welcome": ("get", signed_in(200), ""),
    "accounts:landing": ("get", signed_in(302), ""),
    "accounts:profile": ("get", signed_in(200), ""),
    "accounts:organization_create": ("get", signed_in(200), ""),
    "accounts:invitation": ("get", PUBLIC, ""),
    "accounts:members": ("get", acme_only(), ""),
    "accounts:invite": ("get", acme_only(write=("ada",), vera=403, alice=403, sam=403), ""),
    "accounts:member_role": (POST, acme_only(read=403, write=("ada",), allowed=302), ""),
    "accounts:member_remove": (POST, acme_only(read=403, write=("ada",), allowed=302), ""),
    "accounts:invitation_cancel": (POST, acme_only(read=403, write=("ada",), allowed=302), ""),
    # Two-factor authentication: anyone signed in sets it up. Sam and Root have it (the
    # setup page sends them back, the code page and removal are theirs); the others have
    # none yet, so the code page sends them to set it up, and there are no codes to show.
    "accounts:two_factor": ("get", signed_in(200), ""),
    "accounts:two_factor_setup": ("get", {**signed_in(200, sam=302, root=302), **NO_2FA(200)}, ""),
    "accounts:two_factor_qr": ("get", signed_in(404), ""),  # no setup started
    "accounts:two_factor_verify": (
        "get",
        {**signed_in(302, sam=200, root=200), **NO_2FA(302)},
        "",
    ),
    "accounts:two_factor_codes": ("get", signed_in(302), ""),
    "accounts:two_factor_codes_download": ("get", signed_in(302), ""),
    "accounts:two_factor_codes_regenerate": (POST, signed_in(302), ""),
    "accounts:two_factor_remove": ("get", {**signed_in(302, sam=200, root=200), **NO_2FA(302)}, ""),
    # Security keys: the script's JSON requests, tried without a body (a name is needed
    # to register; nobody here has a key to use, nor a challenge under way). A key can be
    # removed by its owner only, someone outside the roles here: 404 for everyone else.
    "accounts:two_factor_key_register_begin": (POST, signed_in(400), ""),
    "accounts:two_factor_key_register_complete": (POST, signed_in(400), ""),
    "accounts:two_factor_key_verify_begin": (POST, signed_in(400), ""),
    "accounts:two_factor_key_verify_complete": (POST, signed_in(400), ""),
    "accounts:two_factor_key_remove": ("get", signed_in(404), ""),
    # Products
    "declarations:product_list": ("get", signed_in(200, pat=404, root=404), ""),
    "declarations:product_create": (
        "get",
        signed_in(200, vera=403, sam=403, pat=404, root=404),
        "",
    ),
    "declarations:product_detail": ("get", acme_only(), ""),
    "declarations:product_edit": ("get", acme_only(write=WRITERS, **W_READONLY), ""),
    "declarations:product_archive": (
        POST,
        acme_only(read=403, write=WRITERS, allowed=302),
        "",
    ),
    "declarations:product_unarchive": (
        POST,
        acme_only(read=403, write=WRITERS, allowed=302),
        "",
    ),
    "declarations:declaration_start": ("get", acme_only(write=WRITERS, **W_READONLY), ""),
    # Drafts: never visible outside the vendor
    "declarations:declaration_list": ("get", signed_in(200, pat=404, root=404), ""),
    "declarations:declaration_detail": ("get", acme_only(), "draft"),
    "declarations:declaration_answer": ("get", acme_only(), "draft"),
    "declarations:declaration_package": (
        POST,
        acme_only(read=403, write=WRITERS, allowed=302),
        "draft",
    ),
    "declarations:declaration_language": (
        POST,
        acme_only(read=403, write=WRITERS, allowed=302),
        "draft",
    ),
    "declarations:declaration_review": ("get", acme_only(), "draft"),
    "declarations:declaration_delete": ("get", acme_only(write=WRITERS, **W_READONLY), "draft"),
    "declarations:attest": (
        "get",
        acme_only(read=403, write=("sam",), allowed=200),
        "draft",
    ),
    # Published declarations: procurers and site staff may read them, so an act
    # that is not theirs is a 403 (another vendor still gets 404).
    "declarations:withdraw": (
        "get",
        acme_only(read=403, write=("sam",), allowed=200, **READERS_403),
        "published",
    ),
    "declarations:revoke": (
        "get",
        # Another vendor has no business with Acme's declaration pages at all.
        {**dict.fromkeys(ROLES, 403), "anon": LOGIN, "otto": 404, "root": 200},
        "published",
    ),
    "declarations:renew": (
        POST,
        acme_only(read=302, vera=403, **READERS_403),
        "published",
    ),
    # The signed PDF: whoever may read the answers (access.may_read_answers); anyone
    # else gets a page saying who may and where to verify a copy (403, never bare).
    "declarations:pdf": ("get", acme_only(pat=200, root=200, anon=403), "published"),
    "declarations:registry_pdf": ("get", {**PUBLIC, "anon": 403, "otto": 403}, "published"),
    "declarations:pdf_status": ("get", acme_only(pat=200, root=200), "published"),
    # Site staff retry too: they are the ones told when a PDF keeps failing.
    "declarations:pdf_retry": (
        POST,
        acme_only(read=302, vera=403, pat=403, root=302),
        "published",
    ),
    # Review threads: private to the vendor and the procurer organization that opened
    # them (pat's); any approved procurer may open one of their own (quinn too); the
    # vendor's members read and, but viewers, reply; staff read; only pat resolves.
    "declarations:thread_start": (
        "get",
        acme_only(read=403, quinn=200, pat=200, root=403),
        "published",
    ),
    "declarations:thread_list": ("get", signed_in(404, pat=200, quinn=200), ""),
    "declarations:thread_detail": ("get", acme_only(pat=200, quinn=404, root=200), "thread"),
    "declarations:thread_reply": (
        POST,
        # An empty message: the page comes back with the form's errors.
        acme_only(vera=403, pat=200, quinn=404, root=403),
        "thread",
    ),
    "declarations:thread_resolve": (
        POST,
        acme_only(read=403, pat=302, quinn=404, root=403),
        "thread",
    ),
    "declarations:thread_reopen": (
        POST,
        acme_only(read=403, pat=302, quinn=404, root=403),
        "thread",
    ),
    # Declaration requests: pat's organization asked Acme. Acme's admins and
    # signatories answer, its editors and viewers read; quinn (another procurer),
    # otto (another vendor) and site staff learn nothing of it.
    "declarations:request_list": ("get", signed_in(404, pat=200, quinn=200), ""),
    "declarations:request_incoming": ("get", signed_in(200, pat=404, quinn=404, root=404), ""),
    "declarations:request_create": ("get", signed_in(404, pat=200, quinn=200), ""),
    # A procurer organization's self-check against the customer category: every
    # member of an approved procurer organization opens their own organization's
    # (quinn sees another ministry's, never pat's); vendors and site staff have
    # no business with it: 404, like anything private to an organization.
    "declarations:self_check": ("get", signed_in(404, pat=200, quinn=200), ""),
    "declarations:request_detail": ("get", acme_only(pat=200, quinn=404), "request"),
    "declarations:request_accept": (
        POST,
        acme_only(read=403, write=("ada", "sam"), allowed=302, pat=403, quinn=404),
        "request",
    ),
    "declarations:request_decline": (
        "get",
        acme_only(read=403, write=("ada", "sam"), pat=403, quinn=404),
        "request",
    ),
    "declarations:request_start": (
        "get",
        acme_only(read=403, write=("ada", "sam"), pat=403, quinn=404),
        "request",
    ),
    # The admin checks staff status itself
    "admin:index": ("get", {**dict.fromkeys(ROLES, 302), "root": 200}, ""),
}


def all_url_names() -> list[tuple[str, URLPattern]]:
    found = []

    def walk(resolver, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = entry.namespace or namespace
                if namespace and entry.namespace:
                    inner = f"{namespace}:{entry.namespace}"
                walk(entry, inner)
            elif entry.name:
                found.append((f"{namespace}:{entry.name}" if namespace else entry.name, entry))

    walk(get_resolver(), None)
    return found


def test_every_act_that_commits_needs_a_second_factor():
    """A new URL to attest, withdraw or revoke must be guarded (and listed above)."""
    acts = ("attest", "withdraw", "revoke")
    names = {name for name, _ in all_url_names() if any(act in name for act in acts)}
    assert names <= SECOND_FACTOR_URLS, sorted(names - SECOND_FACTOR_URLS)


def test_every_url_has_a_rule():
    names = {name for name, _ in all_url_names() if not name.startswith("admin:")}
    missing = names - RULES.keys()
    assert not missing, f"URLs without a row in the permission matrix: {sorted(missing)}"
    stale = RULES.keys() - names - {"admin:index"}
    assert not stale, f"Rows for URLs that no longer exist: {sorted(stale)}"


@pytest.fixture
def world(
    guideline,
    acme_draft,
    vera,
    alice,
    sam,
    ada,
    otto,
    pat,
    quinn,
    root,
    portal_pki,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    product = ProductFactory(organization=acme_draft.organization, name="Acme Edge")
    from declarations.services import start_declaration

    draft = start_declaration(product=product, package=acme_draft.package, user=alice)
    answer_everything(draft)
    published = attest(draft, sam)
    # A stored PDF for the download rows; the PDF itself is tested elsewhere.
    published.pdf_file.save("matrix.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"), save=False)
    Declaration.objects.filter(pk=published.pk).update(
        pdf_state=Declaration.PdfState.READY, pdf_file=published.pdf_file.name
    )
    invitation = Invitation.objects.create(
        organization=acme_draft.organization, email="new@acme.test", role="editor", invited_by=ada
    )
    thread = open_thread(
        declaration=published,
        user=pat,
        kind="question",
        subject="SBOM の提供範囲",
        body="SBOM は顧客に提供されますか。",
    )
    from declarations.services.requests import create_request

    declaration_request = create_request(
        user=pat,
        corporate_number=acme_draft.organization.corporate_number,
        product=acme_draft.product,
        package_kind="standard",
        deadline=datetime.date.today() + datetime.timedelta(days=30),
    )
    users = {
        "quinn": quinn,
        "vera": vera,
        "alice": alice,
        "sam": sam,
        "ada": ada,
        "otto": otto,
        "pat": pat,
        "root": root,
    }
    watch = Watch.objects.create(user=pat, product=product)
    start_draft_from(edition=guideline, label=DRAFT_LABEL)
    key = WebAuthnCredential.objects.create(
        user=UserFactory(email="keyholder@acme.test"),
        name="YubiKey",
        credential_id=b"matrix",
        public_key=b"",
        confirmed=True,
    )
    return {
        "users": users,
        "key": key,
        "watch": watch,
        "draft": acme_draft,
        "published": published,
        "product": product,
        "membership": Membership.objects.get(user=vera),
        "invitation": invitation,
        "thread": thread,
        "request": declaration_request,
    }


def kwargs_for(pattern: URLPattern, world: dict, which: str) -> dict:
    declaration = world[{"thread": "published", "": "draft", "request": "draft"}.get(which, which)]
    values = {
        "request_pk": world["request"].pk,
        "declaration_pk": declaration.pk,
        "product_pk": world["product"].pk,
        "category_number": 1,
        "organization_pk": world["draft"].organization_id,
        "membership_pk": world["membership"].pk,
        "invitation_pk": world["invitation"].pk,
        "label": "2024-09",
        "draft_label": DRAFT_LABEL,
        "slug": "1-2",
        "kind": "minimum",
        "serial": world["published"].serial,
        "uidb64": "MQ",
        "token": world["invitation"].token,
        "thread_pk": world["thread"].pk,
        "watch_pk": world["watch"].pk,
        "key_pk": world["key"].pk,
    }
    names = pattern.pattern.converters.keys()
    return {name: values[name] for name in names}


def cases():
    patterns = dict(all_url_names())
    for name, (method, row, which) in RULES.items():
        for role in [*ROLES, *UNVERIFIED]:
            yield pytest.param(
                name,
                patterns.get(name),
                method,
                expected_for(row, role, name),
                which,
                role,
                id=f"{name}-{role}",
            )


@pytest.mark.parametrize("name,pattern,method,expected,which,role", cases())
def test_role_gets_the_expected_status(client, world, name, pattern, method, expected, which, role):
    if role in ("sam", "root"):
        login_verified(client, world["users"][role])
    elif role in UNVERIFIED:
        client.force_login(world["users"][UNVERIFIED[role]])
    elif role != "anon":
        client.force_login(world["users"][role])
    kwargs = kwargs_for(pattern, world, which) if pattern is not None else {}
    if name == "accounts:confirm":
        kwargs["token"] = "not-a-valid-token"
    url = reverse(name, kwargs=kwargs or None)
    response = client.post(url) if method == POST else client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302, (url, response.status_code)
        assert "/accounts/login/" in response["Location"], response["Location"]
    elif expected == TWO_FACTOR:
        assert response.status_code == 302, (url, role, response.status_code)
        if response["Location"].startswith("/admin/login/"):  # the admin's own hop first
            response = client.get(response["Location"])
        assert response["Location"].startswith("/accounts/two-factor/setup/?next="), response[
            "Location"
        ]
    else:
        assert response.status_code == expected, (url, role, response.status_code)
