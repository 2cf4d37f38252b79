"""Contract pages, under /w/<slug>/contracts/: views parse input, call one service or
selector and render."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from outsourcing.access import workspace_view
from outsourcing.imports.limits import TableError
from outsourcing.models import Role
from outsourcing.pagination import paginate
from outsourcing.views.helpers import form_service_call

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
    import_stash,
    import_unstash,
    measurements_record,
    sla_delete,
    sla_save,
    today_in_workspace_calendar,
)
from .transfer import (
    CONTRACTS,
    MEASUREMENTS,
    TransferInvalid,
    transfer_apply,
    transfer_export,
    transfer_plan,
)


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


IMPORT_SESSION_KEY = "contract_import"


def _import_limits() -> dict:
    return {"max_bytes": settings.IMPORT_MAX_BYTES, "max_rows": settings.IMPORT_MAX_ROWS}


@workspace_view(min_role=Role.EDITOR)
def contract_import(request):
    """Upload → checked preview (nothing written); the preview's button applies it."""
    form = TransferUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(settings.IMPORT_MAX_BYTES + 1)
        try:
            plan = transfer_plan(
                workspace=request.workspace, data=data, filename=upload.name, **_import_limits()
            )
        except TableError as exc:
            form.add_error("file", str(exc))
        except TransferInvalid as exc:
            context["problems"] = exc.messages
        else:
            request.session[IMPORT_SESSION_KEY] = {
                "workspace": request.workspace.pk,
                "name": upload.name,
                "path": import_stash(data=data, filename=upload.name),
            }
            context["plan"] = plan
    return render(request, "vendors/contracts/import.html", context)


@workspace_view(min_role=Role.EDITOR)
@require_POST
def contract_import_confirm(request):
    stashed = request.session.pop(IMPORT_SESSION_KEY, None)
    if not stashed or stashed["workspace"] != request.workspace.pk:
        messages.error(request, "That preview has expired: upload the file again.")
        return redirect("contracts:contract_import", slug=request.workspace.slug)
    try:
        plan = transfer_plan(
            workspace=request.workspace,
            data=import_unstash(path=stashed["path"]),
            filename=stashed["name"],
            **_import_limits(),
        )
        messages.success(
            request, transfer_apply(workspace=request.workspace, plan=plan, by=request.user)
        )
    except (TableError, TransferInvalid, FileNotFoundError) as exc:
        problems = getattr(exc, "messages", [str(exc)])
        messages.error(request, "Nothing was imported: " + "; ".join(problems[:5]))
        return redirect("contracts:contract_import", slug=request.workspace.slug)
    return redirect("contracts:contract_list", slug=request.workspace.slug)


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
