"""Time the business case of a whole portfolio (``make bench``; needs no Django).

Figure: `businesscase.calculation.portfolio` for 10,000 functions × 3 shores (median and best
vendor price per shore, NPV, payback, break-even governance) against a catalog of 20 service
lines × 60 vendors with 1–3 rate cards each, best of 5 runs, printed as a ratio to the 1 s the
issue allows (below 1.00 is inside the limit). Timings are printed, never asserted.
"""

from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from businesscase.calculation import RateTable, portfolio

FUNCTIONS = 10_000
LINES, VENDORS_PER_LINE = 20, 60
LIMIT_SECONDS = 1.0


def catalog(rng: np.random.Generator) -> RateTable:
    line, group, shore, unit, rate = [], [], [], [], []
    next_group = 0
    for service_line in range(LINES):
        for _ in range(VENDORS_PER_LINE):
            vendor_shore = int(rng.integers(0, 3))
            for _ in range(int(rng.integers(1, 4))):
                card_unit = int(rng.integers(0, 3))
                line.append(service_line)
                group.append(next_group)
                shore.append(vendor_shore)
                unit.append(card_unit)
                rate.append((40.0, 5000.0, 2.0)[card_unit] * (1 - 0.3 * vendor_shore))
            next_group += 1
    return RateTable(*(np.array(values) for values in (line, group, shore, unit, rate)))


def inputs(rng: np.random.Generator) -> dict:
    n = FUNCTIONS
    fte = rng.uniform(0.5, 40, n).round(1)
    return {
        "annual_cost": np.where(rng.random(n) < 0.2, np.nan, fte * 65_000),
        "fte": np.where(rng.random(n) < 0.05, np.nan, fte),
        "monthly_volume": np.where(rng.random(n) < 0.3, np.nan, rng.integers(100, 50_000, n)),
        "line": np.where(rng.random(n) < 0.1, -1, rng.integers(0, LINES, n)),
        "loaded_cost_per_fte": np.full(n, 65_000.0),
        "hours_per_fte_year": 1800.0,
        "transition": rng.uniform(0, 500_000, n),
        "governance": np.full(n, 0.05),
        "exit_cost": rng.uniform(0, 200_000, n),
        "term_years": np.full(n, 5.0),
        "discount_rate": np.full(n, 0.08),
    }


def main() -> None:
    rng = np.random.default_rng(11)
    rates, data = catalog(rng), inputs(rng)
    result = portfolio(rates=rates, **data)  # warm up
    assert result.median.npv.shape == (FUNCTIONS, 3)
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        portfolio(rates=rates, **data)
        timings.append(time.perf_counter() - start)
    seconds = min(timings)
    print(
        f"Sourcewise business-case benchmark ({platform.python_implementation()} "
        f"{platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPUs)"
    )
    print(f"{'task':<58} {'seconds':>9} {'ratio to 1 s':>13}")
    task = f"portfolio, {FUNCTIONS:,} functions x 3 shores, {len(rates.rate):,} rate cards"
    print(f"{task:<58} {seconds:>9.4f} {seconds / LIMIT_SECONDS:>13.3f}")


if __name__ == "__main__":
    main()
