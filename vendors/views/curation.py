"""Curator pages: create, edit, suspend, merge vendors; their records; service lines."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from outsourcing.views.helpers import form_service_call
from vendors.access import curator_required
from vendors.forms import MergeForm, ServiceLineForm, StatusForm, VendorForm
from vendors.models import VendorStatus
from vendors.records import record_kind
from vendors.selectors.catalog import (
    duplicate_groups,
    service_line_get,
    service_line_list,
    vendor_get,
    vendor_history,
    vendor_record_get,
)
from vendors.services.records import record_delete, service_line_save
from vendors.services.vendors import (
    vendor_create,
    vendor_merge,
    vendor_set_status,
    vendor_update,
)


def _run(form, call):
    """Call a service with the form's data; its refusals become form errors. A probable
    duplicate also offers the curator the box that says "it is a different company"."""
    saved = form_service_call(form, call)
    if saved is None and hasattr(form, "offer_duplicate_override"):
        refused = form.errors.as_data().values()
        if any(error.code == "duplicate" for errors in refused for error in errors):
            form.offer_duplicate_override()
    return saved


@curator_required
def vendor_create_view(request):
    form = VendorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        vendor = _run(form, vendor_create)
        if vendor is not None:
            messages.success(request, f"“{vendor}” added to the catalog.")
            return redirect("vendors:vendor_detail", pk=vendor.pk)
    return render(request, "vendors/vendor_form.html", {"form": form})


@curator_required
def vendor_edit(request, pk: int):
    vendor = vendor_get(pk=pk)
    form = VendorForm(request.POST or None, instance=vendor)
    if request.method == "POST" and form.is_valid():
        # The ModelForm already copied the fields onto `vendor`; the service checks and saves.
        saved = _run(form, lambda **data: vendor_update(vendor=vendor, **data))
        if saved is not None:
            messages.success(request, f"“{saved}” saved.")
            return redirect("vendors:vendor_detail", pk=saved.pk)
    return render(request, "vendors/vendor_form.html", {"form": form, "vendor": vendor})


@curator_required
@require_POST
def vendor_status(request, pk: int):
    vendor = vendor_get(pk=pk)
    status = request.POST.get("status", "")
    form = StatusForm(request.POST)
    if status not in VendorStatus.values or not form.is_valid():
        messages.error(request, "Choose a valid status.")
        return redirect("vendors:vendor_detail", pk=vendor.pk)
    vendor_set_status(vendor=vendor, status=status, reason=form.cleaned_data["reason"])
    messages.success(request, f"“{vendor}” is now {vendor.get_status_display().lower()}.")
    return redirect("vendors:vendor_detail", pk=vendor.pk)


@curator_required
def vendor_history_view(request, pk: int):
    vendor = vendor_get(pk=pk)
    return render(
        request,
        "vendors/vendor_history.html",
        {"vendor": vendor, "entries": vendor_history(vendor=vendor)},
    )


@curator_required
def vendor_merge_view(request, pk: int):
    target = vendor_get(pk=pk)
    initial = {"other": request.GET.get("other")} if request.GET.get("other") else None
    form = MergeForm(request.POST or None, initial=initial, target=target)
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data["other"]
        if request.POST.get("confirm") == "yes":
            name = source.legal_name
            result = _run(form, lambda **_: vendor_merge(target=target, source=source))
            if result is not None:
                moved = ", ".join(f"{n} {k}" for k, n in result.moved.items()) or "nothing"
                combined = ", ".join(f"{n} {k}" for k, n in result.combined.items())
                summary = f"“{name}” merged into “{result.target}”: moved {moved}"
                summary += f"; combined {combined}." if combined else "."
                messages.success(request, summary)
                for note in result.notes:
                    messages.warning(request, note)
                return redirect("vendors:vendor_detail", pk=target.pk)
        return render(
            request,
            "vendors/vendor_merge.html",
            {"vendor": target, "form": form, "source": vendor_get(pk=source.pk), "confirm": True},
        )
    return render(request, "vendors/vendor_merge.html", {"vendor": target, "form": form})


@curator_required
def duplicate_list(request):
    return render(request, "vendors/duplicates.html", {"groups": duplicate_groups()})


@curator_required
def record_create(request, pk: int, kind: str):
    return _record_form(request, vendor_get(pk=pk), record_kind(kind), None)


@curator_required
def record_edit(request, pk: int, kind: str, record_pk: int):
    vendor, record_type = vendor_get(pk=pk), record_kind(kind)
    record = vendor_record_get(vendor=vendor, model=record_type.model, pk=record_pk)
    return _record_form(request, vendor, record_type, record)


def _record_form(request, vendor, record_type, record):
    form = record_type.form(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        saved = _run(
            form,
            lambda **data: record_type.save(
                vendor=vendor, **{record_type.instance_arg: record}, **data
            ),
        )
        if saved is not None:
            messages.success(request, f"{record_type.singular.capitalize()} saved.")
            return redirect(f"{vendor_url(vendor)}#{record_type.anchor}")
    return render(
        request,
        "vendors/record_form.html",
        {"vendor": vendor, "form": form, "record": record, "record_type": record_type},
    )


@curator_required
@require_POST
def record_delete_view(request, pk: int, kind: str, record_pk: int):
    vendor, record_type = vendor_get(pk=pk), record_kind(kind)
    record = vendor_record_get(vendor=vendor, model=record_type.model, pk=record_pk)
    record_delete(record=record)
    messages.success(request, f"{record_type.singular.capitalize()} “{record}” removed.")
    return redirect(f"{vendor_url(vendor)}#{record_type.anchor}")


def vendor_url(vendor) -> str:
    from django.urls import reverse

    return reverse("vendors:vendor_detail", args=[vendor.pk])


@curator_required
def service_lines(request):
    return render(request, "vendors/service_line_list.html", {"lines": service_line_list()})


@curator_required
def service_line_form(request, pk: int | None = None):
    line = service_line_get(pk=pk) if pk else None
    form = ServiceLineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        saved = _run(form, lambda **data: service_line_save(service_line=line, **data))
        if saved is not None:
            messages.success(request, f"Service line “{saved}” saved.")
            return redirect("vendors:service_lines")
    return render(request, "vendors/service_line_form.html", {"form": form, "line": line})
