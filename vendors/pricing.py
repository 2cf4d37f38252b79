"""How much of a rate card's unit a year of a function's work is. Pure numpy (no Django), so
the shortlist (one function) and the business case (every function of a workspace at once)
share one code path.

A rate card prices an hour, an FTE-month or a transaction (docs/domain.md, *Business case*):

| unit        | a year of the function's work             | needs          |
| ----------- | ----------------------------------------- | -------------- |
| hour        | FTE × productive hours per FTE-year        | FTE            |
| FTE-month   | FTE × 12                                   | FTE            |
| transaction | monthly volume × 12                        | monthly volume |
"""

import numpy as np

# Column order of `annual_quantities`; the values of vendors.models.RateUnit.
UNITS = ("hour", "fte_month", "transaction")
UNIT_INDEX = {unit: index for index, unit in enumerate(UNITS)}

# Productive hours in one FTE-year: 52 weeks × 40 h, less holidays, leave and sickness
# (≈ 45 days). Vendors' hourly cards assume about this; 1,720–1,880 are common figures.
HOURS_PER_FTE_YEAR = 1800
MONTHS_PER_YEAR = 12

# What a function must have for a rate in each unit to be costed.
NEEDS = {"hour": "FTE", "fte_month": "FTE", "transaction": "monthly volume"}
# How a sentence names a rate in each unit ("an hourly rate needs …").
RATE_WORDS = {"hour": "hourly", "fte_month": "FTE-month", "transaction": "per-transaction"}


def annual_quantities(
    fte: np.ndarray, monthly_volume: np.ndarray, hours_per_fte_year: np.ndarray | float
) -> np.ndarray:
    """(n, 3) units of work in a year per function, in UNITS order; NaN where the function
    lacks the figure the unit needs (a missing, zero or negative FTE or volume)."""
    fte = np.asarray(fte, dtype=float)
    volume = np.asarray(monthly_volume, dtype=float)
    hours = np.broadcast_to(np.asarray(hours_per_fte_year, dtype=float), fte.shape)
    fte = np.where(fte > 0, fte, np.nan)
    volume = np.where(volume > 0, volume, np.nan)
    return np.stack([fte * hours, fte * MONTHS_PER_YEAR, volume * MONTHS_PER_YEAR], axis=-1)
