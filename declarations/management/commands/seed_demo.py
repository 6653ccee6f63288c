"""Loads the seed guideline edition and demo accounts; safe to run again."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction

from declarations.demo import (
    DEMOS,
    People,
    seed_demo_declaration,
    seed_published,
    seed_ready_draft,
    seed_requests,
    seed_review_threads,
    seed_watch,
)
from guidelines.models import Edition
from portal.models import Membership, Organization, Role, User
from portal.two_factor import demo_secret, ensure_demo_authenticator, secret_for_humans

SEED_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "guideline_2024_09.json"
SEED_EDITION = "2024-09"
# The demo accounts' password, in the README.
DEMO_PASSWORD = "demo-portal-2024"  # nosec B105

DEMO_ORGANIZATIONS = {
    "vendor": dict(
        kind=Organization.Kind.VENDOR,
        name_ja="株式会社デモソフトウェア",
        name_en="Demo Software Co., Ltd.",
        corporate_number="6010001000001",
        address="東京都千代田区霞が関1-1-1",
        contact_email="psirt@demo-software.example",
        website="https://demo-software.example",
    ),
    "control": dict(
        kind=Organization.Kind.VENDOR,
        name_ja="株式会社サンプル制御システムズ",
        name_en="Sample Control Systems Co., Ltd.",
        corporate_number="4010001000003",
        address="大阪府大阪市北区1-2-3",
        contact_email="security@control-systems.example",
        website="https://control-systems.example",
    ),
    "procurer": dict(
        kind=Organization.Kind.PROCURER,
        name_ja="デモ重要インフラ株式会社",
        name_en="Demo Critical Infrastructure Inc.",
        corporate_number="5010001000002",
        address="東京都港区1-2-3",
        contact_email="procurement@demo-ci.example",
    ),
}

DEMO_USERS = [
    # email, full name, organization key, role
    ("editor@demo.example", "編集 花子", "vendor", Role.EDITOR),
    ("vendor-admin@demo.example", "管理 一郎", "vendor", Role.ADMIN),
    ("signatory@demo.example", "署名 太郎", "vendor", Role.SIGNATORY),
    # Requests declarations from the vendor: one open, one fulfilled (/requests/).
    ("procurer@demo.example", "調達 次郎", "procurer", Role.MEMBER),
    ("control-editor@demo.example", "技術 三郎", "control", Role.EDITOR),
    ("control-signatory@demo.example", "代表 四郎", "control", Role.SIGNATORY),
]
# Attesting, withdrawing, revoking and the admin need a second factor: these
# accounts get an authenticator with a known secret (manage.py demo_otp_code EMAIL).
DEMO_TWO_FACTOR = [
    "signatory@demo.example",
    "control-signatory@demo.example",
    "admin@demo.example",
]
# Who drafts and who attests the published demo declarations of each vendor.
DEMO_VENDORS = {
    "vendor": ("editor@demo.example", "signatory@demo.example"),
    "control": ("control-editor@demo.example", "control-signatory@demo.example"),
}


class Command(BaseCommand):
    help = "Load the seed guideline edition and create demo organizations and users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-users", action="store_true", help="Load the guideline only, no demo accounts."
        )

    @transaction.atomic
    def handle(self, *args, no_users: bool = False, **options):
        if not Edition.objects.filter(label=SEED_EDITION).exists():
            call_command("loaddata", str(SEED_FIXTURE), verbosity=0)
            self.stdout.write(f"Loaded guideline edition {SEED_EDITION}.")
        if no_users:
            return
        # The demo publishes declarations, whose PDFs are signed: without a key
        # every one of them would fail, quietly, in the worker.
        missing = [
            path
            for path in (settings.SIGNING_KEY_FILE, settings.SIGNING_CERT_FILE)
            if not Path(path).exists()
        ]
        if missing:
            raise CommandError(
                f"No signing key at {missing[0]}: run `manage.py create_dev_signing_key` "
                "first (`make run` does), or point SIGNING_KEY_FILE and SIGNING_CERT_FILE "
                "at the portal's key."
            )
        organizations = {
            key: Organization.objects.get_or_create(
                corporate_number=fields["corporate_number"],
                defaults={**fields, "status": Organization.Status.APPROVED},
            )[0]
            for key, fields in DEMO_ORGANIZATIONS.items()
        }
        rows = []
        for email, name, org_key, role in DEMO_USERS:
            user = self._user(email, full_name=name)
            Membership.objects.get_or_create(
                user=user, organization=organizations[org_key], defaults={"role": role}
            )
            rows.append((email, f"{organizations[org_key].name_ja} / {role.label}"))
        site_admin = self._user(
            "admin@demo.example", full_name="管理 者", is_staff=True, is_superuser=True
        )
        rows.append(("admin@demo.example", "site admin (/admin/)"))
        for email in DEMO_TWO_FACTOR:
            ensure_demo_authenticator(user=User.objects.get(email=email))

        editor = User.objects.get(email="editor@demo.example")
        for seed in (seed_demo_declaration, seed_ready_draft):
            draft = seed(organization=organizations["vendor"], editor=editor)
            if draft is not None:
                self.stdout.write(
                    f"Demo declaration: {draft.product} ({draft.get_status_display()})."
                )

        for key, (editor_email, signatory_email) in DEMO_VENDORS.items():
            people = People(
                editor=User.objects.get(email=editor_email),
                signatory=User.objects.get(email=signatory_email),
                password=DEMO_PASSWORD,
                site_admin=site_admin,
            )
            for declaration in seed_published(
                organization=organizations[key], demos=DEMOS[key], people=people
            ):
                self.stdout.write(
                    f"Published demo declaration {declaration.serial}: {declaration.product} "
                    f"({declaration.get_status_display()})."
                )

        for thread in seed_review_threads(
            procurer=User.objects.get(email="procurer@demo.example"),
            vendor_members={
                "PLC 監視エージェント": User.objects.get(email="control-editor@demo.example")
            },
        ):
            self.stdout.write(
                f"Demo review thread: {thread.subject} ({thread.get_state_display()})."
            )

        for made in seed_requests(
            procurer=User.objects.get(email="procurer@demo.example"),
            vendor=organizations["vendor"],
            vendor_admin=User.objects.get(email="vendor-admin@demo.example"),
        ):
            self.stdout.write(
                f"Demo declaration request: {made.product_label} ({made.get_status_display()})."
            )

        procurer = User.objects.get(email="procurer@demo.example")
        if seed_watch(user=procurer, organization=organizations["vendor"]) is not None:
            self.stdout.write(f"{procurer.email} watches {organizations['vendor'].name_ja}.")

        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD}):"))
        for email, what in rows:
            self.stdout.write(f"  {email:<32} {what}")
        self.stdout.write(
            "Two-factor codes for " + ", ".join(DEMO_TWO_FACTOR) + ": "
            ".venv/bin/python manage.py demo_otp_code EMAIL (or add the key to an app:"
        )
        for email in DEMO_TWO_FACTOR:
            self.stdout.write(f"  {email:<32} {secret_for_humans(demo_secret(email))}")
        self.stdout.write(")")

    def _user(self, email: str, **fields) -> User:
        user, created = User.objects.get_or_create(email=email, defaults=fields)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user
