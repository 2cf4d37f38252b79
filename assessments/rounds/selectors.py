"""Reads of assessment rounds, always through the workspace, and the group's result."""

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from assessments.judgements import criterion_pairs
from assessments.rounds import aggregate
from assessments.rounds.models import AssessmentRound, RoundRating, WeightsJudgement, WeightsRound
from assessments.scoring import (
    CRITERIA,
    CRITERION_INFO,
    FACTOR_INFO,
    FACTORS,
    aggregate_judgements,
    ahp_from_upper_triangle,
    ahp_priorities,
)
from assessments.selectors import workspace_weights
from assessments.services import score_ratings
from outsourcing.models import BusinessFunction, Recommendation, User, Workspace

#: Saaty's scale runs to 9: the most lopsided priorities AHP-OS's consensus allows for.
AHP_SCALE_MAX = 9


def rounds_of_workspace(*, workspace: Workspace) -> QuerySet[AssessmentRound]:
    """The workspace's rounds, newest first, with how many were invited and have rated."""
    return (
        AssessmentRound.objects.filter(function__workspace=workspace)
        .select_related("function", "opened_by")
        .annotate(
            invited=Count("ratings"),
            submitted=Count("ratings", filter=Q(ratings__submitted_at__isnull=False)),
        )
        .order_by("-opened_at", "-pk")
    )


def rounds_of_function(*, function: BusinessFunction) -> list[AssessmentRound]:
    """The function's rounds, newest first (the function is already the workspace's)."""
    return list(AssessmentRound.objects.filter(function=function)[:10])


def round_get(*, workspace: Workspace, pk: int) -> AssessmentRound:
    """One round of the workspace, or 404."""
    return get_object_or_404(
        AssessmentRound.objects.select_related(
            "function__workspace", "opened_by", "closed_by", "applied_assessment"
        ),
        function__workspace=workspace,
        pk=pk,
    )


def round_invitations(*, round: AssessmentRound) -> list[RoundRating]:
    return list(round.ratings.select_related("assessor").order_by("assessor__email"))


def round_ratings_visible_to(*, round: AssessmentRound, user: User) -> bool:
    """Whether `user` may see the others' ratings: an invited member only once they have
    submitted theirs (so nobody anchors on the others), anyone else in the workspace always."""
    own = round.ratings.filter(assessor=user).first()
    return own is None or own.submitted


@dataclass(frozen=True)
class AssessorOutcome:
    """What one assessor's own ratings would recommend, beside the group's call."""

    assessor_name: str
    ratings: dict[str, int]
    recommendation: str
    recommendation_label: str
    margin: float
    differs: bool


@dataclass(frozen=True)
class FactorRow:
    factor: str
    label: str
    spread: aggregate.FactorSpread
    stand_out_names: tuple[str, ...]


@dataclass(frozen=True)
class RoundResult:
    """The group's result: mean ratings, the engine's call on them, spread and consensus."""

    group_ratings: dict[str, int]  # the whole ratings the engine scored
    scored: dict  # the assessment result fields of the group's ratings
    factors: list[FactorRow]
    consensus: float
    consensus_band: str
    assessors: list[AssessorOutcome]

    @property
    def single_assessor(self) -> bool:
        return len(self.assessors) == 1

    @property
    def recommendation_label(self) -> str:
        return _label(self.scored["recommendation"])


def _label(code: str) -> str:
    """The words for a call (BPO … Keep in-house, or no clear call)."""
    return Recommendation(code).label if code in Recommendation.values else code


def _name(user: User) -> str:
    return user.get_full_name() or user.email


def round_result(*, round: AssessmentRound) -> RoundResult | None:
    """Aggregate the submitted ratings (geometric mean per factor, docs/domain.md, *Group
    judgement*) and score the group's and every assessor's ratings in one engine batch.
    None while nobody has submitted."""
    submitted = list(
        round.ratings.filter(submitted_at__isnull=False)
        .select_related("assessor")
        .order_by("assessor__email")
    )
    if not submitted:
        return None
    table = np.array([[r.ratings[f] for f in FACTORS] for r in submitted])
    whole = aggregate.whole_ratings(aggregate.geometric_mean(table))
    group = dict(zip(FACTORS, map(int, whole), strict=True))
    weights = workspace_weights(workspace=round.function.workspace)
    [group_scored, *own] = score_ratings([group] + [r.ratings for r in submitted], weights)
    names = [_name(r.assessor) for r in submitted]
    factors = [
        FactorRow(
            factor=f,
            label=FACTOR_INFO[f].label,
            spread=spread,
            stand_out_names=tuple(names[k] for k in spread.stand_out),
        )
        for f, spread in zip(FACTORS, aggregate.spreads(table), strict=True)
    ]
    value = aggregate.consensus(table)
    return RoundResult(
        group_ratings=group,
        scored=group_scored,
        factors=factors,
        consensus=value,
        consensus_band=aggregate.consensus_band(value),
        assessors=[
            AssessorOutcome(
                assessor_name=name,
                ratings=rating.ratings,
                recommendation=result["recommendation"],
                recommendation_label=_label(result["recommendation"]),
                margin=result["margin"],
                differs=result["recommendation"] != group_scored["recommendation"],
            )
            for name, rating, result in zip(names, submitted, own, strict=True)
        ],
    )


# Weights rounds ----------------------------------------------------------------------


def weights_rounds_of_workspace(*, workspace: Workspace) -> QuerySet[WeightsRound]:
    return (
        WeightsRound.objects.filter(workspace=workspace)
        .select_related("opened_by")
        .annotate(
            invited=Count("judgements"),
            submitted=Count("judgements", filter=Q(judgements__submitted_at__isnull=False)),
        )
        .order_by("-opened_at", "-pk")
    )


def weights_round_get(*, workspace: Workspace, pk: int) -> WeightsRound:
    """One weights round of the workspace, or 404."""
    return get_object_or_404(
        WeightsRound.objects.select_related("workspace", "opened_by", "closed_by"),
        workspace=workspace,
        pk=pk,
    )


def weights_round_invitations(*, round: WeightsRound) -> list[WeightsJudgement]:
    return list(round.judgements.select_related("assessor").order_by("assessor__email"))


def weights_round_visible_to(*, round: WeightsRound, user: User) -> bool:
    """As for rating rounds: an invited stakeholder sees the others once they have judged."""
    own = round.judgements.filter(assessor=user).first()
    return own is None or own.submitted


@dataclass(frozen=True)
class StakeholderWeights:
    name: str
    weights: dict[str, float]
    cr: float
    consistent: bool


@dataclass(frozen=True)
class WeightsRoundResult:
    """The group's weights by AIJ (geometric mean of the matrices), its CR and consensus."""

    weights: dict[str, float]
    cr: float
    consistent: bool
    consensus: float
    consensus_band: str
    stakeholders: list[StakeholderWeights]
    labels: dict[str, str]

    @property
    def single_assessor(self) -> bool:
        return len(self.stakeholders) == 1

    @property
    def rows(self) -> list[tuple[str, float, list[float]]]:
        """(criterion label, group weight, each stakeholder's weight), criteria in order."""
        return [
            (self.labels[c], self.weights[c], [s.weights[c] for s in self.stakeholders])
            for c in CRITERIA
        ]


def weights_round_result(*, round: WeightsRound) -> WeightsRoundResult | None:
    """Combine the submitted matrices by element-wise geometric mean (AIJ, docs/domain.md,
    *Group judgement*) and derive the group's weights; each stakeholder's own weights and CR;
    AHP-OS's consensus over their priority vectors. None while nobody has judged."""
    submitted = list(
        round.judgements.filter(submitted_at__isnull=False)
        .select_related("assessor")
        .order_by("assessor__email")
    )
    if not submitted:
        return None
    n = len(CRITERIA)
    matrices = [
        ahp_from_upper_triangle(
            [float(Fraction(j.judgements.get(name, "1"))) for *_, name in criterion_pairs()], n
        )
        for j in submitted
    ]
    group = aggregate_judgements(matrices)
    own = [ahp_priorities(m) for m in matrices]
    value = aggregate.consensus_of_priorities(np.array([r.weights for r in own]), AHP_SCALE_MAX)
    return WeightsRoundResult(
        weights=_by_criterion(group.result.weights),
        cr=group.result.cr,
        consistent=group.result.consistent,
        consensus=value,
        consensus_band=aggregate.consensus_band(value),
        stakeholders=[
            StakeholderWeights(_name(j.assessor), _by_criterion(r.weights), r.cr, r.consistent)
            for j, r in zip(submitted, own, strict=True)
        ],
        labels={c: CRITERION_INFO[c].label for c in CRITERIA},
    )


def _by_criterion(weights) -> dict[str, float]:
    return dict(zip(CRITERIA, map(float, weights), strict=True))
