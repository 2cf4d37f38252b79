"""Writes of assessment rounds: open, rate, close, remind, apply."""

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment, CriteriaWeights
from assessments.rounds.models import (
    AssessmentRound,
    RoundBase,
    RoundRating,
    WeightsJudgement,
    WeightsRound,
)
from assessments.rounds.selectors import round_result, weights_round_result
from assessments.scoring import FACTORS
from assessments.services import WeightsUpdate, assessment_create, weights_set
from outsourcing.models import BusinessFunction, Membership, User, Workspace


def _check_invitation(*, workspace: Workspace, assessors: Sequence[User], due_date: date) -> None:
    """Refuse (ValidationError naming the field) an empty list, anyone who is not a member of
    the workspace, and a due date in the past."""
    if not assessors:
        raise ValidationError({"assessors": "Invite at least one member."})
    member_ids = set(
        Membership.objects.filter(workspace=workspace).values_list("user_id", flat=True)
    )
    strangers = [user.email for user in assessors if user.pk not in member_ids]
    if strangers:
        raise ValidationError(
            {"assessors": f"Not members of this workspace: {', '.join(sorted(strangers))}."}
        )
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": "The due date has passed: pick today or later."})


@transaction.atomic
def round_open(
    *,
    function: BusinessFunction,
    opened_by: User,
    assessors: Sequence[User],
    due_date: date,
    note: str = "",
) -> AssessmentRound:
    """Invite members of the function's workspace to rate it independently by `due_date`.

    Refuses (ValidationError naming the field) an empty list, anyone who is not a member of
    the workspace, and a due date in the past.
    """
    _check_invitation(workspace=function.workspace, assessors=assessors, due_date=due_date)
    round_ = AssessmentRound(
        function=function, opened_by=opened_by, due_date=due_date, note=note.strip()
    )
    round_._history_user = opened_by
    round_.save()
    RoundRating.objects.bulk_create(
        [RoundRating(round=round_, assessor=user) for user in {u.pk: u for u in assessors}.values()]
    )
    return round_


@transaction.atomic
def round_rate(
    *, round: AssessmentRound, assessor: User, ratings: Mapping[str, int]
) -> RoundRating:
    """Store an invited member's ratings (again, while the round is open, to revise them).

    Refuses (PermissionDenied) someone not invited, and (ValidationError) a closed round or
    a rating outside 1..5.
    """
    round = AssessmentRound.objects.select_for_update().get(pk=round.pk)
    rating = RoundRating.objects.filter(round=round, assessor=assessor).first()
    if rating is None:
        raise PermissionDenied("You were not invited to rate in this round.")
    if not round.is_open:
        raise ValidationError("This round is closed: ratings can no longer be given.")
    bad = [f for f in FACTORS if ratings.get(f) not in (1, 2, 3, 4, 5)]
    if bad:
        raise ValidationError(dict.fromkeys(bad, "Rate it from 1 to 5."))
    for name in FACTORS:
        setattr(rating, name, int(ratings[name]))
    rating.submitted_at = timezone.now()
    rating.save()
    return rating


def round_close(*, round: RoundBase, closed_by: User) -> RoundBase:
    """Close a round (of ratings or of weights) before its due date: nobody may rate in it
    any more."""
    if round.closed_at is None:
        round.closed_at = timezone.now()
        round.closed_by = closed_by
        round._history_user = closed_by
        round.save(update_fields=["closed_at", "closed_by"])
    return round


@transaction.atomic
def round_apply(*, round: AssessmentRound, applied_by: User) -> Assessment:
    """Make the group's result the function's current assessment (through the assessment
    service) and close the round. Refuses a round nobody has rated or already applied."""
    round = AssessmentRound.objects.select_for_update().get(pk=round.pk)
    if round.applied_assessment_id:
        raise ValidationError("This round's result is already applied.")
    result = round_result(round=round)
    if result is None:
        raise ValidationError("Nobody has rated in this round yet: there is no result to apply.")
    names = ", ".join(row.assessor_name for row in result.assessors)
    assessment = assessment_create(
        function=round.function,
        ratings=result.group_ratings,
        assessor=applied_by,
        notes=f"Group assessment (geometric mean of {len(result.assessors)}: {names}).",
    )
    round.applied_assessment = assessment
    round.closed_at = round.closed_at or timezone.now()
    round.closed_by = round.closed_by or applied_by
    round._history_user = applied_by
    round.save(update_fields=["applied_assessment", "closed_at", "closed_by"])
    return assessment


def _invitation(round: RoundBase):
    """(pending invitations, workspace, what they are asked, the page's URL name)."""
    if isinstance(round, WeightsRound):
        pending = round.judgements.filter(submitted_at__isnull=True)
        task = f"compare the criteria weights of {round.workspace.name}"
        return pending, round.workspace, task, "rounds:weights_round_detail"
    pending = round.ratings.filter(submitted_at__isnull=True)
    task = f"rate “{round.function.name}” in {round.function.workspace.name}"
    return pending, round.function.workspace, task, "rounds:round_detail"


def round_reminders_send(*, round: RoundBase) -> int:
    """E-mail every invited member who has not yet answered an open round (of ratings or of
    weights); returns how many."""
    if not round.is_open:
        return 0
    pending, workspace, task, url_name = _invitation(round)
    pending = list(pending.select_related("assessor"))
    if not pending:
        return 0
    url = settings.SITE_URL + reverse(url_name, args=[workspace.slug, round.pk])
    with get_connection() as connection:
        for invitation in pending:
            EmailMessage(
                subject=f"Please {task} by {round.due_date:%d %b %Y}",
                body=(
                    f"You are invited to {task} by {round.due_date:%d %B %Y}.\n\n"
                    f"Answer here: {url}\n\nYou will see the others' answers once you "
                    "have submitted yours.\n"
                ),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[invitation.assessor.email],
                connection=connection,
            ).send()
    type(pending[0]).objects.filter(pk__in=[i.pk for i in pending]).update(
        reminded_at=timezone.now()
    )
    return len(pending)


def rounds_remind_due(*, within_days: int = 3) -> int:
    """Remind the pending members of every open round (ratings and weights) due within
    `within_days` days and not reminded today. Returns how many e-mails went out."""
    today = timezone.localdate()
    due = {
        "closed_at__isnull": True,
        "due_date__gte": today,
        "due_date__lte": today + timedelta(days=within_days),
    }
    rounds = [
        *AssessmentRound.objects.filter(**due).select_related("function__workspace"),
        *WeightsRound.objects.filter(**due).select_related("workspace"),
    ]
    sent = 0
    for round_ in rounds:
        pending, *_ = _invitation(round_)
        if not pending.filter(reminded_at__date=today).exists():
            sent += round_reminders_send(round=round_)
    return sent


@transaction.atomic
def weights_round_open(
    *,
    workspace: Workspace,
    opened_by: User,
    assessors: Sequence[User],
    due_date: date,
    note: str = "",
) -> WeightsRound:
    """Invite stakeholders to compare the criteria in pairs, each on their own, by `due_date`.
    Refuses what ``round_open`` refuses."""
    _check_invitation(workspace=workspace, assessors=assessors, due_date=due_date)
    round_ = WeightsRound(workspace=workspace, opened_by=opened_by, due_date=due_date)
    round_.note = note.strip()
    round_._history_user = opened_by
    round_.save()
    WeightsJudgement.objects.bulk_create(
        [WeightsJudgement(round=round_, assessor=u) for u in {u.pk: u for u in assessors}.values()]
    )
    return round_


@transaction.atomic
def weights_round_judge(
    *, round: WeightsRound, assessor: User, judgements: Mapping[str, str]
) -> WeightsJudgement:
    """Store an invited stakeholder's pairwise judgements (``pair_<i>_<j>`` → "3", "1/5").
    An inconsistent set is kept (its CR is shown beside it), as AHP-OS does; refuses
    (PermissionDenied) someone not invited and (ValidationError) a closed round."""
    round = WeightsRound.objects.select_for_update().get(pk=round.pk)
    entry = WeightsJudgement.objects.filter(round=round, assessor=assessor).first()
    if entry is None:
        raise PermissionDenied("You were not invited to judge in this round.")
    if not round.is_open:
        raise ValidationError("This round is closed: judgements can no longer be given.")
    entry.judgements = dict(judgements)
    entry.submitted_at = timezone.now()
    entry.save()
    return entry


@transaction.atomic
def weights_round_apply(*, round: WeightsRound, applied_by: User) -> WeightsUpdate:
    """Make the group's weights (AIJ) the workspace's (through ``weights_set``, which queues
    re-scoring) and close the round. Refuses a round nobody has judged, or already applied."""
    round = WeightsRound.objects.select_for_update().get(pk=round.pk)
    if round.applied_at:
        raise ValidationError("This round's weights are already applied.")
    result = weights_round_result(round=round)
    if result is None:
        raise ValidationError("Nobody has judged in this round yet: there are no weights to apply.")
    update = weights_set(
        workspace=round.workspace,
        method=CriteriaWeights.Method.DIRECT,
        changed_by=applied_by,
        weights=result.weights,
    )
    round.applied_at = timezone.now()
    round.closed_at = round.closed_at or round.applied_at
    round.closed_by = round.closed_by or applied_by
    round._history_user = applied_by
    round.save(update_fields=["applied_at", "closed_at", "closed_by"])
    return update
