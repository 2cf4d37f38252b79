"""View helpers every app uses: the one way to turn a service's refusal into form errors, to
answer htmx with a fragment, and to show a background job's page.

They live in the core so that any app's views may use them without importing another app's
views.
"""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from outsourcing.models import Job

T = TypeVar("T")


def service_errors_to_form(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: each message on the field it names, or on
    the form when it names no field of this form. The errors keep their codes."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.error_list)


def form_service_call(form: forms.BaseForm, call: Callable[..., T]) -> T | None:
    """Call a service with the form's cleaned data; if it refuses (ValidationError), its
    messages become the form's errors and None comes back."""
    try:
        return call(**form.cleaned_data)
    except ValidationError as exc:
        service_errors_to_form(form, exc)
        return None


def render_partial_or_full(
    request: HttpRequest, *, partial: str, full: str, context: dict, status: int = 200
) -> HttpResponse:
    """The fragment alone for an htmx request (it swaps it into the page), the whole page
    otherwise, from the same context."""
    template = partial if request.headers.get("HX-Request") else full
    return render(request, template, context, status=status)


def render_job(request: HttpRequest, job: Job, retry_url: str | None = None) -> HttpResponse:
    """A job's progress page; htmx polls the same URL for the status card alone. With a
    `retry_url`, a failed job that may be retried offers a "Try again" button posting there."""
    return render_partial_or_full(
        request,
        partial="outsourcing/_job_status.html",
        full="outsourcing/job_detail.html",
        context={"job": job, "retry_url": retry_url},
    )
