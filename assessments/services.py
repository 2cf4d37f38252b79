"""Writes of assessments and criteria weights. The engine (assessments.scoring) computes;
these functions store what it computed, always through one code path: a batch."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from assessments import scoring
from assessments.judgements import ahp_evaluate, pairs_to_revisit
from assessments.models import FACTOR_FIELDS, Assessment, CriteriaWeights
from assessments.selectors import (
    latest_assessments,
    workspace_weights,
    workspaces_scored_by_older_models,
)
from outsourcing.models import BusinessFunction, Job, User, Workspace
from outsourcing.services.jobs import JobOutput, ProgressFn, job_start

RESULT_FIELDS = (
    "score_bpo",
    "score_kpo",
    "score_ito",
    "score_in_house",
    "recommendation",
    "runner_up",
    "margin",
    "close_call",
    "flips",
    "explanation",
    "contributions",
    "weights",
    "model_version",
    "scored_at",
)


def weights_as_dict(weights: Mapping[str, float]) -> dict[str, float]:
    """The weights as the engine uses them (checked, summing to 1), by criterion.

    The engine's refusal (a missing, negative, non-finite or yes/no weight, or a sum too large
    to add up) becomes a ValidationError listing each problem, for a form or the API to show.
    """
    try:
        normalised = scoring.normalise_weights(weights)
    except scoring.InvalidWeights as error:
        raise ValidationError(list(error.problems), code="invalid_weights") from error
    return dict(zip(scoring.CRITERIA, map(float, normalised), strict=True))


def score_ratings(ratings: Sequence[Mapping[str, int]], weights: Mapping[str, float]) -> list[dict]:
    """Score many sets of ratings at once and return, for each, the Assessment result fields.

    This is the only place the web app calls the engine's batch scorer: one assessment is
    a batch of one, an import or a re-scoring is a batch of thousands.
    """
    if not ratings:
        return []
    frame = pd.DataFrame(list(ratings), columns=list(FACTOR_FIELDS))
    scored = scoring.score_batch(frame, weights)
    used_weights = weights_as_dict(weights)
    now = timezone.now()
    results = []
    for row in scored.to_dict("records"):
        results.append(
            {
                "score_bpo": round(float(row["score_bpo"]), 2),
                "score_kpo": round(float(row["score_kpo"]), 2),
                "score_ito": round(float(row["score_ito"]), 2),
                "score_in_house": round(float(row["score_in_house"]), 2),
                "recommendation": str(row["recommendation"]),
                "runner_up": str(row["runner_up"]),
                "margin": round(float(row["margin"]), 2),
                "close_call": bool(row["close_call"]),
                "flips": [
                    {"factor": flip.factor, "step": flip.step, "outcome": flip.outcome}
                    for flip in scoring.flips_of(row)
                ],
                "explanation": scoring.explain(row),
                "contributions": {
                    "winner": {
                        f: round(float(row[f"contrib_winner__{f}"]), 3) for f in FACTOR_FIELDS
                    },
                    "runner_up": {
                        f: round(float(row[f"contrib_runner_up__{f}"]), 3) for f in FACTOR_FIELDS
                    },
                },
                "weights": used_weights,
                "model_version": str(row["model_version"]),
                "scored_at": now,
            }
        )
    return results


def workspace_scoring_lock(workspace: Workspace) -> None:
    """Hold the workspace's scoring lock until the current transaction ends.

    Everything that writes assessment scores for a workspace (re-scoring, imports, a new
    assessment) takes it first and reads the weights after: so they run one at a time, and
    a re-scoring queued by a weight change waits for an import that scored with the old
    weights, then re-scores its assessments too. The final scores always use the final
    weights. FOR NO KEY UPDATE, not FOR UPDATE: rows that merely reference the workspace
    (new functions, jobs) can still be inserted meanwhile.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("workspace_scoring_lock needs a transaction to hold it")
    list(Workspace.objects.select_for_update(no_key=True).filter(pk=workspace.pk).values("pk"))


@transaction.atomic
def assessment_create(
    *,
    function: BusinessFunction,
    ratings: Mapping[str, int],
    assessor: User | None,
    notes: str = "",
) -> Assessment:
    """Rate a function on the eight factors, score it with its workspace's weights, and make
    it the function's current assessment. Earlier assessments stay as its history."""
    # The workspace lock also keeps two people assessing at once from leaving an
    # inconsistent "latest", and a re-scoring from missing this assessment.
    workspace_scoring_lock(function.workspace)
    function = BusinessFunction.objects.get(pk=function.pk)
    weights = workspace_weights(workspace=function.workspace)
    [result] = score_ratings([ratings], weights)
    assessment = Assessment.objects.create(
        function=function,
        assessor=assessor,
        notes=notes.strip(),
        **{name: int(ratings[name]) for name in FACTOR_FIELDS},
        **result,
    )
    function.latest_assessment = assessment
    # The assessment's own history records this; pointing at it is no edit of the function.
    function.skip_history_when_saving = True
    function.save(update_fields=["latest_assessment", "updated_at"])
    return assessment


def assessments_create_bulk(
    *,
    functions: Sequence[BusinessFunction],
    ratings: Sequence[Mapping[str, int]],
    assessor: User | None,
    workspace: Workspace,
    notes: str = "",
) -> list[Assessment]:
    """Assess many functions of one workspace at once (imports). Call inside a transaction."""
    results = score_ratings(ratings, workspace_weights(workspace=workspace))
    now = timezone.now()
    assessments = Assessment.objects.bulk_create(
        [
            Assessment(
                function=function,
                assessor=assessor,
                assessed_at=now,
                notes=notes,
                **{name: int(rating[name]) for name in FACTOR_FIELDS},
                **result,
            )
            for function, rating, result in zip(functions, ratings, results, strict=True)
        ],
        batch_size=1000,
    )
    for function, assessment in zip(functions, assessments, strict=True):
        function.latest_assessment = assessment
    _functions_point_at_newest([function.pk for function in functions])
    return assessments


def workspace_rescore(
    *, workspace: Workspace, report_progress: Callable[[int, str], None] | None = None
) -> int:
    """Re-score every current assessment of the workspace with its current weights.

    The ratings stay; the scores, recommendation and explanation follow the weights. An
    assessment scored by an older model (another `model_version`) is not overwritten: it
    stays in the history and a copy with the new scores becomes current (see
    `_assessments_supersede`). All or nothing, under the workspace's scoring lock (so run
    again from the start if its worker is lost). Returns how many assessments were re-scored.
    """
    report = report_progress or (lambda progress, message="": None)
    report(5, "Waiting for other changes to this workspace’s scores to finish")
    with transaction.atomic():
        workspace_scoring_lock(workspace)
        # Read under the lock: the weights and assessments as the last writer left them.
        assessments = list(latest_assessments(workspace=workspace))
        report(10, f"Re-scoring {len(assessments):,} assessments")
        results = score_ratings(
            [a.ratings for a in assessments], workspace_weights(workspace=workspace)
        )
        current, outdated = [], []
        for assessment, result in zip(assessments, results, strict=True):
            if assessment.model_version != scoring.MODEL_VERSION:
                outdated.append((assessment, result))
                continue
            for field, value in result.items():
                setattr(assessment, field, value)
            current.append(assessment)
        report(70, "Saving")
        Assessment.objects.bulk_update(current, RESULT_FIELDS, batch_size=250)
        _assessments_supersede(outdated)
    return len(assessments)


def _assessments_supersede(pairs: Sequence[tuple[Assessment, dict]]) -> None:
    """Keep each old-model assessment as history; a copy with the new results becomes current.

    The copy has the same ratings, assessor, date and notes (nobody re-rated anything), and
    `rescored_from` names the assessment it replaces. Call inside a transaction.
    """
    if not pairs:
        return
    copies = Assessment.objects.bulk_create(
        [
            Assessment(
                function_id=old.function_id,
                assessor_id=old.assessor_id,
                assessed_at=old.assessed_at,
                notes=old.notes,
                rescored_from=old,
                **old.ratings,
                **result,
            )
            for old, result in pairs
        ],
        batch_size=1000,
    )
    _functions_point_at_newest([copy.function_id for copy in copies])


def _functions_point_at_newest(function_ids: Sequence[int]) -> None:
    """Point each function at its newest assessment (by date, then id)."""
    # One UPDATE per chunk lets the database point each function at its newest assessment;
    # bulk_update would send a CASE with a branch per function.
    newest = Assessment.objects.filter(function=OuterRef("pk")).order_by("-assessed_at", "-pk")
    for start in range(0, len(function_ids), 5000):
        BusinessFunction.objects.filter(pk__in=function_ids[start : start + 5000]).update(
            latest_assessment=Subquery(newest.values("pk")[:1])
        )


def workspace_rescore_work(job: Job, report_progress: ProgressFn) -> JobOutput:
    """The re-scoring job queued by a weight change or a model upgrade."""
    count = workspace_rescore(workspace=job.workspace, report_progress=report_progress)
    if job.params.get("reason") == "model_upgrade":
        return JobOutput(message=f"{count:,} assessments re-scored with {scoring.MODEL_VERSION}.")
    return JobOutput(message=f"{count:,} assessments re-scored with the new weights.")


def model_upgrade_rescore_start(*, requested_by: User | None = None) -> list[Job]:
    """Queue a re-scoring job for every workspace whose current scores come from an older
    model, so every call follows MODEL_VERSION; the old scores stay in each function's
    history (see `workspace_rescore`). Returns the jobs, one per workspace."""
    with transaction.atomic():
        return [
            job_start(
                workspace=workspace,
                kind=Job.Kind.RESCORE,
                requested_by=requested_by,
                params={"reason": "model_upgrade", "model_version": scoring.MODEL_VERSION},
            )
            for workspace in workspaces_scored_by_older_models()
        ]


@dataclass(frozen=True)
class WeightsUpdate:
    weights: CriteriaWeights
    job: Job


def _ahp_weights(judgements: Mapping[str, str]) -> tuple[dict[str, float], float]:
    """The weights and consistency ratio the judgements imply; ValidationError (naming the
    judgements to revisit) when they contradict each other too much (CR ≥ 0.10)."""
    result = ahp_evaluate(judgements)
    if not result.consistent:
        raise ValidationError(
            f"These judgements are inconsistent (CR = {result.cr:.3f}; it must be below "
            f"0.10). Revisit first: {'; '.join(pairs_to_revisit(result))}.",
            code="inconsistent",
        )
    return dict(zip(scoring.CRITERIA, map(float, result.weights), strict=True)), result.cr


@transaction.atomic
def weights_set(
    *,
    workspace: Workspace,
    method: str,
    changed_by: User,
    weights: Mapping[str, float] | None = None,
    ahp_judgements: dict[str, str] | None = None,
) -> WeightsUpdate:
    """Give the workspace new criteria weights (their history keeps the old), and queue re-scoring.

    Direct `weights` are normalised by the engine (which refuses negative or missing ones).
    With the AHP method, the weights and consistency ratio are derived from
    `ahp_judgements` (``pair_<i>_<j>`` → "3", "1/5"); inconsistent judgements (CR ≥ 0.10,
    docs/domain.md) are refused with a ValidationError naming the ones to revisit.
    """
    consistency_ratio = None
    if method == CriteriaWeights.Method.AHP:
        weights, consistency_ratio = _ahp_weights(ahp_judgements or {})
    new = weights_as_dict(weights)
    record, _ = CriteriaWeights.objects.select_for_update().get_or_create(
        workspace=workspace, defaults={"weights": dict(scoring.DEFAULT_WEIGHTS)}
    )
    record.weights = new
    record.method = method
    record.ahp_judgements = ahp_judgements
    record.consistency_ratio = consistency_ratio
    record.updated_by = changed_by
    # The history (django-simple-history) records who changed the weights: whoever the
    # service is told, not only a signed-in request's user.
    record._history_user = changed_by
    record.save()
    job = job_start(
        workspace=workspace,
        kind=Job.Kind.RESCORE,
        requested_by=changed_by,
    )
    return WeightsUpdate(weights=record, job=job)
