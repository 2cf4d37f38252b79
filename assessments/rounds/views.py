from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from assessments.forms import AhpForm, AssessmentForm
from assessments.rounds import selectors, services
from assessments.rounds.forms import RoundOpenForm
from outsourcing.access import workspace_view
from outsourcing.models import Role
from outsourcing.pagination import paginate
from outsourcing.selectors import function_get
from outsourcing.views.helpers import form_service_call, service_errors_to_form


@workspace_view()
def round_list(request):
    """The workspace's rounds, with the ones waiting for the visitor's ratings first."""
    rounds = selectors.rounds_of_workspace(workspace=request.workspace)
    slug = request.workspace.slug
    waiting = [
        (r.round.function.name, reverse("rounds:round_detail", args=[slug, r.round_id]), r.round)
        for r in request.user.round_ratings.filter(
            submitted_at__isnull=True, round__function__workspace=request.workspace
        ).select_related("round__function")
        if r.round.is_open
    ] + [
        (
            "Criteria weights",
            reverse("rounds:weights_round_detail", args=[slug, j.round_id]),
            j.round,
        )
        for j in request.user.weights_judgements.filter(
            submitted_at__isnull=True, round__workspace=request.workspace
        ).select_related("round")
        if j.round.is_open
    ]
    return render(
        request,
        "assessments/rounds/round_list.html",
        {
            "page": paginate(request, rounds),
            "waiting": waiting,
            "weights_rounds": selectors.weights_rounds_of_workspace(workspace=request.workspace)[
                :20
            ],
        },
    )


@workspace_view(min_role=Role.EDITOR)
def function_round_open(request, pk: int):
    function = function_get(workspace=request.workspace, pk=pk)
    form = RoundOpenForm(request.POST or None, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        round_ = form_service_call(
            form,
            lambda **data: services.round_open(function=function, opened_by=request.user, **data),
        )
        if round_ is not None:
            sent = services.round_reminders_send(round=round_)
            messages.success(request, f"Round opened; {sent} invitation(s) sent by e-mail.")
            return redirect("rounds:round_detail", request.workspace.slug, round_.pk)
    return render(
        request, "assessments/rounds/round_open.html", {"function": function, "form": form}
    )


@workspace_view()
def round_detail(request, pk: int):
    """The round: who has rated; the visitor's own form while it is open; the group's result
    to those allowed to see it (selectors.round_ratings_visible_to)."""
    round_ = selectors.round_get(workspace=request.workspace, pk=pk)
    invitations = selectors.round_invitations(round=round_)
    own = next((i for i in invitations if i.assessor_id == request.user.pk), None)
    form = None
    if own is not None and round_.is_open:
        form = AssessmentForm(request.POST or None, initial=own.ratings if own.submitted else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.round_rate(round=round_, assessor=request.user, ratings=form.ratings)
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                messages.success(request, "Your ratings are saved. The group's ratings are below.")
                return redirect("rounds:round_detail", request.workspace.slug, round_.pk)
    elif request.method == "POST":
        if own is None:
            raise PermissionDenied("You were not invited to rate in this round.")
        messages.error(request, "This round is closed: ratings can no longer be given.")
        return redirect("rounds:round_detail", request.workspace.slug, round_.pk)
    visible = selectors.round_ratings_visible_to(round=round_, user=request.user)
    return render(
        request,
        "assessments/rounds/round_detail.html",
        {
            "round": round_,
            "function": round_.function,
            "invitations": invitations,
            "own": own,
            "form": form,
            "visible": visible,
            "result": selectors.round_result(round=round_) if visible else None,
        },
    )


@workspace_view(min_role=Role.EDITOR)
@require_POST
def round_close(request, pk: int):
    round_ = selectors.round_get(workspace=request.workspace, pk=pk)
    services.round_close(round=round_, closed_by=request.user)
    messages.success(request, "Round closed: nobody can rate in it any more.")
    return redirect("rounds:round_detail", request.workspace.slug, round_.pk)


@workspace_view(min_role=Role.EDITOR)
@require_POST
def round_apply(request, pk: int):
    round_ = selectors.round_get(workspace=request.workspace, pk=pk)
    try:
        assessment = services.round_apply(round=round_, applied_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("rounds:round_detail", request.workspace.slug, round_.pk)
    messages.success(
        request,
        f"The group's result is now the current assessment: "
        f"{assessment.get_recommendation_display()}.",
    )
    return redirect("function_detail", request.workspace.slug, round_.function_id)


@workspace_view(min_role=Role.EDITOR)
@require_POST
def round_remind(request, pk: int):
    round_ = selectors.round_get(workspace=request.workspace, pk=pk)
    sent = services.round_reminders_send(round=round_)
    messages.success(request, f"{sent} reminder(s) sent." if sent else "Nobody left to remind.")
    return redirect("rounds:round_detail", request.workspace.slug, round_.pk)


# Weights rounds (owners open, close and apply them: the weights are theirs) -------------


def _weights_detail(request, round_):
    return redirect("rounds:weights_round_detail", request.workspace.slug, round_.pk)


@workspace_view(min_role=Role.OWNER)
def weights_round_open(request):
    form = RoundOpenForm(request.POST or None, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        round_ = form_service_call(
            form,
            lambda **data: services.weights_round_open(
                workspace=request.workspace, opened_by=request.user, **data
            ),
        )
        if round_ is not None:
            sent = services.round_reminders_send(round=round_)
            messages.success(request, f"Round opened; {sent} invitation(s) sent by e-mail.")
            return _weights_detail(request, round_)
    return render(request, "assessments/rounds/weights_round_open.html", {"form": form})


@workspace_view()
def weights_round_detail(request, pk: int):
    """The weights round: the visitor's own pairwise form while open; the group's weights
    (AIJ), everyone's CR and the consensus to those allowed to see them."""
    round_ = selectors.weights_round_get(workspace=request.workspace, pk=pk)
    invitations = selectors.weights_round_invitations(round=round_)
    own = next((i for i in invitations if i.assessor_id == request.user.pk), None)
    form = None
    if own is not None and round_.is_open:
        form = AhpForm(request.POST or None, current=own.judgements)
        if request.method == "POST" and form.is_valid():
            services.weights_round_judge(
                round=round_, assessor=request.user, judgements=form.judgements
            )
            messages.success(request, "Your judgements are saved. The group's weights are below.")
            return _weights_detail(request, round_)
    elif request.method == "POST":
        if own is None:
            raise PermissionDenied("You were not invited to judge in this round.")
        messages.error(request, "This round is closed: judgements can no longer be given.")
        return _weights_detail(request, round_)
    visible = selectors.weights_round_visible_to(round=round_, user=request.user)
    return render(
        request,
        "assessments/rounds/weights_round_detail.html",
        {
            "round": round_,
            "invitations": invitations,
            "own": own,
            "ahp_form": form,
            "visible": visible,
            "result": selectors.weights_round_result(round=round_) if visible else None,
        },
    )


@workspace_view(min_role=Role.OWNER)
@require_POST
def weights_round_close(request, pk: int):
    round_ = selectors.weights_round_get(workspace=request.workspace, pk=pk)
    services.round_close(round=round_, closed_by=request.user)
    messages.success(request, "Round closed: nobody can judge in it any more.")
    return _weights_detail(request, round_)


@workspace_view(min_role=Role.OWNER)
@require_POST
def weights_round_apply(request, pk: int):
    round_ = selectors.weights_round_get(workspace=request.workspace, pk=pk)
    try:
        services.weights_round_apply(round=round_, applied_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _weights_detail(request, round_)
    messages.success(request, "The group's weights are now the workspace's; re-scoring…")
    return redirect("assessments:weights", request.workspace.slug)


@workspace_view(min_role=Role.OWNER)
@require_POST
def weights_round_remind(request, pk: int):
    round_ = selectors.weights_round_get(workspace=request.workspace, pk=pk)
    sent = services.round_reminders_send(round=round_)
    messages.success(request, f"{sent} reminder(s) sent." if sent else "Nobody left to remind.")
    return _weights_detail(request, round_)
