"""The business case of outsourcing a function, for every function of a workspace in one
pass. Pure numpy: no Django, no database (the selectors feed it arrays).

Money is in the workspace currency; cash flows are yearly, at the end of each year
(docs/domain.md, *Business case*):

- year 0: the one-off transition cost, paid before any saving;
- years 1 … T: the annual saving S = in-house cost − outsourced cost × (1 + governance %),
  governance being the retained vendor-management team, a share of the contract value;
- year T: also the exit cost (bringing the work back or moving it on at the end of the term).

NPV = −transition + S × A(r, T) − exit × (1 + r)^−T, with the annuity factor
A(r, T) = (1 − (1 + r)^−T) / r (T when r = 0): the same as numpy-financial's
`npv(r, [−transition, S, …, S − exit])`. Payback is undiscounted: transition ÷ (S / 12)
months, and never when S ≤ 0. Break-even governance is the governance % at which NPV = 0.

Arrays broadcast: one function is the batch of one; shores are a trailing axis of 3.
"""

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from vendors.pricing import annual_quantities

SHORES = ("onshore", "nearshore", "offshore")  # the order of the shore axis
SENSITIVITY_STEP = 0.20  # the tornado moves each assumption ±20 %


@dataclass(frozen=True)
class RateTable:
    """Current rate cards (one entry per card), converted into the workspace currency.

    `group` numbers each (vendor, shore) pair: a vendor's price at a shore is its cheapest
    card there, so a vendor with three Indian cards counts once among the offshore vendors.
    """

    line: np.ndarray  # service line id
    group: np.ndarray  # (vendor, shore) pair id
    shore: np.ndarray  # index into SHORES
    unit: np.ndarray  # index into vendors.pricing.UNITS
    rate: np.ndarray  # price per unit, workspace currency


@dataclass(frozen=True)
class OutsourcedCosts:
    """Per function and shore: the median and the best (lowest) annual price among the
    vendors that can be costed, and how many vendors that is. NaN where none can."""

    median: np.ndarray  # (n, 3)
    best: np.ndarray  # (n, 3)
    vendors: np.ndarray  # (n, 3) int


def outsourced_costs(
    *,
    line: np.ndarray,
    fte: np.ndarray,
    monthly_volume: np.ndarray,
    hours_per_fte_year: np.ndarray | float,
    rates: RateTable,
) -> OutsourcedCosts:
    """What a year of each function's work costs at each shore, from its service line's
    rate cards (`line` < 0: no service line, so no price)."""
    n = len(line)
    median = np.full((n, 3), np.nan)
    best = np.full((n, 3), np.nan)
    vendors = np.zeros((n, 3), dtype=int)
    quantities = annual_quantities(fte, monthly_volume, hours_per_fte_year)
    for service_line in np.unique(line[line >= 0]):
        rows = np.flatnonzero(line == service_line)
        cards = np.flatnonzero(rates.line == service_line)
        if not len(cards):
            continue
        # Cards sorted by their (vendor, shore) group, so each group is one run of columns.
        cards = cards[np.argsort(rates.group[cards], kind="stable")]
        _, starts = np.unique(rates.group[cards], return_index=True)
        cost = quantities[rows][:, rates.unit[cards]] * rates.rate[cards]  # (rows, cards)
        per_group = np.fmin.reduceat(cost, starts, axis=1)  # NaN only if no card is costed
        group_shore = rates.shore[cards][starts]
        for shore in range(3):
            prices = per_group[:, group_shore == shore]
            if not prices.shape[1]:
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows stay NaN
                median[rows, shore] = np.nanmedian(prices, axis=1)
                best[rows, shore] = np.nanmin(prices, axis=1)
            vendors[rows, shore] = (~np.isnan(prices)).sum(axis=1)
    return OutsourcedCosts(median, best, vendors)


@dataclass(frozen=True)
class Case:
    """Results, shaped like the broadcast of the inputs (n, 3 shores, …)."""

    annual_saving: np.ndarray
    saving_pct: np.ndarray  # of the in-house cost, 0.38 = 38 %
    npv: np.ndarray
    payback_months: np.ndarray  # inf when it never pays back
    pays_back: np.ndarray  # bool: within the term
    break_even_governance: np.ndarray  # governance share at which NPV = 0
    governance_cost: np.ndarray


def annuity_factor(discount_rate: np.ndarray, term_years: np.ndarray) -> np.ndarray:
    """Present value of 1 a year for `term_years` at `discount_rate` (0.08 = 8 %)."""
    rate = np.asarray(discount_rate, dtype=float)
    term = np.asarray(term_years, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = (1 - (1 + rate) ** -term) / rate
    return np.where(rate == 0, term, factor)


def evaluate(
    *,
    in_house: np.ndarray,
    outsourced: np.ndarray,
    transition: np.ndarray,
    governance: np.ndarray,
    exit_cost: np.ndarray,
    term_years: np.ndarray,
    discount_rate: np.ndarray,
) -> Case:
    """The business case; every argument broadcasts against the others. Shares are
    fractions (governance 0.05, discount rate 0.08)."""
    in_house, outsourced, transition, governance, exit_cost, term, rate = (
        np.asarray(value, dtype=float)
        for value in (
            in_house,
            outsourced,
            transition,
            governance,
            exit_cost,
            term_years,
            discount_rate,
        )
    )
    governance_cost = outsourced * governance
    saving = in_house - outsourced - governance_cost
    annuity = annuity_factor(rate, term)
    exit_today = exit_cost * (1 + rate) ** -term
    npv = -transition + saving * annuity - exit_today
    with np.errstate(divide="ignore", invalid="ignore"):
        saving_pct = saving / in_house
        payback = np.where(saving > 0, transition / (saving / 12), np.inf)
        break_even = (in_house - outsourced - (transition + exit_today) / annuity) / outsourced
    return Case(
        annual_saving=saving,
        saving_pct=saving_pct,
        npv=npv,
        payback_months=payback,
        pays_back=payback <= term * 12,
        break_even_governance=break_even,
        governance_cost=governance_cost,
    )


# The assumptions the tornado moves, in the order it lists them.
ASSUMPTIONS = (
    ("in_house", "In-house annual cost"),
    ("outsourced", "Outsourced annual cost"),
    ("transition", "Transition cost"),
    ("governance", "Retained governance"),
    ("exit_cost", "Exit cost"),
    ("discount_rate", "Discount rate"),
    ("term_years", "Contract term"),
)


@dataclass(frozen=True)
class Sensitivity:
    """For one case: NPV with each assumption at −20 % and +20 %, and the value of each
    assumption at which NPV crosses zero (None where no value in a sensible range does)."""

    names: tuple[str, ...]
    labels: tuple[str, ...]
    base: dict[str, float]
    npv: float
    low: np.ndarray  # NPV at −20 %
    high: np.ndarray  # NPV at +20 %
    flips_at: dict[str, float | None]


def sensitivity(**base: float) -> Sensitivity:
    """Tornado and flip points of one case, given its scalar assumptions (evaluate's
    keywords). All 14 moved cases are computed in one call."""
    names = tuple(name for name, _ in ASSUMPTIONS)
    factors = np.array([1 - SENSITIVITY_STEP, 1 + SENSITIVITY_STEP])
    moved = {
        name: np.where(np.arange(len(names))[:, None] == index, base[name] * factors, base[name])
        for index, name in enumerate(names)
    }
    npv = evaluate(**moved).npv  # (assumptions, 2)
    return Sensitivity(
        names=names,
        labels=tuple(label for _, label in ASSUMPTIONS),
        base=dict(base),
        npv=float(evaluate(**base).npv),
        low=npv[:, 0],
        high=npv[:, 1],
        flips_at={name: _flip_point(base, name) for name in names},
    )


# Where to look for a flip of the assumptions that have no closed form.
_SEARCH = {"discount_rate": (0.0, 10.0), "term_years": (0.01, 100.0)}


def _flip_point(base: dict[str, float], name: str) -> float | None:
    """The value of `name` at which NPV = 0, all else equal; None if none is plausible."""
    if name in _SEARCH:
        low, high = _SEARCH[name]
        return _bisect(lambda x: float(evaluate(**{**base, name: x}).npv), low, high)
    # NPV is linear in every other assumption: two evaluations give the line's zero.
    at_zero = float(evaluate(**{**base, name: 0.0}).npv)
    slope = float(evaluate(**{**base, name: 1.0}).npv) - at_zero
    if slope == 0:
        return None
    value = -at_zero / slope
    return value if value >= 0 and np.isfinite(value) else None


def _bisect(f: Callable[[float], float], low: float, high: float) -> float | None:
    f_low, f_high = f(low), f(high)
    if np.sign(f_low) == np.sign(f_high):
        return None
    for _ in range(80):
        middle = (low + high) / 2
        f_middle = f(middle)
        if np.sign(f_middle) == np.sign(f_low):
            low, f_low = middle, f_middle
        else:
            high = middle
    return (low + high) / 2


@dataclass(frozen=True)
class Portfolio:
    """Every function of a workspace (one row each), what it takes to cost it, and the
    cases at the median and at the best vendor price per shore."""

    in_house: np.ndarray  # (n,), NaN where neither a cost nor FTE × loaded cost is known
    costs: OutsourcedCosts
    median: Case  # (n, 3)
    best: Case  # (n, 3)
    best_shore: np.ndarray  # (n,) index of the shore with the highest median NPV, −1 if none

    def at_best_shore(self, values: np.ndarray) -> np.ndarray:
        """(n,) the value of each function's best shore in an (n, 3) array; NaN if none."""
        picked = np.take_along_axis(values, np.maximum(self.best_shore, 0)[:, None], axis=1)
        return np.where(self.best_shore >= 0, picked[:, 0], np.nan)


def portfolio(
    *,
    annual_cost: np.ndarray,
    fte: np.ndarray,
    monthly_volume: np.ndarray,
    line: np.ndarray,
    loaded_cost_per_fte: np.ndarray,
    hours_per_fte_year: np.ndarray | float,
    transition: np.ndarray,
    governance: np.ndarray,
    exit_cost: np.ndarray,
    term_years: np.ndarray,
    discount_rate: np.ndarray,
    rates: RateTable,
) -> Portfolio:
    """The business cases of n functions × 3 shores in one pass (NaN for unknown inputs)."""
    annual_cost = np.asarray(annual_cost, dtype=float)
    derived = np.asarray(fte, dtype=float) * np.asarray(loaded_cost_per_fte, dtype=float)
    in_house = np.where(annual_cost > 0, annual_cost, np.where(derived > 0, derived, np.nan))
    costs = outsourced_costs(
        line=np.asarray(line),
        fte=fte,
        monthly_volume=monthly_volume,
        hours_per_fte_year=hours_per_fte_year,
        rates=rates,
    )
    per_function = {
        "in_house": in_house,
        "transition": transition,
        "governance": governance,
        "exit_cost": exit_cost,
        "term_years": term_years,
        "discount_rate": discount_rate,
    }
    column = {key: np.asarray(value, dtype=float)[:, None] for key, value in per_function.items()}
    median = evaluate(outsourced=costs.median, **column)
    best = evaluate(outsourced=costs.best, **column)
    npv = np.where(np.isnan(median.npv), -np.inf, median.npv)
    best_shore = np.where(np.isfinite(npv).any(axis=1), npv.argmax(axis=1), -1)
    return Portfolio(in_house, costs, median, best, best_shore)
