from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from api.problems import Problem
from api.serializers.weights import (
    AhpWeightsSerializer,
    DirectWeightsSerializer,
    WeightsSerializer,
    WeightsUpdateSerializer,
)
from api.views.base import WorkspaceApiView
from assessments.forms import DirectWeightsForm
from assessments.judgements import ahp_evaluate, judgements_to_revisit, pair_field_name
from assessments.models import CriteriaWeights
from assessments.selectors import workspace_weights, workspace_weights_record
from assessments.services import weights_set
from outsourcing.models import Role


def _weights(workspace) -> dict:
    record = workspace_weights_record(workspace=workspace)
    return {
        "weights": workspace_weights(workspace=workspace),
        "method": record.method if record else CriteriaWeights.Method.DEFAULT,
        "consistency_ratio": record.consistency_ratio if record else None,
        "ahp_judgements": record.ahp_judgements if record else None,
        "updated_at": record.updated_at if record else None,
        "updated_by": record.updated_by.email if record and record.updated_by else None,
    }


def _form_errors(form, prefix: str) -> dict:
    """A form's errors keyed as the API's fields (`weights.cost`, or the whole input)."""
    return {
        (f"{prefix}.{field}" if field != "__all__" else "non_field_errors"): [
            str(message) for message in messages
        ]
        for field, messages in form.errors.items()
    }


class Weights(WorkspaceApiView):
    serializer_class = WeightsSerializer
    write_role = Role.OWNER

    @extend_schema(summary="The workspace's criteria weights")
    def get(self, request, slug):
        return Response(WeightsSerializer(_weights(self.workspace)).data)

    @extend_schema(
        summary="Set the weights directly (owners)",
        description="Percentages per criterion adding up to 100, as on the weights page. "
        "Saving queues the re-scoring of the workspace's assessments.",
        request=DirectWeightsSerializer,
        responses={202: WeightsUpdateSerializer},
    )
    def put(self, request, slug):
        serializer = DirectWeightsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        form = DirectWeightsForm(data=serializer.validated_data["weights"])
        if not form.is_valid():
            raise exceptions.ValidationError(_form_errors(form, "weights"))
        update = weights_set(
            workspace=self.workspace,
            weights=form.weights,
            method=CriteriaWeights.Method.DIRECT,
            changed_by=request.user,
        )
        return _updated(self.workspace, update)


def _updated(workspace, update) -> Response:
    data = {"weights": _weights(workspace), "rescore_job": update.job}
    return Response(WeightsUpdateSerializer(data).data, status=status.HTTP_202_ACCEPTED)


class WeightsAhp(WorkspaceApiView):
    serializer_class = WeightsSerializer
    write_role = Role.OWNER

    @extend_schema(
        summary="Derive the weights by AHP pairwise comparison (owners)",
        description="Judgements on Saaty's scale, as on the weights page. Consistent "
        "judgements (CR < 0.10) set the weights and queue re-scoring; inconsistent ones are "
        "refused with the consistency ratio and the judgements to revisit.",
        request=AhpWeightsSerializer,
        responses={202: WeightsUpdateSerializer},
    )
    def post(self, request, slug):
        serializer = AhpWeightsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        judgements = dict(serializer.validated_data["judgements"])
        try:
            update = weights_set(
                workspace=self.workspace,
                method=CriteriaWeights.Method.AHP,
                changed_by=request.user,
                ahp_judgements=judgements,
            )
        except DjangoValidationError as exc:
            if exc.code == "inconsistent":
                raise _inconsistent(judgements) from None
            raise
        return _updated(self.workspace, update)


def _inconsistent(judgements: dict[str, str]) -> Problem:
    """The service's refusal, with what the client needs to revisit its judgements."""
    result = ahp_evaluate(judgements)
    return Problem(
        status_code=status.HTTP_400_BAD_REQUEST,
        slug="inconsistent-judgements",
        title="The judgements are inconsistent",
        detail=f"These judgements are inconsistent (CR = {result.cr:.3f}; it must be below "
        "0.10). Revisit the pairs in `judgements_to_revisit`; the weights were not changed.",
        consistency_ratio=round(result.cr, 4),
        judgements_to_revisit=[
            {
                "pair": pair_field_name(judgement.i, judgement.j),
                "given": round(judgement.given, 3),
                "implied": round(judgement.implied, 3),
                "message": message,
            }
            for judgement, message in zip(
                result.worst_judgements, judgements_to_revisit(result), strict=True
            )
        ],
    )
