"""Published declarations for the registry's tests, made through the services."""

from declarations import services
from portal.models import Role
from tests.conftest import PASSWORD, answer_everything, attest
from tests.factories import MembershipFactory, ProductFactory, UserFactory


def vendor_people(organization):
    """An editor and a signatory of ``organization`` (made once, then found again)."""
    people = {}
    for role in (Role.EDITOR, Role.SIGNATORY):
        membership = organization.memberships.filter(role=role).select_related("user").first()
        if membership is None:
            membership = MembershipFactory(organization=organization, role=role, user=UserFactory())
        people[role] = membership.user
    return people[Role.EDITOR], people[Role.SIGNATORY]


def publish(organization, product_name, package, *, version="1.0", status="conformant", **fields):
    """A product of ``organization`` and its declaration against ``package``, attested."""
    editor, signatory = vendor_people(organization)
    product = ProductFactory(
        organization=organization, name=product_name, version=version, **fields
    )
    draft = services.start_declaration(product=product, package=package, user=editor)
    answer_everything(draft, status=status)
    return attest(draft, signatory, password=PASSWORD)


def renew_and_attest(declaration):
    """The next declaration for the same product; the old one becomes superseded."""
    editor, signatory = vendor_people(declaration.organization)
    draft = services.renew_declaration(declaration=declaration, user=editor)
    return attest(draft, signatory, password=PASSWORD)
