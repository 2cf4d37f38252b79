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
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from assessments.models import Recommendation, SourcingOption
from assessments.scoring import topsis
from outsourcing.currencies import ExchangeRate, NotConvertible, exchange_rate
from outsourcing.models import BusinessFunction, Workspace
from vendors.geography import Shore, countries_at_shore, shore_of
from vendors.models import (
    Certification,
    CertificationKind,
    DeliveryCentre,
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
    candidates: list[Candidate] = field(default_factory=list)  # the best `shown`, ranked
    excluded: list[Exclusion] = field(default_factory=list)  # the first `shown_excluded`
    criteria: tuple[Criterion, ...] = CRITERIA
    dropped: list[str] = field(default_factory=list)
    candidate_count: int = 0  # all ranked candidates, shown or not
    excluded_count: int = 0


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
    *,
    function: BusinessFunction,
    workspace: Workspace,
    today: date | None = None,
    shown: int | None = None,
    shown_excluded: int | None = None,
) -> Shortlist:
    """The ranked vendor shortlist for a function of `workspace` (see the module docstring).

    Every candidate is ranked, from one narrow row per vendor worked out by the database
    (`_ranking_rows`); only the best `shown` candidates and the first `shown_excluded` left-out
    vendors (all when None) are then read in full, to say what each row of the page says."""
    today = today or date.today()
    unranked = _unranked(function)
    if unranked is not None:
        return unranked
    assessment, option = function.latest_assessment, function.latest_assessment.recommendation
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
    rows = _ranking_rows(lines, quantities, workspace, sensitive=sensitive, today=today)
    candidates = [row for row in rows if not row.excluded]
    excluded = [row for row in rows if row.excluded]
    shortlist.candidate_count, shortlist.excluded_count = len(candidates), len(excluded)
    if not candidates:
        shortlist.state = "no_candidates"
        shortlist.message = (
            "No vendor in the catalog qualifies."
            if excluded
            else f"No vendor in the catalog is {matched_on}."
        )
    else:
        shortlist.notes += _costing_notes(candidates, quantities, workspace)
        _rank(shortlist, candidates, quantities, workspace, today=today, shown=shown)
    shortlist.excluded = _exclusions(
        excluded if shown_excluded is None else excluded[:shown_excluded],
        lines,
        sensitive=sensitive,
        today=today,
    )
    return shortlist


def _exclusions(
    rows: list["RankingRow"], lines: list[ServiceLine], *, sensitive: bool, today: date
) -> list[Exclusion]:
    """The left-out vendors of `rows`, read in full to say why each is left out."""
    by_pk = _vendors_in_detail(lines, today, [row.pk for row in rows])
    return [
        Exclusion(vendor, _exclusion_reasons(vendor, sensitive=sensitive, today=today))
        for vendor in (by_pk[row.pk] for row in rows)
    ]


@dataclass
class RankingRow:
    """What ranking needs of one vendor offering the service line, as the database works it
    out: one narrow row per vendor instead of its offerings, rates, centres and certificates."""

    pk: int
    name: str
    status: str
    excluded: bool
    capability: int
    cost: Decimal | None  # a year of the function's work at its cheapest costable rate
    exchange: ExchangeRate | None  # how that rate's currency was converted
    shore: Shore
    certificates: int  # certificate kinds in force
    lacking_units: set[str]  # units of its current rates the function has no figures for


def _current_rates(lines: list[ServiceLine], today: date):
    return RateCard.objects.filter(service_line__in=lines, valid_from__lte=today).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )


def _cost_expression(currencies, quantities, workspace: Workspace):
    """SQL for a year of the function's work at a rate card, in the workspace currency, as
    `_candidate` works it out (rate × exchange rate × quantity); NULL where the currency is
    not quoted or the function lacks the unit's figure. Also the exchange rates it used."""
    exchanges = {}
    for currency in currencies:
        try:
            exchanges[currency] = exchange_rate(currency, workspace.currency)
        except NotConvertible:
            continue
    cases = [
        When(
            unit=unit,
            currency=currency,
            then=F("rate") * Value(exchange.rate) * Value(quantity),
        )
        for currency, exchange in exchanges.items()
        for unit, quantity in quantities.items()
        if quantity is not None
    ]
    output = DecimalField(max_digits=40, decimal_places=12)
    return Case(*cases, default=Value(None, output_field=output), output_field=output), exchanges


def _ranking_rows(
    lines: list[ServiceLine],
    quantities: dict[str, Decimal | None],
    workspace: Workspace,
    *,
    sensitive: bool,
    today: date,
) -> list[RankingRow]:
    """Every vendor offering one of `lines`, by legal name: a handful of grouped queries, one
    row per vendor each, whatever the number of rates, centres and certificates. (Correlated
    subqueries per vendor were slower: PostgreSQL's estimate of them set off JIT compiling.)"""
    offers = Exists(Offering.objects.filter(vendor=OuterRef("vendor"), service_line__in=lines))
    capability = dict(
        Offering.objects.filter(service_line__in=lines)
        .order_by()
        .values("vendor")
        .annotate(level=Max("capability_level"))
        .values_list("vendor", "level")
    )
    best, exchanges = _best_rates(lines, quantities, workspace, today)
    certificates = _certificates_in_force(offers, today)
    centre_shore = _centre_shores(offers, workspace)
    lacking: dict[int, set[str]] = {}
    missing = [unit for unit, quantity in quantities.items() if quantity is None]
    current = _current_rates(lines, today).filter(unit__in=missing).order_by()
    for vendor, unit in current.values_list("vendor", "unit"):
        lacking.setdefault(vendor, set()).add(unit)
    rows = []
    for pk, display_name, legal_name, status, headquarters in (
        Vendor.objects.filter(
            Exists(Offering.objects.filter(vendor=OuterRef("pk"), service_line__in=lines))
        )
        .order_by("legal_name", "pk")
        .values_list("pk", "display_name", "legal_name", "status", "headquarters_country")
    ):
        best_cost, currency, country = best.get(pk, (None, None, None))
        kinds, secure = certificates.get(pk, (0, 0))
        if country is not None:
            shore = shore_of(country, workspace.country)
        elif pk in centre_shore:
            shore = next(s for s, value in SHORE_VALUE.items() if value == centre_shore[pk])
        else:
            shore = shore_of(str(headquarters), workspace.country)
        rows.append(
            RankingRow(
                pk=pk,
                name=display_name or legal_name,
                status=status,
                excluded=status == VendorStatus.SUSPENDED or (sensitive and not secure),
                capability=capability[pk],
                cost=best_cost,
                exchange=exchanges.get(currency),
                shore=shore,
                certificates=kinds,
                lacking_units=lacking.get(pk, set()),
            )
        )
    return rows


def _best_rates(lines, quantities, workspace: Workspace, today: date):
    """Each vendor's cheapest costable current rate: {vendor pk: (annual cost in the
    workspace currency, rate currency, delivery country)}, and the exchange rates used."""
    current = _current_rates(lines, today)
    cost, exchanges = _cost_expression(
        set(current.order_by().values_list("currency", flat=True).distinct()),
        quantities,
        workspace,
    )
    cheapest = (
        current.annotate(cost=cost)
        .filter(cost__isnull=False)
        .annotate(
            # On a tie, the first in the order `_candidate` reads the rates in.
            place=Window(
                RowNumber(),
                partition_by=F("vendor"),
                order_by=[F("cost"), "delivery_country", "unit", F("valid_from").desc()],
            )
        )
        .filter(place=1)
        .values_list("vendor", "cost", "currency", "delivery_country")
    )
    return {vendor: (cost, currency, country) for vendor, cost, currency, country in cheapest}, (
        exchanges
    )


def _certificates_in_force(offers: Exists, today: date) -> dict[int, tuple[int, int]]:
    """{vendor pk: (certificate kinds in force, security certificates in force)}."""
    return {
        vendor: (kinds, secure)
        for vendor, kinds, secure in Certification.objects.filter(offers)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .order_by()
        .values("vendor")
        .annotate(
            kinds=Count("kind", distinct=True),
            secure=Count("pk", filter=Q(kind__in=SECURITY_CERTIFICATES)),
        )
        .values_list("vendor", "kinds", "secure")
    }


def _centre_shores(offers: Exists, workspace: Workspace) -> dict[int, int]:
    """The closest shore value of each offering vendor's centres (a vendor with no centre is
    placed by its headquarters instead)."""
    shore_value = Case(
        *(
            When(country__in=countries_at_shore(shore, workspace.country), then=Value(value))
            for shore, value in SHORE_VALUE.items()
            if shore != Shore.OFFSHORE
        ),
        default=Value(SHORE_VALUE[Shore.OFFSHORE]),
    )
    return dict(
        DeliveryCentre.objects.filter(offers)
        .order_by()
        .values("vendor")
        .annotate(value=Max(shore_value))
        .values_list("vendor", "value")
    )


def _unranked(function: BusinessFunction) -> Shortlist | None:
    """The shortlist that says why there is nothing to rank, or None when there is."""
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
    return None


def _costing_notes(
    candidates: list[RankingRow], quantities: dict[str, Decimal | None], workspace: Workspace
) -> list[str]:
    """What the whole shortlist's costs rest on, each said once: which figures the function
    lacks for some of the candidates' rates, and which exchange rates were used."""
    notes = []
    units = set().union(*(c.lacking_units for c in candidates))
    missing = sorted({NEEDS[unit] for unit in units})
    if missing:
        labels = sorted(RATE_WORDS[unit] for unit in units)
        notes.append(
            f"This function has no {' or '.join(missing)}, so {' and '.join(labels)} rates "
            "are not costed."
        )
    exchanges = sorted(
        {str(c.exchange) for c in candidates if c.cost is not None and c.exchange.rate_date}
    )
    if exchanges:
        notes.append(f"Costs converted into {workspace.currency}: {'; '.join(exchanges)}.")
    return notes


def _vendors_in_detail(lines: list[ServiceLine], today: date, pks: list[int]) -> dict:
    """The vendors with these pks with every record a shortlist row shows, by pk."""
    if not pks:
        return {}
    vendors = Vendor.objects.filter(pk__in=pks).prefetch_related(
        Prefetch(
            "offerings",
            queryset=Offering.objects.filter(service_line__in=lines),
            to_attr="matching_offerings",
        ),
        Prefetch("certifications", to_attr="all_certifications"),
        Prefetch("centres", to_attr="all_centres"),
        Prefetch("rate_cards", queryset=_current_rates(lines, today), to_attr="current_rates"),
    )
    return {vendor.pk: vendor for vendor in vendors}


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


def _rank(
    shortlist: Shortlist,
    rows: list[RankingRow],
    quantities: dict[str, Decimal | None],
    workspace: Workspace,
    *,
    today: date,
    shown: int | None,
) -> None:
    """Rank every candidate by TOPSIS on arrays, then read the best `shown` in full."""
    known_costs = [row.cost for row in rows if row.cost is not None]
    columns = _columns(rows, known_costs)
    if not known_costs:
        shortlist.notes.append(
            "No candidate has a current rate that can be costed for this function, so cost "
            "is left out of the ranking."
        )
    elif len(known_costs) < len(rows):
        shortlist.notes.append("A vendor whose rates cannot be costed counts at the worst cost.")

    used = [
        criterion
        for criterion in CRITERIA
        if (criterion.key != "cost" or known_costs) and len(set(columns[criterion.key])) > 1
    ]
    shortlist.dropped = [c.label for c in CRITERIA if c not in used]
    if used and len(rows) > 1:
        matrix = np.array([columns[c.key] for c in used]).T
        closeness = topsis(matrix, [c.weight for c in used], [c.benefit for c in used])
        closeness = np.nan_to_num(np.asarray(closeness, dtype=float), nan=1.0)
    else:
        closeness = np.ones(len(rows))
    order = sorted(
        range(len(rows)),
        key=lambda i: (-round(float(closeness[i]), 9), rows[i].name.casefold(), rows[i].pk),
    )
    chosen = order if shown is None else order[:shown]
    vendors = _vendors_in_detail(
        [shortlist.function.service_line], today, [rows[i].pk for i in chosen]
    )
    for rank, index in enumerate(chosen, start=1):
        candidate = _candidate(vendors[rows[index].pk], quantities, workspace, today)
        candidate.closeness, candidate.rank = float(closeness[index]), rank
        candidate.scores = [
            CriterionScore(
                criterion,
                columns[criterion.key][index],
                _shown(criterion.key, candidate, workspace),
                _criterion_score(criterion, columns[criterion.key], index),
                criterion in used,
            )
            for criterion in CRITERIA
        ]
        shortlist.candidates.append(candidate)


def _columns(rows: list[RankingRow], known_costs: list[Decimal]) -> dict[str, list[float]]:
    """The ranking matrix by criterion; a vendor that cannot be costed counts at the worst."""
    worst_cost = float(max(known_costs)) if known_costs else 0.0
    return {
        "capability": [float(row.capability) for row in rows],
        "cost": [float(row.cost) if row.cost is not None else worst_cost for row in rows],
        "certifications": [float(row.certificates) for row in rows],
        "shore": [float(SHORE_VALUE[row.shore]) for row in rows],
        "status": [float(STATUS_VALUE[VendorStatus(row.status)]) for row in rows],
    }


def _criterion_score(criterion: Criterion, values: list[float], index: int) -> float:
    """0–1 within the shortlist, 1 = the best candidate on this criterion."""
    low, high = min(values), max(values)
    if high == low:
        return 1.0
    if criterion.benefit:
        return (values[index] - low) / (high - low)
    return (high - values[index]) / (high - low)


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
