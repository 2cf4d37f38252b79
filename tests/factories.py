"""factory_boy factories for the whole project: one place to make test data."""

from decimal import Decimal

import factory

from outsourcing.models import (
    BusinessFunction,
    Department,
    Job,
    Membership,
    Role,
    User,
    Workspace,
)

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class WorkspaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workspace
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Client {n}")
    slug = factory.Sequence(lambda n: f"client-{n}")
    country = "DE"
    currency = "EUR"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    workspace = factory.SubFactory(WorkspaceFactory)
    role = Role.EDITOR


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Department {n}")


class BusinessFunctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessFunction

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Function {n}")
    department = factory.SubFactory(
        DepartmentFactory, workspace=factory.SelfAttribute("..workspace")
    )
    description = "Something the company does."
    annual_cost = Decimal("250000.00")
    fte = Decimal("3.5")
    monthly_volume = 1000


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    workspace = factory.SubFactory(WorkspaceFactory)
    kind = Job.Kind.EXPORT_FUNCTIONS
    params = factory.LazyFunction(lambda: {"format": "csv"})


# Assessments -------------------------------------------------------------------------

# Canonical ratings from docs/domain.md, in factor order.
PAYROLL = (1, 4, 5, 2, 2, 2, 3, 2)  # BPO
MARKET_RESEARCH = (3, 3, 2, 5, 2, 3, 2, 4)  # KPO
IT_HELPDESK = (1, 4, 4, 2, 5, 2, 2, 3)  # ITO
CORE_STRATEGY = (5, 1, 1, 5, 2, 5, 5, 1)  # in-house

# Criteria weights far from the defaults, to tell which weights an assessment was scored with.
COST_HEAVY_WEIGHTS = {
    "strategic_value": 0.05,
    "cost": 0.55,
    "task_nature": 0.1,
    "flexibility": 0.1,
    "control": 0.2,
}


def ratings_of(values) -> dict[str, int]:
    from assessments.models import FACTOR_FIELDS

    return dict(zip(FACTOR_FIELDS, values, strict=True))


def assess(function, values=PAYROLL, assessor=None):
    """Assess `function` through the real service (the engine scores it)."""
    from assessments.services import assessment_create

    return assessment_create(function=function, ratings=ratings_of(values), assessor=assessor)
