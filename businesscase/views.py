from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render

from businesscase.forms import BusinessCaseDefaultsForm, FunctionAssumptionsForm
from businesscase.selectors import (
    business_case_defaults,
    function_assumptions,
    function_assumptions_history,
    function_business_case,
)
from businesscase.services import business_case_defaults_set, function_assumptions_set
from outsourcing.access import workspace_view
from outsourcing.models import Role
from outsourcing.selectors import function_get
from outsourcing.views.helpers import form_service_call


@workspace_view()
def function_business_case_view(request, pk: int):
    function = function_get(workspace=request.workspace, pk=pk)
    case = function_business_case(
        workspace=request.workspace, function=function, shore=request.GET.get("shore")
    )
    return render(
        request,
        "businesscase/function_business_case.html",
        {
            "function": function,
            "case": case,
            "history": function_assumptions_history(function=function),
        },
    )


@workspace_view(min_role=Role.EDITOR)
def function_business_case_assumptions(request, pk: int):
    function = function_get(workspace=request.workspace, pk=pk)
    form = FunctionAssumptionsForm(
        request.POST or None,
        instance=function_assumptions(function=function),
        defaults=business_case_defaults(workspace=request.workspace),
        currency=request.workspace.currency,
    )
    save = partial(function_assumptions_set, function=function, user=request.user)
    if request.method == "POST" and form.is_valid() and form_service_call(form, save) is not None:
        messages.success(request, "Assumptions saved; the business case is up to date.")
        return redirect("businesscase:function_business_case", slug=request.workspace.slug, pk=pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "businesscase/assumptions_form.html",
        {"function": function, "form": form},
        status=status,
    )


@workspace_view(min_role=Role.OWNER)
def business_case_settings(request):
    form = BusinessCaseDefaultsForm(
        request.POST or None,
        instance=business_case_defaults(workspace=request.workspace),
        currency=request.workspace.currency,
    )
    save = partial(business_case_defaults_set, workspace=request.workspace, user=request.user)
    if request.method == "POST" and form.is_valid() and form_service_call(form, save) is not None:
        messages.success(request, "Defaults saved; every function's saving was re-projected.")
        return redirect("businesscase:business_case_settings", slug=request.workspace.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "businesscase/settings.html", {"form": form}, status=status)
