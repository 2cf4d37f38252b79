from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from outsourcing.access import workspace_view
from outsourcing.forms import InviteMemberForm, MemberRoleForm
from outsourcing.models import Role
from outsourcing.selectors import workspace_member_get, workspace_members
from outsourcing.services.members import member_invite, membership_change_role, membership_remove
from outsourcing.views.helpers import service_errors_to_form


@workspace_view()
def member_list(request):
    form = InviteMemberForm()
    return _render_members(request, form)


def _render_members(request, form, status=200):
    return render(
        request,
        "outsourcing/member_list.html",
        {
            "members": workspace_members(workspace=request.workspace),
            "invite_form": form,
            "roles": Role.choices,
        },
        status=status,
    )


@workspace_view(min_role=Role.OWNER)
@require_POST
def member_invite_view(request):
    form = InviteMemberForm(request.POST)
    if not form.is_valid():
        return _render_members(request, form, status=400)
    try:
        invitation = member_invite(
            workspace=request.workspace,
            invited_by=request.user,
            site_url=request.build_absolute_uri("/"),
            **form.cleaned_data,
        )
    except ValidationError as exc:
        service_errors_to_form(form, exc)
        return _render_members(request, form, status=400)
    user = invitation.membership.user
    if invitation.set_password_url:
        messages.success(
            request,
            f"{user.email} added. We emailed them a link to choose a password; you can also "
            f"pass it on yourself: {invitation.set_password_url}",
        )
    else:
        messages.success(request, f"{user.email} added; they can sign in with their password.")
    return redirect("member_list", slug=request.workspace.slug)


@workspace_view(min_role=Role.OWNER)
@require_POST
def member_change_role(request, pk: int):
    membership = workspace_member_get(workspace=request.workspace, pk=pk)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose owner, editor or viewer.")
    else:
        try:
            membership_change_role(membership=membership, role=form.cleaned_data["role"])
            messages.success(
                request, f"{membership.user.email} is now {membership.get_role_display().lower()}."
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("member_list", slug=request.workspace.slug)


@workspace_view(min_role=Role.OWNER)
@require_POST
def member_remove(request, pk: int):
    membership = workspace_member_get(workspace=request.workspace, pk=pk)
    try:
        membership_remove(membership=membership)
        messages.success(
            request, f"{membership.user.email} no longer has access to this workspace."
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if membership.user == request.user and membership.pk is None:
        return redirect("home")
    return redirect("member_list", slug=request.workspace.slug)
