from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from outsourcing.hooks import landing_for
from outsourcing.selectors import memberships_for_user


@login_required
def home(request):
    """Send people where they work: their last workspace, their only one, or a choice; someone
    with no workspace goes where an app has a page for them (curators: the catalog)."""
    memberships = list(memberships_for_user(user=request.user))
    slugs = [m.workspace.slug for m in memberships]
    last = request.session.get("last_workspace")
    if last in slugs:
        return redirect("dashboard", slug=last)
    if len(slugs) == 1:
        return redirect("dashboard", slug=slugs[0])
    landing = landing_for(request.user) if not slugs else None
    return redirect(landing or "workspace_list")


@login_required
def workspace_list(request):
    return render(
        request,
        "outsourcing/workspace_list.html",
        {"memberships": memberships_for_user(user=request.user)},
    )
