"""Bulk scoring without storing: for clients who keep their inventory in their own systems."""

import json

import pandas as pd
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.views import APIView

from api.problems import Problem, RowsInvalid
from api.serializers.scoring import (
    MAX_ROWS,
    BulkScoreRequestSerializer,
    BulkScoreResponseSerializer,
)
from assessments import scoring
from assessments.models import FACTOR_FIELDS
from assessments.scoring import MODEL_VERSION
from assessments.selectors import workspace_weights
from outsourcing.access import workspace_membership

# A rating is one of these; 5.0 equals 5. Booleans are refused separately (True == 1).
RATINGS = frozenset(range(1, 6))
ERRORS_SHOWN = 20


def _checked_rows(rows) -> list[dict[str, int]]:
    """The rows as ratings, or RowsInvalid naming each bad row and column (the first few)."""
    clean, errors, total = [], [], 0
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            total += 1
            if len(errors) < ERRORS_SHOWN:
                errors.append(
                    {"row": index, "field": "rows", "message": "A row is an object of ratings."}
                )
            continue
        ratings = {}
        for factor in FACTOR_FIELDS:
            value = row.get(factor)
            if (
                not isinstance(value, int | float)
                or isinstance(value, bool)
                or value not in RATINGS
            ):
                total += 1
                if len(errors) < ERRORS_SHOWN:
                    errors.append(_cell_error(index, factor, value))
            else:
                ratings[factor] = int(value)
        clean.append(ratings)
    if errors:
        raise RowsInvalid(errors, total=total)
    return clean


def _cell_error(index: int, factor: str, value) -> dict:
    label = scoring.FACTOR_INFO[factor].label
    if value is None:
        message = f"row {index}, {factor}: {label} is missing (rate it from 1 to 5)."
    else:
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
        message = f"row {index}, {factor}: {shown} is not a whole number from 1 to 5."
    return {"row": index, "column": factor, "field": f"rows[{index}].{factor}", "message": message}


def _weights(request, data: dict) -> dict[str, float] | None:
    """The weights to score with: a workspace's, the caller's, or (None) the defaults."""
    if data.get("workspace") is not None:
        slug = data["workspace"]
        if not isinstance(slug, str):
            raise exceptions.ValidationError({"workspace": ["Give a workspace slug."]})
        membership = workspace_membership(user=request.user, slug=slug)
        return workspace_weights(workspace=membership.workspace)
    weights = data.get("weights")
    if weights is not None and not isinstance(weights, dict):
        raise exceptions.ValidationError({"weights": ["Give one weight per criterion."]})
    return weights


def _scored(rows: list[dict[str, int]], weights, *, explain: bool) -> pd.DataFrame:
    try:
        scored = scoring.score_batch(pd.DataFrame(rows, columns=list(FACTOR_FIELDS)), weights)
    except scoring.InvalidWeights as exc:
        raise exceptions.ValidationError({"weights": list(exc.problems)}) from None
    if explain:
        scored["explanation"] = [scoring.explain(row) for row in scored.to_dict("records")]
    return scored


class BulkScore(APIView):
    @extend_schema(
        summary="Score up to 10,000 functions at once, storing nothing",
        description="The engine's batch scoring (`score_batch`), the same as assessments "
        "are scored with: per row, in row order, the four option scores, the recommendation "
        "and runner-up, the margin, the close call, the model version and each factor's "
        "contribution to the winner's and runner-up's score (`contrib_winner__<factor>`, "
        "`contrib_runner_up__<factor>`). With `explain`, each row also gets its explanation "
        "in words (slower: about a tenth of a millisecond a row). Rows are checked cell by "
        "cell; a bad cell is named by row (from 0) and column and nothing is scored.",
        request=BulkScoreRequestSerializer,
        responses={200: BulkScoreResponseSerializer},
    )
    def post(self, request):
        data = request.data
        if not isinstance(data, dict):
            raise exceptions.ValidationError(["Send a JSON object with a `rows` list."])
        rows = data.get("rows")
        if not isinstance(rows, list) or not rows:
            raise exceptions.ValidationError({"rows": ["Give a list of at least one row."]})
        if len(rows) > MAX_ROWS:
            raise Problem(
                status_code=status.HTTP_400_BAD_REQUEST,
                slug="too-many-rows",
                title="Too many rows",
                detail=f"At most {MAX_ROWS:,} rows can be scored at once; this request has "
                f"{len(rows):,}. Split it into several requests.",
                errors=[{"field": "rows", "message": f"At most {MAX_ROWS:,} rows."}],
            )
        explain = data.get("explain", False)
        if not isinstance(explain, bool):
            raise exceptions.ValidationError({"explain": ["Say true or false."]})
        weights = _weights(request, data)
        scored = _scored(_checked_rows(rows), weights, explain=explain)
        # pandas writes the 10,000-row table as JSON in C; a dict per row through
        # json.dumps took half a second of the one-second budget.
        head = json.dumps({"weights": scored.attrs["weights"], "model_version": MODEL_VERSION})
        results = scored.to_json(orient="records", double_precision=6)
        return HttpResponse(f'{head[:-1]}, "results": {results}}}', content_type="application/json")
