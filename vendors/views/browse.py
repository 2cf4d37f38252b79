from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from outsourcing.pagination import paginate
from vendors.access import is_curator
from vendors.geography import shore_of
from vendors.selectors.catalog import current_workspace, vendor_filterset, vendor_get


@login_required
def vendor_list(request):
    workspace = current_workspace(user=request.user, session=request.session)
    filterset = vendor_filterset(
        data=request.GET, client_country=workspace.country.code if workspace else None
    )
    page = paginate(request, filterset.qs)
    return render(
        request,
        "vendors/vendor_list.html",
        {
            "filterset": filterset,
            "page": page,
            "vendors": page.object_list,
            "client_workspace": workspace,
            "is_curator": is_curator(request.user),
        },
    )


@login_required
def vendor_detail(request, pk: int):
    vendor = vendor_get(pk=pk)
    workspace = current_workspace(user=request.user, session=request.session)
    centres = list(vendor.centres.all())
    if workspace is not None:
        for centre in centres:
            centre.shore = shore_of(centre.country.code, workspace.country.code)
    return render(
        request,
        "vendors/vendor_detail.html",
        {
            "vendor": vendor,
            "centres": centres,
            "client_workspace": workspace,
            "is_curator": is_curator(request.user),
        },
    )
