"""Checking what comes in: factor ratings and criteria weights.

Ratings must be whole numbers from 1 to 5 (5.0 is fine, 2.5 is not; True is not a rating,
though Python would read it as 1). Validation is vectorised:
bad cells are found with numpy over the whole table and only the first few are formatted, so
an upload of 100,000 rows is checked as fast as it is scored.

Weights: every criterion needs a finite, non-negative number (not a boolean) as its weight, at
least one must be positive, and their sum must be finite (1e308 five times overflows to
infinity, which would turn every weight into 0 and every score into 50). They are then
**normalised to sum to 1** rather than rejected when they do not, so a consultant may type
percentages (25, 15, 30, 10, 20) or any proportional figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from .errors import InvalidRatings, InvalidWeights
from .factors import CRITERIA, FACTORS
from .model import DEFAULT_WEIGHTS

#: Enough messages to show the pattern of a bad upload; the rest are counted, not formatted.
_SHOWN = 20


class Ratings(NamedTuple):
    """Validated ratings: a float (n, 8) array in FACTORS order and the row labels."""

    values: np.ndarray
    index: pd.Index
    single: bool  # one function given as a mapping: messages then name no row


def ratings_table(ratings: pd.DataFrame | np.ndarray | Mapping[str, Any]) -> Ratings:
    """Validate ratings and return them as a float array.

    Accepts a DataFrame with (at least) the eight FACTORS columns (extra columns are ignored,
    the index labels rows in messages), an (n, 8) array in FACTORS order (rows numbered from
    0), or a mapping factor -> rating for one function.

    Raises ``InvalidRatings`` naming each bad cell, e.g. "row 3, data_sensitivity: 6 is not
    between 1 and 5", or "missing factor column(s): control_need".
    """
    single = isinstance(ratings, Mapping)
    frame = _ratings_frame(ratings)
    missing = [f for f in FACTORS if f not in frame.columns]
    if missing:
        noun = "factor(s)" if single else "factor column(s)"
        raise InvalidRatings(f"missing {noun}: {', '.join(missing)}")
    values, not_number = _numeric_values(frame)
    _check_cells(frame, values, not_number, single=single)
    return Ratings(values=values, index=frame.index, single=single)


def _ratings_frame(ratings: pd.DataFrame | np.ndarray | Mapping[str, Any]) -> pd.DataFrame:
    """Whatever form the ratings came in, as a DataFrame with factor columns."""
    if isinstance(ratings, Mapping):
        return pd.DataFrame([dict(ratings)])
    if isinstance(ratings, pd.DataFrame):
        return ratings
    array = np.asarray(ratings)
    if array.ndim != 2 or array.shape[1] != len(FACTORS):
        raise InvalidRatings(
            f"ratings array must have shape (n, {len(FACTORS)}) with columns in FACTORS "
            f"order; got shape {array.shape}"
        )
    return pd.DataFrame(array, columns=list(FACTORS))


def _numeric_values(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The factor columns as floats (NaN where unreadable), and where a cell is not a number.

    Booleans count as "not a number": Python would read True as a rating of 1.
    """
    values = np.empty((len(frame), len(FACTORS)))
    not_number = np.zeros(values.shape, dtype=bool)
    for j, factor in enumerate(FACTORS):
        column = frame[factor]
        if pd.api.types.is_bool_dtype(column.dtype):
            values[:, j] = np.nan
        elif pd.api.types.is_numeric_dtype(column.dtype):
            values[:, j] = column.to_numpy(dtype=float, na_value=np.nan)
        else:
            converted = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)
            values[:, j] = converted
            not_number[:, j] = np.isnan(converted) & column.notna().to_numpy()
        not_number[:, j] |= _booleans(column)
    return values, not_number


def _check_cells(
    frame: pd.DataFrame, values: np.ndarray, not_number: np.ndarray, *, single: bool
) -> None:
    """Raise ``InvalidRatings`` naming the first bad cells, if any cell is not a rating 1..5."""
    missing_value = np.isnan(values) & ~not_number
    known = ~np.isnan(values)
    outside = known & ((values < 1) | (values > 5))
    with np.errstate(invalid="ignore"):
        fractional = known & ~outside & (values != np.round(values))
    bad = not_number | missing_value | outside | fractional
    if not bad.any():
        return
    rows, cols = np.nonzero(bad)
    problems = []
    for i, j in zip(rows[:_SHOWN], cols[:_SHOWN], strict=True):
        where = FACTORS[j] if single else f"row {frame.index[i]}, {FACTORS[j]}"
        if not_number[i, j]:
            what = _not_a_number(frame[FACTORS[j]].iloc[i])
        elif missing_value[i, j]:
            what = "missing value (NaN)"
        elif outside[i, j]:
            what = f"{_number(values[i, j])} is not between 1 and 5"
        else:
            what = f"{_number(values[i, j])} is not a whole number (ratings are 1, 2, 3, 4 or 5)"
        problems.append(f"{where}: {what}")
    raise InvalidRatings(problems, total=len(rows))


def _not_a_number(cell: Any) -> str:
    if isinstance(cell, bool | np.bool_):
        return f"{bool(cell)!r} is a yes/no value, not a rating 1 to 5"
    return f"{cell!r} is not a number"


def normalise_weights(weights: Mapping[str, float] | None) -> np.ndarray:
    """Validate criteria weights and return them in CRITERIA order, summing to 1.

    ``None`` means DEFAULT_WEIGHTS. Weights that do not sum to 1 are rescaled (normalised),
    not rejected. Raises ``InvalidWeights`` for a missing or unknown criterion, a weight that
    is not a number, negative, NaN or infinite, or all weights zero.
    """
    if weights is None:
        weights = DEFAULT_WEIGHTS
    if not hasattr(weights, "items"):
        raise InvalidWeights(
            f"weights must be a mapping of criterion to weight, got {type(weights).__name__}"
        )
    problems = [
        f"unknown criterion {key!r} (expected one of: {', '.join(CRITERIA)})"
        for key in weights
        if key not in CRITERIA
    ]
    absent = [c for c in CRITERIA if c not in weights]
    if absent:
        problems.append(f"missing weight for criterion(s): {', '.join(absent)}")
    result = np.zeros(len(CRITERIA))
    for k, criterion in enumerate(CRITERIA):
        if criterion not in weights:
            continue
        raw = weights[criterion]
        if isinstance(raw, bool | np.bool_):
            problems.append(
                f"weight for {criterion!r} is a yes/no value ({bool(raw)!r}), not a number"
            )
            continue
        try:
            value = float(raw)
        except (TypeError, ValueError):
            problems.append(f"weight for {criterion!r} is not a number ({raw!r})")
            continue
        if not np.isfinite(value):
            problems.append(f"weight for {criterion!r} is not a finite number ({value})")
        elif value < 0:
            problems.append(f"weight for {criterion!r} is negative ({_number(value)})")
        result[k] = value
    if problems:
        raise InvalidWeights(problems)
    with np.errstate(over="ignore"):
        total = result.sum()
    if not np.isfinite(total):
        raise InvalidWeights(
            "the weights are too large to add up (their sum is not a finite number): "
            "give them as percentages or fractions"
        )
    if total <= 0:
        raise InvalidWeights("all weights are zero: give at least one criterion a positive weight")
    return result / total


def _booleans(column: pd.Series) -> np.ndarray:
    """Which cells hold True or False: a bool column entirely; an object column cell by cell."""
    if pd.api.types.is_bool_dtype(column.dtype):
        return np.ones(len(column), dtype=bool)
    if column.dtype == object:
        return column.map(lambda value: isinstance(value, bool | np.bool_)).to_numpy(dtype=bool)
    return np.zeros(len(column), dtype=bool)


def _number(value: float) -> str:
    """Format a rating or weight the way a person typed it (6, not 6.0; 2.5; inf)."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
