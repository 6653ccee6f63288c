"""Helpers for the declaration request tests: a request from pat's organization to Acme."""

from __future__ import annotations

import datetime

from django.utils import timezone

from declarations.services.requests import create_request

IN_30_DAYS = datetime.timedelta(days=30)


def request_from(user, product, *, package_kind="standard", days=30, **fields):
    return create_request(
        user=user,
        corporate_number=product.organization.corporate_number,
        product=product,
        package_kind=package_kind,
        deadline=timezone.localdate() + datetime.timedelta(days=days),
        **fields,
    )
