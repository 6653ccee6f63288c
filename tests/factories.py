import factory

from portal.models import Membership, Organization, Role, User
from portal.validators import corporate_number_check_digit


def _corporate_number(n: int) -> str:
    base = f"{n:012d}"
    return f"{corporate_number_check_digit(base)}{base}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Faker("name", locale="ja_JP")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = Organization.Kind.VENDOR
    name_ja = factory.Sequence(lambda n: f"テスト株式会社{n}")
    name_en = factory.Sequence(lambda n: f"Test Corp {n}")
    corporate_number = factory.Sequence(lambda n: _corporate_number(100000 + n))
    status = Organization.Status.APPROVED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.EDITOR


class ProductFactory(factory.django.DjangoModelFactory):
    """A vendor's product. Declarations are made through the services, not a factory,
    so that each draft has its answer rows exactly as the portal creates them."""

    class Meta:
        model = "declarations.Product"

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"テスト製品{n}")
    version = "1.0"
    kind = "software"
    roles = factory.LazyFunction(lambda: ["developer"])
