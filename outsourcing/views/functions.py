from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from outsourcing.access import workspace_view
from outsourcing.forms import BusinessFunctionForm
from outsourcing.hooks import function_page_context
from outsourcing.models import Role
from outsourcing.pagination import seek_paginate
from outsourcing.selectors import department_names, function_filterset, function_get
from outsourcing.services.functions import (
    function_create,
    function_set_archived,
    function_update,
)
from outsourcing.views.helpers import form_service_call


@workspace_view()
def function_list(request):
    filterset = function_filterset(workspace=request.workspace, data=request.GET)
    page = seek_paginate(request, filterset.qs)
    return render(
        request,
        "outsourcing/function_list.html",
        {"filterset": filterset, "page": page, "functions": page.object_list},
    )


@workspace_view()
def function_detail(request, pk: int):
    function = function_get(workspace=request.workspace, pk=pk)
    return render(
        request,
        "outsourcing/function_detail.html",
        # The apps above the core add their part (the assessments app: the result).
        {"function": function, **function_page_context(function)},
    )


@workspace_view(min_role=Role.EDITOR)
def function_create_view(request):
    form = BusinessFunctionForm(request.POST or None, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        function = form_service_call(
            form, lambda **data: function_create(workspace=request.workspace, **data)
        )
        if function is not None:
            messages.success(request, f"“{function}” added.")
            return redirect("function_detail", slug=request.workspace.slug, pk=function.pk)
    return render(
        request,
        "outsourcing/function_form.html",
        {"form": form, "departments": department_names(workspace=request.workspace)},
    )


@workspace_view(min_role=Role.EDITOR)
def function_edit(request, pk: int):
    function = function_get(workspace=request.workspace, pk=pk)
    form = BusinessFunctionForm(
        request.POST or None, instance=function, workspace=request.workspace
    )
    if request.method == "POST" and form.is_valid():
        saved = form_service_call(form, lambda **data: function_update(function=function, **data))
        if saved is not None:
            messages.success(request, f"“{saved}” saved.")
            return redirect("function_detail", slug=request.workspace.slug, pk=saved.pk)
    return render(
        request,
        "outsourcing/function_form.html",
        {
            "form": form,
            "function": function,
            "departments": department_names(workspace=request.workspace),
        },
    )


@workspace_view(min_role=Role.EDITOR)
@require_POST
def function_archive(request, pk: int):
    function = function_set_archived(
        function=function_get(workspace=request.workspace, pk=pk), archived=True
    )
    messages.success(request, f"“{function}” archived. It no longer counts in the portfolio.")
    return redirect("function_detail", slug=request.workspace.slug, pk=function.pk)


@workspace_view(min_role=Role.EDITOR)
@require_POST
def function_restore(request, pk: int):
    function = function_set_archived(
        function=function_get(workspace=request.workspace, pk=pk), archived=False
    )
    messages.success(request, f"“{function}” restored.")
    return redirect("function_detail", slug=request.workspace.slug, pk=function.pk)
