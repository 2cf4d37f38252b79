"""Time the scoring engine and print a small table (``make bench``; needs no Django).

The figure that matters: ``score_batch`` on 100,000 random functions -- scores, the call,
each factor's contribution to the leader and runner-up, and the fragile-call check (every
function's 16 single-step rating changes decided) -- best of 5, against a limit of 0.3 s,
and as a ratio to a bare numpy matrix product of the same ratings measured in the same run
(the least any scorer must do). Also: the same model as a plain per-row Python loop, timed
on 2,000 rows and extrapolated; Monte Carlo robustness for 10,000 functions x 1,000 draws;
weight_intervals for one function. Timings are printed, never asserted: machines differ.
"""

from __future__ import annotations

import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

# Run from anywhere without installing: the engine is imported from this checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assessments.scoring import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    FACTOR_INFO,
    FACTORS,
    NO_CALL,
    OPTIONS,
    robustness,
    score_batch,
    weight_intervals,
)
from assessments.scoring.model import (
    BASELINE,
    DIRECTION,
    FACTOR_SHARE,
    NO_CLEAR_CALL_MARGIN,
    option_coefficients,
    stage_coefficients,
)
from assessments.scoring.validation import normalise_weights

BATCH_ROWS = 100_000
LIMIT_SECONDS = 0.3
LOOP_ROWS = 2_000
ROBUST_ROWS, ROBUST_DRAWS = 10_000, 1_000


def best_of(
    runs: int, work: Callable[[], object], clock: Callable[[], float] = time.perf_counter
) -> float:
    """Fastest of ``runs`` timings in seconds: the least disturbed by other processes."""
    timings = []
    for _ in range(runs):
        start = clock()
        work()
        timings.append(clock() - start)
    return min(timings)


def loop_model(rows: list[list[int]], weights: dict[str, float]) -> list[dict]:
    """The same model, one row at a time in plain Python: the baseline the batch beats."""
    total = sum(weights.values())
    factor_weight = [weights[FACTOR_INFO[f].criterion] / total * FACTOR_SHARE[f] for f in FACTORS]
    table = DIRECTION.tolist()
    norm = max(sum(w * abs(d) for w, d in zip(factor_weight, row, strict=True)) for row in table)
    coefficient = [
        [50.0 * w * d / norm for w, d in zip(factor_weight, row, strict=True)] for row in table
    ]
    results = []
    for ratings in rows:
        for value in ratings:
            if value not in (1, 2, 3, 4, 5):
                raise ValueError(f"bad rating {value}")
        centred = [(r - 3) / 2 for r in ratings]
        scores = [
            BASELINE + sum(c * s for c, s in zip(row, centred, strict=True)) for row in coefficient
        ]
        order = sorted(range(len(OPTIONS)), key=lambda k: -scores[k])
        margin = scores[order[0]] - scores[order[1]]
        call = OPTIONS[order[0]] if margin >= NO_CLEAR_CALL_MARGIN - 1e-9 else NO_CALL
        results.append({"scores": scores, "recommendation": call, "margin": margin})
    return results


def main() -> None:
    rng = np.random.default_rng(2024)
    ratings = pd.DataFrame(rng.integers(1, 6, size=(BATCH_ROWS, len(FACTORS))), columns=FACTORS)
    score_batch(ratings.head(10))  # warm up imports and caches

    batch = best_of(5, lambda: score_batch(ratings))
    # CPU seconds as well: on a shared machine the wall clock also counts other people's work.
    batch_cpu = best_of(5, lambda: score_batch(ratings), clock=time.process_time)
    # The yardstick: the same ratings times the model's (4, 8) table, nothing else.
    values = ratings.to_numpy(dtype=float)
    table = option_coefficients(stage_coefficients(normalise_weights(None)))
    matmul = best_of(20, lambda: values @ table.T)
    rows = ratings.head(LOOP_ROWS).to_numpy().tolist()
    loop = best_of(3, lambda: loop_model(rows, DEFAULT_WEIGHTS)) * (BATCH_ROWS / LOOP_ROWS)
    # The loop must be the same model, or the comparison means nothing.
    looped = loop_model(rows[:200], DEFAULT_WEIGHTS)
    batched = score_batch(ratings.head(200))
    assert np.allclose([r["scores"] for r in looped], batched.iloc[:, :4].to_numpy())
    assert [r["recommendation"] for r in looped] == batched["recommendation"].tolist()

    robust_rows = ratings.head(ROBUST_ROWS)
    robust = best_of(2, lambda: robustness(robust_rows, draws=ROBUST_DRAWS, seed=0))
    one = dict(zip(FACTORS, rows[0], strict=True))
    intervals = best_of(5, lambda: weight_intervals(one))

    print(
        f"Sourcewise scoring benchmark ({platform.python_implementation()} "
        f"{platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, "
        f"{os.cpu_count()} CPUs)"
    )
    table_rows = [
        (f"score_batch, {BATCH_ROWS:,} rows, contributions + flips", batch, BATCH_ROWS),
        ("  the same, CPU seconds", batch_cpu, BATCH_ROWS),
        (f"bare numpy matmul, {BATCH_ROWS:,} x 8 @ 8 x 4", matmul, BATCH_ROWS),
        (
            f"Python loop (scores, call), {LOOP_ROWS:,} rows x {BATCH_ROWS // LOOP_ROWS}",
            loop,
            BATCH_ROWS,
        ),
        (
            f"robustness, {ROBUST_ROWS:,} rows x {ROBUST_DRAWS:,} draws",
            robust,
            ROBUST_ROWS * ROBUST_DRAWS,
        ),
        (f"weight_intervals, 1 function x {len(CRITERIA)} criteria", intervals, 1),
    ]
    print(f"{'task':<52} {'seconds':>9} {'per second':>14}")
    for task, seconds, count in table_rows:
        print(f"{task:<52} {seconds:>9.4f} {count / seconds:>14,.0f}")
    print(f"score_batch / bare matmul: {batch / matmul:,.0f}x")
    for label, seconds in (("wall", batch), ("CPU", batch_cpu)):
        print(
            f"score_batch ({label}) / limit of {LIMIT_SECONDS} s: {seconds / LIMIT_SECONDS:.2f} "
            f"({'within' if seconds <= LIMIT_SECONDS else 'OVER'} the limit)"
        )
    print(f"speed-up of score_batch over the loop: {loop / batch:,.0f}x")


if __name__ == "__main__":
    main()
