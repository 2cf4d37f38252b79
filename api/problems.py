"""Errors as RFC 9457 problem details (`application/problem+json`).

Every refusal the API makes, from a bad field to a missing token, answers the same shape:
`type`, `title`, `status`, `detail`, and for bad input `errors`, one entry per problem
naming the `field` (or the `row` and `column` of a bulk upload) like the forms and imports
do. DRF's own exceptions, Django's 404/403 and the services' ValidationError all end here.
"""

from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.views import exception_handler

from assessments.scoring import ScoringError

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_BASE = "/api/v1/problems/"

# The problem types the API answers beyond plain HTTP statuses, and what each means.
PROBLEM_TYPES = {
    "validation": "Some input was not acceptable; `errors` lists each field (or row and "
    "column) with what is wrong. Nothing was changed.",
    "too-many-rows": "A bulk request had more rows than the API takes at once.",
    "too-large": "The request body was larger than the server accepts.",
    "inconsistent-judgements": "AHP judgements contradict each other too much (consistency "
    "ratio 0.10 or more); `judgements_to_revisit` says which. The weights were not changed.",
    "job-not-finished": "The job's file is not ready: poll the job until it has succeeded.",
}


def problem_type(slug: str) -> str:
    assert slug in PROBLEM_TYPES, slug
    return f"{PROBLEM_BASE}{slug}"


class Problem(exceptions.APIException):
    """A refusal of a documented type, with extra members for the client."""

    def __init__(self, *, status_code: int, slug: str, title: str, detail: str, **extra):
        super().__init__(detail=detail)
        self.status_code = status_code
        self.type = problem_type(slug)
        self.title = title
        self.extra = extra


class RowsInvalid(Problem):
    """Bad rows of a bulk request; each error names the row (from 0) and the column."""

    def __init__(self, errors: list[dict], total: int | None = None):
        total = len(errors) if total is None else total
        super().__init__(
            status_code=status.HTTP_400_BAD_REQUEST,
            slug="validation",
            title="Some rows are not valid",
            detail=f"{total:,} problem(s) in the rows; nothing was scored. "
            f"The first: {errors[0]['message'] if errors else ''}",
            errors=errors,
        )


def _flatten(errors, field: str | None = None) -> list[dict]:
    """DRF's nested error structure as a flat list of {field, message}."""
    if isinstance(errors, dict):
        found = []
        for key, value in errors.items():
            name = None if key in ("non_field_errors", "__all__") else str(key)
            found += _flatten(value, f"{field}.{name}" if field and name else (name or field))
        return found
    if isinstance(errors, list):
        if all(isinstance(item, str) for item in errors):
            return [{"field": field, "message": str(item)} for item in errors]
        found = []
        for index, item in enumerate(errors):
            if item:
                found += _flatten(item, f"{field}[{index}]" if field else f"[{index}]")
        return found
    return [{"field": field, "message": str(errors)}]


def _as_drf(exc: Exception) -> Exception:
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
        return Problem(
            status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            slug="too-large",
            title="The request body is too large",
            detail=f"Send at most {limit:g} MB in one request.",
        )
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(detail=serializers.as_serializer_error(exc))
    if isinstance(exc, ScoringError):
        return exceptions.ValidationError(detail={"non_field_errors": list(exc.problems)})
    if isinstance(exc, Http404):
        # Django's message names the model ("No Membership matches…"): say no more than 404.
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    return exc


def problem_exception_handler(exc, context):
    """DRF's handler, answering problem details instead of its {"detail": …} bodies."""
    exc = _as_drf(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None  # not an API refusal but a bug: Django's 500 handling and logging
    code = response.status_code
    problem = {
        "type": "about:blank",
        "title": HTTPStatus(code).phrase,
        "status": code,
        "detail": "",
    }
    if isinstance(exc, Problem):
        problem.update(type=exc.type, title=exc.title, detail=str(exc.detail), **exc.extra)
    elif isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        problem.update(
            type=problem_type("validation"),
            title="The input is not valid",
            detail=" ".join(
                f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors[:3]
            )
            + (f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""),
            errors=errors,
        )
    else:
        problem["detail"] = str(getattr(exc, "detail", "")) or problem["title"]
    response.data = problem
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


class ProblemErrorSerializer(serializers.Serializer):
    field = serializers.CharField(
        allow_null=True,
        required=False,
        help_text="The input field, e.g. `name` or `weights.cost`; null for the whole input.",
    )
    row = serializers.IntegerField(
        required=False, help_text="Bulk requests: the row, counted from 0."
    )
    column = serializers.CharField(required=False, help_text="Bulk requests: the column.")
    message = serializers.CharField(help_text="What is wrong, in words for a person.")


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField(
        help_text="`about:blank` for a plain HTTP status, else one of: "
        + "; ".join(f"`{PROBLEM_BASE}{slug}`: {text}" for slug, text in PROBLEM_TYPES.items())
    )
    title = serializers.CharField(help_text="A short summary of the problem type.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(help_text="What went wrong this time, for a person.")
    errors = ProblemErrorSerializer(
        many=True, required=False, help_text="Input problems, one per field or cell."
    )
    judgements_to_revisit = serializers.ListField(
        child=serializers.DictField(),
        required=False,
        help_text="Inconsistent AHP judgements: the pairs that disagree most with the weights.",
    )
    consistency_ratio = serializers.FloatField(
        required=False, help_text="Inconsistent AHP judgements: their consistency ratio."
    )
