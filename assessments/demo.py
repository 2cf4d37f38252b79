"""Demo assessments: the demo functions rated, so the dashboard has something to show.

Idempotent: a function whose current ratings already match the demo's is left alone.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from assessments.models import FACTOR_FIELDS, CriteriaWeights
from assessments.services import assessment_create
from outsourcing.demo.functions import DemoFunction
from outsourcing.models import BusinessFunction, User, Workspace

# Payroll was first rated before the company moved payroll data into its HR suite, which
# made it more sensitive: the demo keeps that older assessment as history.
EARLIER_RATINGS = {"Payroll processing": (1, 4, 5, 2, 2, 2, 2, 2)}

# Northwind weighs control and data more heavily: a hospital's patient data.
NORTHWIND_WEIGHTS = {
    "strategic_value": 0.25,
    "cost": 0.15,
    "task_nature": 0.25,
    "flexibility": 0.05,
    "control": 0.30,
}


def _ratings(values: tuple[int, ...]) -> dict[str, int]:
    return dict(zip(FACTOR_FIELDS, values, strict=True))


@transaction.atomic
def demo_load_assessments(
    loaded: dict[str, list[tuple[BusinessFunction, DemoFunction]]], assessor: User
) -> int:
    """Assess the demo functions that carry ratings; returns how many were (re)assessed."""
    northwind = Workspace.objects.get(slug="northwind")
    CriteriaWeights.objects.get_or_create(
        workspace=northwind,
        defaults={"weights": NORTHWIND_WEIGHTS, "method": CriteriaWeights.Method.DIRECT},
    )
    count = 0
    for pairs in loaded.values():
        for function, demo in pairs:
            if demo.ratings is None:
                continue
            function.refresh_from_db(fields=["latest_assessment"])
            current = function.latest_assessment
            if current is not None and current.ratings == _ratings(demo.ratings):
                continue
            if current is None and demo.name in EARLIER_RATINGS:
                earlier = assessment_create(
                    function=function,
                    ratings=_ratings(EARLIER_RATINGS[demo.name]),
                    assessor=assessor,
                )
                earlier.assessed_at = timezone.now() - timedelta(days=120)
                earlier.save(update_fields=["assessed_at"])
            assessment_create(function=function, ratings=_ratings(demo.ratings), assessor=assessor)
            count += 1
    return count


def demo_step(loaded: dict[str, list[tuple[BusinessFunction, DemoFunction]]]) -> list[str]:
    """The assessments app's part of `load_demo` (registered in AssessmentsConfig.ready)."""
    assessor = User.objects.get(email="editor@sourcewise.example")
    assessed = demo_load_assessments(loaded, assessor=assessor)
    return [f"Assessments: {assessed} added (0 means they were already there)."]
