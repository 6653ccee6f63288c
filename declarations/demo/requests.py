"""Demo declaration requests from the demo procurer: one open, one fulfilled.

The open one asks for the half-answered cloud draft, which the vendor's admin
has taken up, so the procurer sees its progress; the fulfilled one asks for
the authentication gateway, whose Standard declaration in force fulfils it at
once. Made through the services, once: a procurer with requests is left alone.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from guidelines.models import Package
from portal.models import Organization, User

from ..models import DeclarationRequest, Product
from ..services.requests import create_request, start_draft_for_request

OPEN_PRODUCT = "デモ業務クラウド"
FULFILLED_PRODUCT = "デモ認証ゲートウェイ"


def seed_requests(
    *, procurer: User, vendor: Organization, vendor_admin: User
) -> list[DeclarationRequest]:
    if DeclarationRequest.objects.filter(requested_by=procurer).exists():
        return []
    products = {p.name: p for p in Product.objects.filter(organization=vendor)}
    if OPEN_PRODUCT not in products or FULFILLED_PRODUCT not in products:
        return []
    today = timezone.localdate()
    waiting = create_request(
        user=procurer,
        corporate_number=vendor.corporate_number,
        product=products[OPEN_PRODUCT],
        package_kind=Package.Kind.STANDARD,
        deadline=today + datetime.timedelta(days=45),
        reference="DCI-2026-014",
        note="次期業務システム調達の評価資料として、標準要求パッケージでの宣言をお願いします。",
    )
    waiting = start_draft_for_request(
        declaration_request=waiting, user=vendor_admin, product=products[OPEN_PRODUCT]
    )
    fulfilled = create_request(
        user=procurer,
        corporate_number=vendor.corporate_number,
        product=products[FULFILLED_PRODUCT],
        package_kind=Package.Kind.STANDARD,
        deadline=today + datetime.timedelta(days=30),
        reference="DCI-2026-009",
    )
    return [waiting, fulfilled]
