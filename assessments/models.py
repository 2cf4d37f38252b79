from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from assessments import scoring
from assessments.scoring import FACTORS
from assessments.scoring.explain import CLOSE_CALL_LEAD, SETTLE_LEAD
from assessments.scoring.factors import OPTION_SHORT
from outsourcing.models import BusinessFunction, Recommendation, SourcingOption, Workspace

__all__ = [
    "FACTOR_FIELDS",
    "Assessment",
    "CriteriaWeights",
    "Recommendation",
    "SourcingOption",
]

# The eight factors in docs/domain.md's canonical order: each is a field of Assessment.
FACTOR_FIELDS = FACTORS


def _rating_field():
    return models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])


class Assessment(models.Model):
    """One rating of a function on the eight factors, and what the engine made of it.

    Re-assessing adds a row; the function points at its latest. When a workspace's
    weights change, the latest assessments are re-scored in place (`scored_at` moves). When
    the model itself changes (a new `model_version`), re-scoring adds a row instead, with the
    same ratings and `rescored_from` pointing at the old one, so the old scores, call and
    model version stay in the function's history.
    """

    function = models.ForeignKey(
        BusinessFunction, on_delete=models.CASCADE, related_name="assessments"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assessed_at = models.DateTimeField(default=timezone.now)
    notes = models.TextField(blank=True)

    strategic_importance = _rating_field()
    cost_saving_potential = _rating_field()
    repetitiveness = _rating_field()
    expertise_required = _rating_field()
    technology_intensity = _rating_field()
    control_need = _rating_field()
    data_sensitivity = _rating_field()
    demand_variability = _rating_field()

    score_bpo = models.FloatField()
    score_kpo = models.FloatField()
    score_ito = models.FloatField()
    score_in_house = models.FloatField()
    recommendation = models.CharField(max_length=8, choices=Recommendation.choices)
    # The second-best option; with no clear call, one level with the best.
    runner_up = models.CharField(max_length=8, choices=SourcingOption.choices)
    margin = models.FloatField()
    close_call = models.BooleanField(
        help_text="A clear call that one single-step rating change would overturn."
    )
    flips = models.JSONField(
        default=list,
        blank=True,
        help_text="The single-step rating changes that would change the call: "
        '[{"factor": …, "step": 1 or -1, "outcome": …}].',
    )
    explanation = models.TextField()
    contributions = models.JSONField(help_text="Factor contributions to winner and runner-up.")
    weights = models.JSONField(help_text="The criteria weights the scores were computed with.")
    model_version = models.CharField(max_length=40)
    scored_at = models.DateTimeField(default=timezone.now)
    rescored_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The assessment this one re-scored with a newer model (same ratings).",
    )

    class Meta:
        ordering = ["-assessed_at", "-pk"]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"assessment_{name}_1_to_5",
                )
                for name in FACTOR_FIELDS
            ),
            models.CheckConstraint(
                condition=models.Q(recommendation__in=Recommendation.values),
                name="assessment_recommendation_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(runner_up__in=SourcingOption.values),
                name="assessment_runner_up_valid",
            ),
        ]
        indexes = [models.Index(fields=["function", "-assessed_at"])]

    def __str__(self) -> str:
        return f"{self.function} → {self.recommendation} ({self.assessed_at:%Y-%m-%d})"

    @property
    def ratings(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in FACTOR_FIELDS}

    @property
    def is_clear_call(self) -> bool:
        return self.recommendation != Recommendation.NO_CALL

    @property
    def leader(self) -> str:
        """The best-scoring option (the recommendation when there is a clear call)."""
        scores = self.scores
        return max(scores, key=lambda option: (scores[option], -list(scores).index(option)))

    @property
    def score_for_recommendation(self) -> float:
        return self.scores[self.leader]

    @property
    def level_text(self) -> str:
        """With no clear call, the level options in a sentence: "BPO and in-house"."""
        names = [
            OPTION_SHORT[option]
            for option, score in self.scores.items()
            if self.scores[self.leader] - score < scoring.NO_CLEAR_CALL_MARGIN
        ]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    @property
    def explanation_reasons(self) -> str:
        """The explanation without its list of flipping changes, for pages that list them."""
        text = self.explanation
        for lead in (CLOSE_CALL_LEAD, SETTLE_LEAD):
            text = text.split(f" {lead}", 1)[0]
        return text

    @property
    def outcome_words(self) -> str:
        """How the outcome reads after "stays": "BPO", "Keep in-house", "without a clear call"."""
        return self.get_recommendation_display() if self.is_clear_call else "without a clear call"

    @property
    def flip_list(self) -> list[scoring.Flip]:
        """The stored flipping changes, each with its sentence (``.text``)."""
        return [
            scoring.Flip(factor=f["factor"], step=int(f["step"]), outcome=f["outcome"])
            for f in self.flips or []
        ]

    @property
    def scores(self) -> dict[str, float]:
        return {
            SourcingOption.BPO: self.score_bpo,
            SourcingOption.KPO: self.score_kpo,
            SourcingOption.ITO: self.score_ito,
            SourcingOption.IN_HOUSE: self.score_in_house,
        }


class CriteriaWeights(models.Model):
    """A workspace's criteria weights (fractions summing to 1), entered or derived by AHP."""

    class Method(models.TextChoices):
        DEFAULT = "default", "Product defaults"
        DIRECT = "direct", "Entered directly"
        AHP = "ahp", "AHP pairwise comparison"

    workspace = models.OneToOneField(
        Workspace, on_delete=models.CASCADE, related_name="criteria_weights"
    )
    weights = models.JSONField()
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.DEFAULT)
    ahp_judgements = models.JSONField(null=True, blank=True)
    consistency_ratio = models.FloatField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Every saved version, with who saved it: the weights page lists the changes from it.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name_plural = "criteria weights"

    def __str__(self) -> str:
        return f"Weights of {self.workspace}"
