from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assessments import scoring
from assessments.forms import AhpForm, DirectWeightsForm
from assessments.models import CriteriaWeights
from assessments.selectors import (
    latest_rescore_job,
    weight_changes,
    workspace_weights,
    workspace_weights_record,
)
from assessments.services import weights_set
from outsourcing.access import workspace_view
from outsourcing.models import Role
from outsourcing.views.helpers import form_service_call


def _page(request, *, direct_form=None, ahp_form=None, tab="direct", status=200):
    weights = workspace_weights(workspace=request.workspace)
    record = workspace_weights_record(workspace=request.workspace)
    ahp_initial = record.ahp_judgements if record and record.ahp_judgements else None
    return render(
        request,
        "assessments/weights.html",
        {
            "weights": [(scoring.CRITERION_INFO[k], weights[k]) for k in scoring.CRITERIA],
            "record": record,
            "direct_form": direct_form or DirectWeightsForm(current=weights),
            "ahp_form": ahp_form or AhpForm(current=ahp_initial),
            "tab": tab,
            "changes": weight_changes(workspace=request.workspace, limit=20),
            "rescore_job": latest_rescore_job(workspace=request.workspace),
        },
        status=status,
    )


@workspace_view(min_role=Role.OWNER)
def weights(request):
    return _page(request)


@workspace_view(min_role=Role.OWNER)
@require_POST
def weights_direct(request):
    form = DirectWeightsForm(request.POST)
    saved = form.is_valid() and form_service_call(
        form,
        lambda **_: weights_set(
            workspace=request.workspace,
            weights=form.weights,
            method=CriteriaWeights.Method.DIRECT,
            changed_by=request.user,
        ),
    )
    if not saved:
        return _page(request, direct_form=form, tab="direct", status=400)
    messages.success(request, "Weights saved. Re-scoring the workspace's assessments…")
    return redirect("assessments:weights", slug=request.workspace.slug)


@workspace_view(min_role=Role.OWNER)
@require_POST
def weights_ahp(request):
    form = AhpForm(request.POST)
    saved = form.is_valid() and form_service_call(
        form,
        lambda **_: weights_set(
            workspace=request.workspace,
            method=CriteriaWeights.Method.AHP,
            changed_by=request.user,
            ahp_judgements=form.judgements,
        ),
    )
    if not saved:
        return _page(request, ahp_form=form, tab="ahp", status=400)
    messages.success(
        request,
        f"Weights derived by AHP (CR = {saved.weights.consistency_ratio:.3f}) and saved. "
        "Re-scoring…",
    )
    return redirect("assessments:weights", slug=request.workspace.slug)


@workspace_view(min_role=Role.OWNER)
@require_POST
def weights_ahp_preview(request):
    """The weights and consistency of the judgements so far (htmx, as the owner edits)."""
    form = AhpForm(request.POST)
    form.is_valid()
    return render(request, "assessments/_ahp_preview.html", {"ahp_form": form})


@workspace_view()
def methodology(request):
    weights = workspace_weights(workspace=request.workspace)
    return render(
        request,
        "assessments/methodology.html",
        {
            "criteria": [
                (
                    scoring.CRITERION_INFO[key],
                    weights[key],
                    [scoring.FACTOR_INFO[f] for f in scoring.CRITERION_INFO[key].factors],
                )
                for key in scoring.CRITERIA
            ],
            "record": workspace_weights_record(workspace=request.workspace),
            "model_version": scoring.MODEL_VERSION,
            "no_clear_call_margin": scoring.NO_CLEAR_CALL_MARGIN,
            "options": scoring.OPTION_LABELS,
            "stages": [
                (scoring.FACTOR_INFO[factor].label, _arrow(case), [_arrow(x) for x in fits])
                for factor, case, fits in scoring.stage_arrows()
            ],
        },
    )


def _arrow(push: float) -> str:
    """A direction-table entry as the methodology page shows it (docs/domain.md's notation)."""
    if push == 0:
        return "·"
    return ("↑" if push > 0 else "↓") + (" mild" if abs(push) < 1 else "")
