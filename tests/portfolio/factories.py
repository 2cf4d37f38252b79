"""Factories for portfolio reports (beside their tests, away from tests/factories.py, which
other branches extend too)."""

import factory

from outsourcing.models import Job
from portfolio.models import PortfolioReport
from portfolio.selectors.figures import SECTION_TITLES
from tests.factories import JobFactory, WorkspaceFactory


class PortfolioReportFactory(factory.django.DjangoModelFactory):
    """A report requested but not generated yet (its job queued)."""

    class Meta:
        model = PortfolioReport

    workspace = factory.SubFactory(WorkspaceFactory)
    job = factory.SubFactory(
        JobFactory,
        workspace=factory.SelfAttribute("..workspace"),
        kind=Job.Kind.PORTFOLIO_REPORT,
        params=factory.LazyFunction(dict),
    )
    sections = factory.LazyFunction(lambda: list(SECTION_TITLES))
