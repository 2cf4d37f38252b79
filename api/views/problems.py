from django.http import Http404, JsonResponse
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.permissions import AllowAny

from api.problems import PROBLEM_TYPES


def problem_type_view(request, slug: str):
    """What a problem `type` URI means (RFC 9457 asks that it be a readable document)."""
    if slug not in PROBLEM_TYPES:
        raise Http404
    return JsonResponse({"type": request.path, "description": PROBLEM_TYPES[slug]})


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
@schema(None)
def not_found(request):
    raise exceptions.NotFound("There is no such API endpoint; see /api/v1/docs/.")
