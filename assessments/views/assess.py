from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from assessments.forms import AssessmentForm
from assessments.services import assessment_create
from outsourcing.access import workspace_view
from outsourcing.models import Role
from outsourcing.selectors import function_get


@workspace_view(min_role=Role.EDITOR)
def assess(request, pk: int):
    """The questionnaire; re-assessing starts from the current ratings."""
    function = function_get(workspace=request.workspace, pk=pk)
    initial = function.latest_assessment.ratings if function.latest_assessment else None
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        assessment = assessment_create(
            function=function,
            ratings=form.ratings,
            assessor=request.user,
            notes=form.cleaned_data["notes"],
        )
        messages.success(request, f"Assessed: {assessment.get_recommendation_display()}.")
        url = reverse("function_detail", args=[request.workspace.slug, function.pk])
        return redirect(f"{url}#result")
    return render(
        request,
        "assessments/assess.html",
        {"function": function, "form": form, "reassessing": initial is not None},
    )
