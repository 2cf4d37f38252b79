"""What the questionnaire asks: factors, criteria, options, and the words shown for each.

This is the single source of truth for labels: the web form renders ``FACTOR_INFO`` and
``CRITERION_INFO``, and the explanations reuse the same phrases, so the form and the advice
never drift apart. The numbers that turn ratings into scores live in ``model.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The eight factor columns, in docs/domain.md's canonical order (also the order of array columns).
FACTORS: tuple[str, ...] = (
    "strategic_importance",
    "cost_saving_potential",
    "repetitiveness",
    "expertise_required",
    "technology_intensity",
    "control_need",
    "data_sensitivity",
    "demand_variability",
)

#: The five criteria a consultant weights (docs/domain.md's "things to consider").
CRITERIA: tuple[str, ...] = ("strategic_value", "cost", "task_nature", "flexibility", "control")

#: The sourcing options; this order names tied options (a tie is never a call: ``model.outcomes``).
OPTIONS: tuple[str, ...] = ("BPO", "KPO", "ITO", "IN_HOUSE")

OPTION_LABELS: dict[str, str] = {
    "BPO": "Business process outsourcing (BPO)",
    "KPO": "Knowledge process outsourcing (KPO)",
    "ITO": "IT outsourcing (ITO)",
    "IN_HOUSE": "Keep in-house",
}

#: The outcome when no option leads clearly (see ``model.NO_CLEAR_CALL_MARGIN``): it is stored
#: and shown as such, never replaced by a default option.
NO_CALL = "NO_CALL"
NO_CALL_LABEL = "No clear call"

#: How an option reads inside a sentence ("12 points ahead of in-house").
OPTION_SHORT: dict[str, str] = {"BPO": "BPO", "KPO": "KPO", "ITO": "ITO", "IN_HOUSE": "in-house"}


@dataclass(frozen=True)
class FactorInfo:
    """One question of the assessment: its label, its criterion and its 1..5 scale anchors.

    ``high_phrase`` and ``low_phrase`` are what an explanation says when a rating above or
    below the neutral 3 pushed the recommendation.
    """

    key: str
    label: str
    criterion: str
    help_text: str
    anchors: tuple[str, str, str, str, str]
    high_phrase: str
    low_phrase: str


@dataclass(frozen=True)
class CriterionInfo:
    """One weighted criterion and the factors that make it up."""

    key: str
    label: str
    description: str
    factors: tuple[str, ...]


_FACTORS = (
    FactorInfo(
        key="strategic_importance",
        label="Strategic importance",
        criterion="strategic_value",
        help_text="How much does this function set you apart from your competitors?",
        anchors=(
            "Commodity, no competitive impact",
            "Supporting, little competitive impact",
            "Important, some competitive impact",
            "Strategic, clear competitive impact",
            "Core differentiator",
        ),
        high_phrase="high strategic importance",
        low_phrase="low strategic importance",
    ),
    FactorInfo(
        key="cost_saving_potential",
        label="Cost-saving potential",
        criterion="cost",
        help_text="How much could an external provider save through cheaper labour or scale?",
        anchors=(
            "Little to gain from external delivery",
            "Small savings",
            "Moderate savings",
            "Substantial savings",
            "Large labour or scale savings available",
        ),
        high_phrase="large savings available from external delivery",
        low_phrase="little to gain from external delivery",
    ),
    FactorInfo(
        key="repetitiveness",
        label="Repetitiveness",
        criterion="task_nature",
        help_text="How routine, rule-based and high-volume is the work?",
        anchors=(
            "Varied, one-off, judgement-based",
            "Mostly varied, some routine",
            "Mix of routine and judgement",
            "Mostly routine and rule-based",
            "Continuous, rule-based, standardised, high volume",
        ),
        high_phrase="highly repetitive and rule-based",
        low_phrase="varied, judgement-based work",
    ),
    FactorInfo(
        key="expertise_required",
        label="Expertise required",
        criterion="task_nature",
        help_text="How much specialist knowledge and analysis does the work need?",
        anchors=(
            "General skills",
            "Some training needed",
            "Skilled, trained staff",
            "Specialist knowledge",
            "Deep specialist knowledge and analysis",
        ),
        high_phrase="needs deep specialist knowledge",
        low_phrase="needs only general skills",
    ),
    FactorInfo(
        key="technology_intensity",
        label="Technology intensity",
        criterion="task_nature",
        help_text="How much of the work is software, infrastructure or IT operations?",
        anchors=(
            "No IT work",
            "Little IT work",
            "Some IT work",
            "Largely IT work",
            "Mostly software, infrastructure or IT operations",
        ),
        high_phrase="mostly IT work",
        low_phrase="little IT work",
    ),
    FactorInfo(
        key="control_need",
        label="Need for control",
        criterion="control",
        help_text="How closely must you direct the work day to day?",
        anchors=(
            "Hands-off is fine",
            "Occasional oversight",
            "Regular oversight",
            "Close oversight",
            "Must direct it day to day",
        ),
        high_phrase="needs day-to-day control",
        low_phrase="hands-off management is fine",
    ),
    FactorInfo(
        key="data_sensitivity",
        label="Data sensitivity",
        criterion="control",
        help_text="How sensitive is the data the work handles?",
        anchors=(
            "Public data",
            "Internal data",
            "Confidential business data",
            "Personal or commercially sensitive data",
            "Regulated, confidential or core IP",
        ),
        high_phrase="handles sensitive or regulated data",
        low_phrase="handles non-sensitive data",
    ),
    FactorInfo(
        key="demand_variability",
        label="Demand variability",
        criterion="flexibility",
        help_text="How much does the workload swing with seasons or events?",
        anchors=(
            "Steady",
            "Mostly steady",
            "Some peaks",
            "Marked peaks",
            "Strongly seasonal or fluctuating",
        ),
        high_phrase="fluctuating demand",
        low_phrase="steady demand",
    ),
)

FACTOR_INFO: dict[str, FactorInfo] = {info.key: info for info in _FACTORS}

_CRITERIA_TEXT = {
    "strategic_value": (
        "Strategic value",
        "Whether the function is a source of competitive advantage that you should keep close.",
    ),
    "cost": ("Cost", "How much an external provider could save through labour cost or scale."),
    "task_nature": (
        "Task nature",
        "What kind of work it is: routine processing, specialist knowledge work or IT work.",
    ),
    "flexibility": (
        "Flexibility & growth",
        "Whether a provider's spare capacity would help absorb peaks and growth.",
    ),
    "control": ("Control & engagement", "How closely you must steer the work and guard its data."),
}

CRITERION_INFO: dict[str, CriterionInfo] = {
    key: CriterionInfo(
        key=key,
        label=label,
        description=description,
        factors=tuple(f for f in FACTORS if FACTOR_INFO[f].criterion == key),
    )
    for key, (label, description) in _CRITERIA_TEXT.items()
}
