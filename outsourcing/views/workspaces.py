from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from outsourcing.selectors import memberships_for_user
from vendors.access import is_curator


@login_required
def home(request):
    """Send people where they work: their last workspace, their only one, or a choice."""
    memberships = list(memberships_for_user(user=request.user))
    slugs = [m.workspace.slug for m in memberships]
    last = request.session.get("last_workspace")
    if last in slugs:
        return redirect("dashboard", slug=last)
    if len(slugs) == 1:
        return redirect("dashboard", slug=slugs[0])
    if not slugs and is_curator(request.user):
        return redirect("vendors:vendor_list")
    return redirect("workspace_list")


@login_required
def workspace_list(request):
    return render(
        request,
        "outsourcing/workspace_list.html",
        {"memberships": memberships_for_user(user=request.user)},
    )
