"""Issued declarations to read through the API.

``declaration`` is Acme Cloud's Minimum declaration with one answer of each
kind that carries text only the record may show: a gap with its remediation
plan, a statement that does not apply, the rest conformant with evidence.
"""

import datetime

import pytest

from declarations import services
from declarations.models import Answer
from portal.models import Role
from tests.conftest import PASSWORD, answer_everything, attest
from tests.factories import MembershipFactory, OrganizationFactory, ProductFactory

REMEDIATION = "次期リリースで SBOM の自動生成を導入する。"
NOT_APPLICABLE = "本製品は組込み機器を含まないため該当しない。"
EVIDENCE = "社内規程 SEC-001"


@pytest.fixture
def declaration(complete_draft, sam, portal_pki):
    in_package = complete_draft.answers.filter(statement__packages=complete_draft.package)
    answers = list(in_package.order_by("statement__category__number", "statement__position"))
    Answer.objects.filter(pk=answers[0].pk).update(
        status=Answer.Status.PARTIAL,
        remediation_plan=REMEDIATION,
        target_date=datetime.date.today() + datetime.timedelta(days=90),
    )
    Answer.objects.filter(pk=answers[1].pk).update(
        status=Answer.Status.NOT_APPLICABLE, explanation=NOT_APPLICABLE
    )
    return attest(complete_draft, sam)


class Publisher:
    """Publishes declarations for one more vendor, one product each."""

    def __init__(self, package):
        self.package = package
        self.organization = OrganizationFactory()
        self.editor = MembershipFactory(organization=self.organization, role=Role.EDITOR).user
        self.signatory = MembershipFactory(organization=self.organization, role=Role.SIGNATORY).user

    def publish(self, count=1, **product):
        published = []
        for _ in range(count):
            item = ProductFactory(organization=self.organization, **product)
            draft = services.start_declaration(product=item, package=self.package, user=self.editor)
            answer_everything(draft)
            published.append(attest(draft, self.signatory, password=PASSWORD))
        return published


@pytest.fixture
def publisher(minimum, portal_pki):
    return Publisher(minimum)
