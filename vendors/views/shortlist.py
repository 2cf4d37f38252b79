from outsourcing.access import workspace_view
from outsourcing.selectors import function_get
from outsourcing.views.helpers import render_partial_or_full
from vendors.selectors.matching import function_vendor_shortlist

# How many ranked vendors the function page shows before "show all", and how many of the
# vendors left out it names.
SHOWN = 10
SHOWN_EXCLUDED = 100


@workspace_view()
def function_vendor_shortlist_view(request, pk: int):
    """The ranked shortlist: the partial alone for htmx (the function page loads it lazily),
    a full page otherwise."""
    function = function_get(workspace=request.workspace, pk=pk)
    show_all = request.GET.get("all") == "1"
    shortlist = function_vendor_shortlist(
        function=function,
        workspace=request.workspace,
        shown=None if show_all else SHOWN,
        shown_excluded=SHOWN_EXCLUDED,
    )
    context = {
        "function": function,
        "shortlist": shortlist,
        "shown": shortlist.candidates,
        "show_all": show_all,
    }
    return render_partial_or_full(
        request,
        partial="vendors/_function_shortlist.html",
        full="vendors/function_shortlist.html",
        context=context,
    )
