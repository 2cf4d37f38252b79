"""Contract pages, under /w/<slug>/contracts/: views parse input, call one service or
selector and render."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from outsourcing.access import workspace_view
from outsourcing.imports.preview import import_upload_checked
from outsourcing.models import Job, Role
from outsourcing.pagination import paginate
from outsourcing.views.helpers import (
    form_service_call,
    import_cancel_response,
    import_confirm_response,
    import_preview_response,
)

from . import charts
from .forms import (
    ContractForm,
    MeasurementGridForm,
    NoticeForm,
    RenewForm,
    ServiceLevelForm,
    TerminateForm,
    TransferUploadForm,
)
from .imports import contracts_upload
from .models import Contract, ServiceLevel
from .selectors import (
    contract_events,
    contract_filterset,
    contract_get,
    contract_performance,
    measurement_grid_initial,
    sla_get,
    vendor_scorecard_trend,
)
from .services import (
    contract_give_notice,
    contract_renew,
    contract_save,
    contract_terminate,
    measurements_record,
    sla_delete,
    sla_save,
    today_in_workspace_calendar,
)
from .transfer import CONTRACTS, MEASUREMENTS, transfer_export


def _detail(request, contract):
    return redirect("contracts:contract_detail", slug=request.workspace.slug, pk=contract.pk)


@workspace_view()
def contract_list(request):
    filterset = contract_filterset(
        workspace=request.workspace, data=request.GET, today=today_in_workspace_calendar()
    )
    page = paginate(request, filterset.qs)
    vendor = filterset.form.cleaned_data.get("vendor") if filterset.form.is_valid() else None
    trend = vendor_scorecard_trend(workspace=request.workspace, vendor=vendor) if vendor else {}
    return render(
        request,
        "vendors/contracts/contract_list.html",
        {
            "filterset": filterset,
            "page": page,
            "contracts": page.object_list,
            "today": today_in_workspace_calendar(),
            "vendor": vendor,
            "vendor_trend_chart": charts.scorecard_chart(series=trend) if trend else None,
        },
    )


@workspace_view()
def contract_detail(request, pk: int):
    contract = contract_get(workspace=request.workspace, pk=pk)
    today = today_in_workspace_calendar()
    performance = contract_performance(contract=contract)
    return render(
        request,
        "vendors/contracts/contract_detail.html",
        {
            "contract": contract,
            "today": today,
            "days_to_deadline": (contract.notice_deadline - today).days,
            "performance": performance,
            "events": contract_events(contract=contract),
            "timeline_chart": charts.timeline_chart(contract=contract, today=today),
            "charts": charts.performance_charts(performance=performance),
        },
    )


def _contract_form(request, contract: Contract, template_context: dict):
    form = ContractForm(
        request.POST or None,
        request.FILES or None,
        instance=contract,
        workspace=request.workspace,
        # Whoever records a new contract looks after it unless they say otherwise.
        initial=None if contract.pk else {"owner": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        saved = form_service_call(
            form,
            lambda functions, signed_file, **data: contract_save(
                contract=contract,
                by=request.user,
                functions=list(functions),
                signed_file=signed_file or None,
                **data,
            ),
        )
        if saved is not None:
            messages.success(request, f"“{saved}” saved.")
            return _detail(request, saved)
    return render(
        request, "vendors/contracts/contract_form.html", {"form": form, **template_context}
    )


@workspace_view(min_role=Role.EDITOR)
def contract_create(request):
    return _contract_form(request, Contract(workspace=request.workspace), {})


@workspace_view(min_role=Role.EDITOR)
def contract_edit(request, pk: int):
    contract = contract_get(workspace=request.workspace, pk=pk)
    return _contract_form(request, contract, {"contract": contract})


ACTIONS = {
    "renew": (
        RenewForm,
        contract_renew,
        "Renew",
        "Renewing moves the end of the term, and the notice deadline with it, and withdraws "
        "any notice given. It is kept in the contract's history.",
        "btn-primary",
    ),
    "notice": (
        NoticeForm,
        contract_give_notice,
        "Record notice given",
        "Once notice is recorded the contract ends at the end of this term: it will not renew "
        "itself and no more deadline reminders are sent.",
        "btn-warning",
    ),
    "terminate": (
        TerminateForm,
        contract_terminate,
        "Terminate",
        "Terminating ends the contract from the effective date. It cannot be undone here.",
        "btn-danger",
    ),
}
DONE = {
    "renew": "Contract renewed.",
    "notice": "Notice recorded: no more reminders, and it will not renew itself.",
    "terminate": "Contract terminated.",
}


def _action(request, pk: int, action: str):
    """A term action: a confirmation page with its form, then the service."""
    form_class, service, title, explanation, button_class = ACTIONS[action]
    contract = contract_get(workspace=request.workspace, pk=pk)
    form = form_class(request.POST or None)
    # "confirm" is the form's own tick box, not the service's business.
    if (
        request.method == "POST"
        and form.is_valid()
        and form_service_call(
            form,
            lambda confirm=None, **data: service(contract=contract, by=request.user, **data),
        )
    ):
        messages.success(request, DONE[action])
        return _detail(request, contract)
    return render(
        request,
        "vendors/contracts/contract_action.html",
        {
            "contract": contract,
            "form": form,
            "action_title": title,
            "explanation": explanation,
            "button_class": button_class,
        },
    )


@workspace_view(min_role=Role.EDITOR)
def contract_renew_view(request, pk: int):
    return _action(request, pk, "renew")


@workspace_view(min_role=Role.EDITOR)
def contract_notice_view(request, pk: int):
    return _action(request, pk, "notice")


@workspace_view(min_role=Role.EDITOR)
def contract_terminate_view(request, pk: int):
    return _action(request, pk, "terminate")


@workspace_view()
def contract_file(request, pk: int):
    """The signed contract, to members only (MEDIA_ROOT has no public URL)."""
    contract = contract_get(workspace=request.workspace, pk=pk)
    if not contract.signed_file:
        raise Http404("No signed contract was uploaded.")
    return FileResponse(
        contract.signed_file.open("rb"),
        as_attachment=True,
        filename=contract.signed_file_name or "contract.pdf",
        content_type="application/pdf",
    )


def _sla_form(request, contract: Contract, sla: ServiceLevel):
    form = ServiceLevelForm(request.POST or None, instance=sla)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_service_call(form, lambda **data: sla_save(sla=sla, **data))
    ):
        messages.success(request, f"SLA “{sla.metric}” saved.")
        return _detail(request, contract)
    return render(
        request,
        "vendors/contracts/sla_form.html",
        {"form": form, "contract": contract, "sla": sla},
    )


@workspace_view(min_role=Role.EDITOR)
def contract_sla_create(request, pk: int):
    contract = contract_get(workspace=request.workspace, pk=pk)
    return _sla_form(request, contract, ServiceLevel(contract=contract))


@workspace_view(min_role=Role.EDITOR)
def sla_edit(request, pk: int):
    sla = sla_get(workspace=request.workspace, pk=pk)
    return _sla_form(request, sla.contract, sla)


@workspace_view(min_role=Role.EDITOR)
def sla_delete_view(request, pk: int):
    """A confirmation page (how many measurements go with it), then the deletion."""
    sla = sla_get(workspace=request.workspace, pk=pk)
    if request.method == "POST":
        sla_delete(sla=sla)
        messages.success(request, f"SLA “{sla.metric}” and its measurements deleted.")
        return _detail(request, sla.contract)
    return render(
        request,
        "vendors/contracts/sla_delete.html",
        {"sla": sla, "contract": sla.contract, "measurements": sla.measurements.count()},
    )


@workspace_view(min_role=Role.EDITOR)
def contract_measurements(request, pk: int):
    contract = contract_get(workspace=request.workspace, pk=pk)
    slas = list(contract.slas.all())
    form = MeasurementGridForm(
        request.POST or None,
        slas=slas,
        initial=measurement_grid_initial(contract=contract, period=request.GET.get("period")),
    )
    if request.method == "POST" and form.is_valid():
        period = form.cleaned_data["period"].replace(day=1)
        try:
            written = measurements_record(
                contract=contract, period_start=period, values=form.values()
            )
        except ValidationError as exc:
            # The service names SLAs by id; the grid's fields are sla_<id>.
            written = None
            for sla_id, errors in exc.message_dict.items():
                form.add_error(f"sla_{sla_id}", errors)
        if written is not None:
            messages.success(request, f"{written} measurement(s) saved for {period:%B %Y}.")
            return _detail(request, contract)
    return render(
        request,
        "vendors/contracts/measurements_form.html",
        {"form": form, "contract": contract, "slas": slas},
    )


@workspace_view(min_role=Role.EDITOR)
def contract_import(request):
    """Upload → checked; a file with any problem is refused here and nothing is kept, a
    clean one becomes an import awaiting confirmation on its preview page."""
    form = TransferUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job, problems = import_upload_checked(
            lambda: contracts_upload(
                workspace=request.workspace,
                uploaded_by=request.user,
                filename=upload.name,
                # One byte past the limit is enough for the reader to refuse it.
                data=upload.read(settings.IMPORT_MAX_BYTES + 1),
            )
        )
        if job is not None:
            return redirect("contracts:import_preview", slug=request.workspace.slug, pk=job.pk)
    return render(
        request,
        "vendors/contracts/import.html",
        {"form": form, "problems": problems},
        status=400 if problems or form.errors else 200,
    )


@workspace_view(min_role=Role.EDITOR)
def import_preview(request, pk: int):
    """What the checked file would add and update; nothing has changed yet."""
    return import_preview_response(
        request,
        pk,
        kind=Job.Kind.IMPORT_CONTRACTS,
        template="vendors/contracts/import_preview.html",
        namespace="contracts:",
    )


@workspace_view(min_role=Role.EDITOR)
@require_POST
def import_confirm(request, pk: int):
    return import_confirm_response(request, pk, kind=Job.Kind.IMPORT_CONTRACTS)


@workspace_view(min_role=Role.EDITOR)
@require_POST
def import_cancel(request, pk: int):
    back = reverse("contracts:contract_list", args=[request.workspace.slug])
    return import_cancel_response(request, pk, kind=Job.Kind.IMPORT_CONTRACTS, back=back)


@workspace_view()
def contract_export(request):
    file_format = "csv" if request.GET.get("format") == "csv" else "xlsx"
    what = MEASUREMENTS if request.GET.get("what") == "measurements" else CONTRACTS
    data = transfer_export(workspace=request.workspace, file_format=file_format, what=what)
    name = f"{request.workspace.slug}-{what.lower() if file_format == 'csv' else 'contracts'}"
    response = HttpResponse(data, content_type=EXPORT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
