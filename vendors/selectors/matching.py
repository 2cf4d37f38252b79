"""Which catalog vendors could take on a business function, best first.

Once a function has a recommendation (BPO, KPO or ITO) and names its service line, the
candidates are the vendors that offer that service line. (Without a service line there is
no shortlist: payroll vendors and facilities vendors are both "BPO", and ranking them
against each other, on prices for different work, would mislead; the page asks for the
service line instead.) They are ranked by TOPSIS (the scoring engine's) over five criteria:

| criterion       | direction | value                                                         |
| --------------- | --------- | ------------------------------------------------------------- |
| capability      | benefit   | the offering's capability level, 1–5 (best matching offering)  |
| annual cost     | cost      | the cheapest current rate card, turned into a year of this    |
|                 |           | function's work (`vendors.pricing`), in the workspace currency |
| certifications  | benefit   | how many certificate types the vendor holds in force           |
| delivery shore  | benefit   | onshore 3, nearshore 2, offshore 1 (closer = less risk and     |
|                 |           | easier communication; the price difference is in the cost)     |
| status          | benefit   | preferred 3, approved 2, prospect 1                            |

Hard filters, shown with their reason: suspended vendors are left out, and a function whose
data sensitivity is 4 or 5 needs a vendor holding ISO 27001 or SOC 2 Type II in force.

Cost rules. A rate card in another currency is converted into the workspace's at the
latest ECB reference rate (`outsourcing.currencies`), and the shortlist says which rate and
date it used. A vendor whose current rates are all in currencies the ECB does not quote, or
in a unit this function cannot be costed in (a per-transaction rate for a function with no
monthly volume), gets the worst cost among the candidates. What the function lacks is said
once for the shortlist, not once per rate card; what a vendor lacks is said beside it. When
no candidate can be costed at all, the cost criterion is dropped and the shortlist says so.

Degenerate cases: a criterion on which all candidates are equal cannot tell them apart and
is dropped before TOPSIS (which also keeps the vector normalisation off a zero column);
with one candidate, or all alike, every candidate scores 1.0 and they are listed by name.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np
from django.db.models import Exists, OuterRef, Prefetch, Q

from assessments.models import Recommendation, SourcingOption
from assessments.scoring import topsis
from outsourcing.currencies import ExchangeRate, NotConvertible, exchange_rate
from outsourcing.models import BusinessFunction, Workspace
from vendors.geography import Shore, shore_of
from vendors.models import (
    CertificationKind,
    Offering,
    RateCard,
    ServiceLine,
    Vendor,
    VendorStatus,
)
from vendors.pricing import (
    HOURS_PER_FTE_YEAR,
    NEEDS,
    RATE_WORDS,
    UNIT_INDEX,
    annual_quantities,
)

# A data sensitivity this high (regulated, confidential or core IP) needs an audited
# information-security certificate.
SENSITIVE_FROM = 4
SECURITY_CERTIFICATES = (CertificationKind.ISO_27001, CertificationKind.SOC2_TYPE2)

SHORE_VALUE = {Shore.ONSHORE: 3, Shore.NEARSHORE: 2, Shore.OFFSHORE: 1}
STATUS_VALUE = {VendorStatus.PREFERRED: 3, VendorStatus.APPROVED: 2, VendorStatus.PROSPECT: 1}


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    weight: float
    benefit: bool


CRITERIA = (
    Criterion("capability", "Capability", 0.30, True),
    Criterion("cost", "Annual cost", 0.30, False),
    Criterion("certifications", "Certificates", 0.15, True),
    Criterion("shore", "Delivery shore", 0.10, True),
    Criterion("status", "Status", 0.15, True),
)


@dataclass
class CriterionScore:
    criterion: Criterion
    value: float  # what went into the matrix
    shown: str  # how a person reads it
    score: float = 1.0  # 0–1 within this shortlist, 1 = best candidate on this criterion
    used: bool = True  # False when the criterion was dropped (all equal, or no costs)


@dataclass
class Candidate:
    vendor: Vendor
    capability: int
    annual_cost: Decimal | None
    rate: RateCard | None
    exchange: ExchangeRate | None
    shore: Shore
    shore_country: str
    certificates: list[str]
    notes: list[str] = field(default_factory=list)
    scores: list[CriterionScore] = field(default_factory=list)
    closeness: float = 0.0
    rank: int = 0


@dataclass
class Exclusion:
    vendor: Vendor
    reasons: list[str]


#: What a shortlist can say: ranked vendors, or why there are none to rank.
SHORTLIST_STATES = (
    "ranked",
    "not_assessed",
    "no_call",
    "in_house",
    "no_service_line",
    "no_candidates",
)


@dataclass
class Shortlist:
    function: BusinessFunction
    state: str  # one of SHORTLIST_STATES
    message: str = ""
    option: str = ""
    matched_on: str = ""
    requirements: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)
    criteria: tuple[Criterion, ...] = CRITERIA
    dropped: list[str] = field(default_factory=list)


def annual_quantity(function: BusinessFunction) -> dict[str, Decimal | None]:
    """Units of work in a year of `function` per rate unit (`vendors.pricing`); None where
    the function lacks the figure the unit needs."""
    quantities = annual_quantities(
        np.array([float(function.fte or 0)]),
        np.array([float(function.monthly_volume or 0)]),
        HOURS_PER_FTE_YEAR,
    )[0]
    return {
        unit: None if np.isnan(quantities[index]) else Decimal(str(quantities[index]))
        for unit, index in UNIT_INDEX.items()
    }


def annual_cost(rate: RateCard, function: BusinessFunction) -> tuple[Decimal | None, str]:
    """A year of this function's work at `rate` (in the rate's currency), or None and why."""
    quantity = annual_quantity(function)[rate.unit]
    if quantity is None:
        words = RATE_WORDS[rate.unit]
        article = "a" if words.startswith("per") else "an"
        return None, f"the function has no {NEEDS[rate.unit]}, which {article} {words} rate needs"
    return rate.rate * quantity, ""


def function_vendor_shortlist(
    *, function: BusinessFunction, workspace: Workspace, today: date | None = None
) -> Shortlist:
    """The ranked vendor shortlist for a function of `workspace` (see the module docstring)."""
    today = today or date.today()
    assessment = function.latest_assessment
    if assessment is None:
        return Shortlist(
            function,
            "not_assessed",
            "Assess this function first: the shortlist follows its recommendation.",
        )
    option = assessment.recommendation
    if option == Recommendation.NO_CALL:
        return Shortlist(
            function,
            "no_call",
            "There is no clear call between the options for this function yet, so there is "
            "no vendor shortlist: settle the call first (its page lists the single rating "
            "changes that would).",
        )
    if option == SourcingOption.IN_HOUSE:
        return Shortlist(
            function,
            "in_house",
            "The recommendation is to keep this function in-house, so there is no vendor "
            "shortlist.",
            option=option,
        )
    if not function.service_line_id:
        return Shortlist(
            function,
            "no_service_line",
            f"Choose the service line this function would be bought as: vendors offering "
            f"different {option} services sell different work at prices that cannot be "
            "compared, so they are not ranked against each other.",
            option=option,
        )
    lines = [function.service_line]
    matched_on = f"offering {function.service_line.name}"
    shortlist = Shortlist(function, "ranked", option=option, matched_on=matched_on)
    sensitive = assessment.data_sensitivity >= SENSITIVE_FROM
    if sensitive:
        shortlist.requirements.append(
            f"Data sensitivity {assessment.data_sensitivity} of 5: ISO 27001 or SOC 2 Type II "
            "in force is required."
        )

    quantities = annual_quantity(function)
    for vendor in _candidate_vendors(lines, today):
        reasons = _exclusion_reasons(vendor, sensitive=sensitive, today=today)
        if reasons:
            shortlist.excluded.append(Exclusion(vendor, reasons))
        else:
            shortlist.candidates.append(_candidate(vendor, quantities, workspace, today))

    if not shortlist.candidates:
        shortlist.state = "no_candidates"
        shortlist.message = (
            "No vendor in the catalog qualifies."
            if shortlist.excluded
            else f"No vendor in the catalog is {matched_on}."
        )
        return shortlist
    shortlist.notes += _costing_notes(shortlist.candidates, quantities, workspace)
    _rank(shortlist, workspace)
    return shortlist


def _costing_notes(
    candidates: list[Candidate], quantities: dict[str, Decimal | None], workspace: Workspace
) -> list[str]:
    """What the whole shortlist's costs rest on, each said once: which figures the function
    lacks for some of the candidates' rates, and which exchange rates were used."""
    notes = []
    units = {rate.unit for c in candidates for rate in c.vendor.current_rates}
    missing = sorted({NEEDS[unit] for unit in units if quantities[unit] is None})
    if missing:
        labels = sorted(RATE_WORDS[unit] for unit in units if quantities[unit] is None)
        notes.append(
            f"This function has no {' or '.join(missing)}, so {' and '.join(labels)} rates "
            "are not costed."
        )
    exchanges = sorted({str(c.exchange) for c in candidates if c.exchange and c.exchange.rate_date})
    if exchanges:
        notes.append(f"Costs converted into {workspace.currency}: {'; '.join(exchanges)}.")
    return notes


def _candidate_vendors(lines: list[ServiceLine], today: date) -> list[Vendor]:
    current_rates = RateCard.objects.filter(service_line__in=lines, valid_from__lte=today).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    return list(
        Vendor.objects.filter(
            Exists(Offering.objects.filter(vendor=OuterRef("pk"), service_line__in=lines))
        )
        .order_by("legal_name", "pk")
        .prefetch_related(
            Prefetch(
                "offerings",
                queryset=Offering.objects.filter(service_line__in=lines),
                to_attr="matching_offerings",
            ),
            Prefetch("certifications", to_attr="all_certifications"),
            Prefetch("centres", to_attr="all_centres"),
            Prefetch("rate_cards", queryset=current_rates, to_attr="current_rates"),
        )
    )


def _exclusion_reasons(vendor: Vendor, *, sensitive: bool, today: date) -> list[str]:
    reasons = []
    if vendor.status == VendorStatus.SUSPENDED:
        reasons.append("suspended")
    if sensitive:
        security = [c for c in vendor.all_certifications if c.kind in SECURITY_CERTIFICATES]
        if not any(c.is_in_force(today) for c in security):
            lapsed = [c for c in security if c.expires_on]
            if lapsed:
                latest = max(lapsed, key=lambda c: c.expires_on)
                reasons.append(
                    f"its {latest.get_kind_display()} expired on {latest.expires_on:%d %b %Y}"
                )
            else:
                reasons.append("holds neither ISO 27001 nor SOC 2 Type II")
    return reasons


def _candidate(
    vendor: Vendor, quantities: dict[str, Decimal | None], workspace: Workspace, today: date
) -> Candidate:
    notes = []
    best_cost, best_rate, best_exchange = None, None, None
    unconvertible = set()
    for rate in vendor.current_rates:
        quantity = quantities[rate.unit]
        if quantity is None:
            continue  # the function lacks the figure: said once for the whole shortlist
        try:
            exchange = exchange_rate(rate.currency, workspace.currency)
        except NotConvertible:
            unconvertible.add(rate.currency)
            continue
        cost = exchange.apply(rate.rate) * quantity
        if best_cost is None or cost < best_cost:
            best_cost, best_rate, best_exchange = cost, rate, exchange
    if best_cost is None:
        if unconvertible:
            notes.append(
                f"Rates only in {', '.join(sorted(unconvertible))}, which the ECB does not "
                "quote: cost counted as the worst."
            )
        elif not vendor.current_rates:
            notes.append("No current rate card for this service: cost counted as the worst.")

    if best_rate is not None:
        country = str(best_rate.delivery_country)
        shore = shore_of(country, workspace.country)
    else:
        places = [str(c.country) for c in vendor.all_centres] or [str(vendor.headquarters_country)]
        country = max(places, key=lambda code: SHORE_VALUE[shore_of(code, workspace.country)])
        shore = shore_of(country, workspace.country)
    certificates = sorted(
        {c.get_kind_display() for c in vendor.all_certifications if c.is_in_force(today)}
    )
    return Candidate(
        vendor=vendor,
        capability=max(o.capability_level for o in vendor.matching_offerings),
        annual_cost=best_cost,
        rate=best_rate,
        exchange=best_exchange,
        shore=shore,
        shore_country=country,
        certificates=certificates,
        notes=notes,
    )


def _rank(shortlist: Shortlist, workspace: Workspace) -> None:
    candidates = shortlist.candidates
    known_costs = [c.annual_cost for c in candidates if c.annual_cost is not None]
    worst_cost = float(max(known_costs)) if known_costs else 0.0
    columns = {
        "capability": [float(c.capability) for c in candidates],
        "cost": [
            float(c.annual_cost) if c.annual_cost is not None else worst_cost for c in candidates
        ],
        "certifications": [float(len(c.certificates)) for c in candidates],
        "shore": [float(SHORE_VALUE[c.shore]) for c in candidates],
        "status": [float(STATUS_VALUE[VendorStatus(c.vendor.status)]) for c in candidates],
    }
    if not known_costs:
        shortlist.notes.append(
            "No candidate has a current rate that can be costed for this function, so cost "
            "is left out of the ranking."
        )
    elif len(known_costs) < len(candidates):
        shortlist.notes.append("A vendor whose rates cannot be costed counts at the worst cost.")

    used = [
        criterion
        for criterion in CRITERIA
        if (criterion.key != "cost" or known_costs) and len(set(columns[criterion.key])) > 1
    ]
    shortlist.dropped = [c.label for c in CRITERIA if c not in used]
    if used and len(candidates) > 1:
        matrix = np.array([columns[c.key] for c in used]).T
        closeness = topsis(matrix, [c.weight for c in used], [c.benefit for c in used])
        closeness = np.nan_to_num(np.asarray(closeness, dtype=float), nan=1.0)
    else:
        closeness = np.ones(len(candidates))

    for index, candidate in enumerate(candidates):
        candidate.closeness = float(closeness[index])
        for criterion in CRITERIA:
            values = columns[criterion.key]
            low, high = min(values), max(values)
            value = values[index]
            if high == low:
                score = 1.0
            elif criterion.benefit:
                score = (value - low) / (high - low)
            else:
                score = (high - value) / (high - low)
            candidate.scores.append(
                CriterionScore(
                    criterion,
                    value,
                    _shown(criterion.key, candidate, workspace),
                    score,
                    criterion in used,
                )
            )
    candidates.sort(key=lambda c: (-round(c.closeness, 9), c.vendor.name.casefold(), c.vendor.pk))
    for rank, candidate in enumerate(candidates, start=1):
        candidate.rank = rank


def _shown(key: str, candidate: Candidate, workspace: Workspace) -> str:
    if key == "capability":
        return f"{candidate.capability} of 5"
    if key == "cost":
        if candidate.annual_cost is None:
            return "not costed"
        shown = f"{workspace.currency} {candidate.annual_cost:,.0f}"
        if candidate.exchange and candidate.exchange.rate_date:
            shown += f" (from {candidate.rate.currency})"
        return shown
    if key == "certifications":
        return ", ".join(candidate.certificates) or "none in force"
    if key == "shore":
        return f"{candidate.shore.label} ({candidate.shore_country})"
    return VendorStatus(candidate.vendor.status).label
