"""Assessment rounds: several members rate one function independently; the group's result
can then become the function's current assessment."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from assessments.scoring import FACTORS
from outsourcing.models import BusinessFunction, Workspace


class RoundBase(models.Model):
    """What every round has: who opened it, by when, and whether it is still open.

    Open until closed by an editor (or owner), applied, or the end of its due date.
    """

    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    due_date = models.DateField()
    note = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and timezone.localdate() <= self.due_date


class AssessmentRound(RoundBase):
    """An editor's invitation to several members to rate one function by a due date."""

    function = models.ForeignKey(BusinessFunction, on_delete=models.CASCADE, related_name="rounds")
    applied_assessment = models.OneToOneField(
        "assessments.Assessment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Opening, closing and applying are in the workspace's activity (the audit trail).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["function", "-opened_at"])]

    def __str__(self) -> str:
        return f"Round on {self.function} due {self.due_date:%Y-%m-%d}"


def _optional_rating():
    return models.PositiveSmallIntegerField(null=True, blank=True)


class RoundRating(models.Model):
    """One invited member's ratings in a round: empty until they submit."""

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="ratings")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="round_ratings"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    strategic_importance = _optional_rating()
    cost_saving_potential = _optional_rating()
    repetitiveness = _optional_rating()
    expertise_required = _optional_rating()
    technology_intensity = _optional_rating()
    control_need = _optional_rating()
    data_sensitivity = _optional_rating()
    demand_variability = _optional_rating()

    class Meta:
        ordering = ["round", "assessor__email"]
        constraints = [
            models.UniqueConstraint(fields=["round", "assessor"], name="round_rating_once"),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": 1, f"{name}__lte": 5})
                    | models.Q(**{f"{name}__isnull": True}),
                    name=f"round_rating_{name}_1_to_5",
                )
                for name in FACTORS
            ),
            # Submitted means every factor is rated.
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True)
                | models.Q(**{f"{name}__isnull": False for name in FACTORS}),
                name="round_rating_submitted_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessor} in {self.round}"

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def ratings(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in FACTORS}


class WeightsRound(RoundBase):
    """An owner's invitation to several stakeholders to compare the criteria in pairs (AHP);
    their matrices are combined by geometric mean (AIJ) into the group's weights."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="weights_rounds"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return f"Weights round due {self.due_date:%Y-%m-%d}"


class WeightsJudgement(models.Model):
    """One invited stakeholder's pairwise judgements (``pair_<i>_<j>`` → "3", "1/5")."""

    round = models.ForeignKey(WeightsRound, on_delete=models.CASCADE, related_name="judgements")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weights_judgements"
    )
    judgements = models.JSONField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "assessor__email"]
        constraints = [
            models.UniqueConstraint(fields=["round", "assessor"], name="weights_judgement_once"),
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True) | models.Q(judgements__isnull=False),
                name="weights_judgement_submitted_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessor} in {self.round}"

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None
