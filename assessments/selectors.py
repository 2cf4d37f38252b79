"""Reads of assessments and weights, always through the workspace."""

from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

import pandas as pd
from django.db.models import QuerySet

from assessments import scoring
from assessments.charts import contributions_chart, option_scores_chart
from assessments.models import FACTOR_FIELDS, Assessment, CriteriaWeights
from outsourcing.models import BusinessFunction, Job, User, Workspace


def workspace_weights(*, workspace: Workspace) -> dict[str, float]:
    """The workspace's criteria weights (fractions summing to 1); product defaults if unset."""
    row = CriteriaWeights.objects.filter(workspace=workspace).first()
    return dict(row.weights) if row else dict(scoring.DEFAULT_WEIGHTS)


def workspace_weights_record(*, workspace: Workspace) -> CriteriaWeights | None:
    return CriteriaWeights.objects.filter(workspace=workspace).select_related("updated_by").first()


@dataclass(frozen=True)
class WeightChange:
    """One change of a workspace's weights: who, when, how, and the weights before and after."""

    changed_at: datetime
    changed_by: User | None
    method_label: str
    consistency_ratio: float | None
    old_weights: dict[str, float]
    new_weights: dict[str, float]


def weight_changes(*, workspace: Workspace, limit: int = 20) -> list[WeightChange]:
    """The workspace's last `limit` weight changes, newest first, in one query.

    Each changed version in the weights' history (django-simple-history) is shown beside the
    version before it; the first version (defaults, or the demo's) is no change of itself.
    """
    versions = list(
        CriteriaWeights.history.filter(workspace=workspace)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[: 2 * limit + 1]
    )
    changes = [
        WeightChange(
            changed_at=version.history_date,
            changed_by=version.history_user,
            method_label=version.get_method_display(),
            consistency_ratio=version.consistency_ratio,
            old_weights=before.weights,
            new_weights=version.weights,
        )
        for version, before in pairwise(versions)
        if version.history_type == "~"
    ]
    return changes[:limit]


def latest_rescore_job(*, workspace: Workspace) -> Job | None:
    """The workspace's most recent re-scoring job, for the weights page to follow."""
    return Job.objects.filter(workspace=workspace, kind=Job.Kind.RESCORE).first()


def function_assessments(*, function: BusinessFunction) -> QuerySet[Assessment]:
    """A function's assessments, newest first, with who made them."""
    return function.assessments.select_related("assessor").order_by("-assessed_at", "-pk")


def latest_assessments(*, workspace: Workspace) -> QuerySet[Assessment]:
    """The current assessment of every function of the workspace that has one."""
    return Assessment.objects.filter(
        pk__in=BusinessFunction.objects.filter(
            workspace=workspace, latest_assessment__isnull=False
        ).values("latest_assessment")
    )


def workspaces_scored_by_older_models() -> QuerySet[Workspace]:
    """Workspaces with a current assessment scored by another model than today's.

    Not scoped to one workspace on purpose: it serves the model-upgrade command, which an
    operator runs for the whole installation.
    """
    outdated = BusinessFunction.objects.filter(latest_assessment__isnull=False).exclude(
        latest_assessment__model_version=scoring.MODEL_VERSION
    )
    return Workspace.objects.filter(pk__in=outdated.values("workspace")).order_by("slug")


@dataclass(frozen=True)
class WeightInterval:
    criterion: str
    label: str
    current: float
    low: float
    high: float

    @property
    def unbounded(self) -> bool:
        return self.low <= 0.0005 and self.high >= 0.9995


@dataclass(frozen=True)
class AssessmentChange:
    assessment: Assessment
    changes: list[tuple[str, int, int]]  # (factor label, before, after)


@dataclass(frozen=True)
class FunctionResult:
    """Everything the function page shows about its current recommendation."""

    latest: Assessment | None
    history: list[AssessmentChange]
    intervals: list[WeightInterval]
    robustness: float | None
    scores_chart: dict | None
    contributions_chart: dict | None


ROBUSTNESS_DRAWS = 1000
ROBUSTNESS_SPREAD = 0.2


def function_result(*, function: BusinessFunction) -> FunctionResult:
    """The function's current result, how it holds when weights move, and its history."""
    assessments = list(function_assessments(function=function)[:50])
    history = [
        AssessmentChange(
            assessment=assessment,
            changes=[
                (scoring.FACTOR_INFO[f].label, getattr(previous, f), getattr(assessment, f))
                for f in FACTOR_FIELDS
                if previous is not None and getattr(previous, f) != getattr(assessment, f)
            ],
        )
        for assessment, previous in zip(assessments, [*assessments[1:], None], strict=False)
    ]
    latest = function.latest_assessment
    if latest is None:
        return FunctionResult(None, history, [], None, None, None)
    weights = latest.weights
    intervals = [
        WeightInterval(
            criterion=key,
            label=scoring.CRITERION_INFO[key].label,
            current=weights[key],
            low=low,
            high=high,
        )
        for key, (low, high) in scoring.weight_intervals(latest.ratings, weights).items()
    ]
    [share] = scoring.robustness(
        pd.DataFrame([latest.ratings]),
        weights,
        spread=ROBUSTNESS_SPREAD,
        draws=ROBUSTNESS_DRAWS,
        seed=latest.pk,
    )
    return FunctionResult(
        latest=latest,
        history=history,
        intervals=intervals,
        robustness=float(share),
        scores_chart=option_scores_chart(latest),
        contributions_chart=contributions_chart(latest),
    )
