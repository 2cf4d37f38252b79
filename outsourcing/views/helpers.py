"""View helpers every app uses: the one way to turn a service's refusal into form errors, to
answer htmx with a fragment, and to show a background job's page.

They live in the core so that any app's views may use them without importing another app's
views.
"""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from outsourcing.models import Job
from outsourcing.selectors import job_get
from outsourcing.services.jobs import job_confirm, job_discard

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


def _import_job(request: HttpRequest, pk: int, kind: str) -> Job:
    """The workspace's import job `pk` of `kind` (any other job, or another workspace's,
    is 404)."""
    job = job_get(workspace=request.workspace, pk=pk)
    if job.kind != kind:
        raise Http404("No such import.")
    return job


def import_preview_response(
    request: HttpRequest, pk: int, *, kind: str, template: str, namespace: str = ""
) -> HttpResponse:
    """An import's preview page (extending outsourcing/import_preview.html), with the URLs
    of its Import and Cancel buttons (`<namespace>import_confirm`, `…import_cancel`); once
    confirmed, its job's page instead."""
    job = _import_job(request, pk, kind)
    if job.status != Job.Status.PREVIEW:
        return redirect(job)
    args = [request.workspace.slug, job.pk]
    return render(
        request,
        template,
        {
            "job": job,
            "confirm_url": reverse(f"{namespace}import_confirm", args=args),
            "cancel_url": reverse(f"{namespace}import_cancel", args=args),
        },
    )


def import_confirm_response(request: HttpRequest, pk: int, *, kind: str) -> HttpResponse:
    """Queue a previewed import and show its job; a second click says it already started."""
    job = _import_job(request, pk, kind)
    if not job_confirm(job=job):
        messages.info(request, "This import was already started.")
    return redirect(job)


def import_cancel_response(request: HttpRequest, pk: int, *, kind: str, back: str) -> HttpResponse:
    """Forget a previewed import and its file, then go `back`."""
    job = _import_job(request, pk, kind)
    if job.status == Job.Status.PREVIEW:
        job_discard(job=job)
        messages.info(request, "Import cancelled; nothing was changed.")
    return redirect(back)
