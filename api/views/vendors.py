from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from api.serializers.vendors import (
    ServiceLineSerializer,
    ShortlistSerializer,
    VendorDetailSerializer,
    VendorSerializer,
    VendorStatusSerializer,
    VendorWriteSerializer,
)
from api.views.base import WorkspaceApiView
from outsourcing.selectors import function_get
from vendors.access import NOT_A_CURATOR, is_curator
from vendors.filters import VendorFilter
from vendors.models import Vendor
from vendors.selectors.catalog import service_line_list, vendor_filterset, vendor_get
from vendors.selectors.matching import function_vendor_shortlist
from vendors.services.vendors import vendor_create, vendor_set_status, vendor_update
from vendors.validation import parse_languages


class CatalogApiView(GenericAPIView):
    """The shared catalog: every signed-in person reads it, catalog curators change it."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in SAFE_METHODS and not is_curator(request.user):
            raise exceptions.PermissionDenied(NOT_A_CURATOR)


def _vendor_details(data, *, partial: bool) -> dict:
    serializer = VendorWriteSerializer(data=data, partial=partial)
    serializer.is_valid(raise_exception=True)
    details = dict(serializer.validated_data)
    if "languages" in details:
        try:
            details["languages"] = parse_languages(details["languages"])
        except DjangoValidationError as exc:
            raise exceptions.ValidationError({"languages": list(exc.messages)}) from None
    return details


class VendorFilterBackend(DjangoFilterBackend):
    """The catalog page's FilterSet on the API's query string (no shore filter: that needs
    a client workspace's country)."""

    def get_filterset_class(self, view, queryset=None):
        return VendorFilter

    def get_filterset(self, request, queryset, view):
        return vendor_filterset(data=request.query_params)


class VendorList(CatalogApiView):
    serializer_class = VendorSerializer
    filter_backends = [VendorFilterBackend]
    queryset = Vendor.objects.none()  # names the model for the schema; the backend reads

    @extend_schema(
        summary="The vendor catalog",
        responses=VendorSerializer(many=True),
        description="The catalog page's search, filters and sort.",
    )
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(VendorSerializer(page, many=True).data)

    @extend_schema(
        summary="Add a vendor (catalog curators)",
        request=VendorWriteSerializer,
        responses={201: VendorDetailSerializer},
    )
    def post(self, request):
        vendor = vendor_create(**_vendor_details(request.data, partial=False))
        return Response(
            VendorDetailSerializer(vendor_get(pk=vendor.pk)).data, status=status.HTTP_201_CREATED
        )


class VendorDetail(CatalogApiView):
    serializer_class = VendorDetailSerializer

    @extend_schema(summary="One vendor with its offerings, centres, certificates, rate cards")
    def get(self, request, pk):
        return Response(VendorDetailSerializer(vendor_get(pk=pk)).data)

    @extend_schema(
        summary="Change a vendor's details (catalog curators)",
        request=VendorWriteSerializer,
        responses=VendorDetailSerializer,
    )
    def patch(self, request, pk):
        vendor = vendor_get(pk=pk)
        details = _vendor_details(request.data, partial=True)
        allow_duplicate = details.pop("allow_duplicate", False)
        details.pop("status", None)  # status changes go through /status/, with a reason
        vendor_update(vendor=vendor, allow_duplicate=allow_duplicate, **details)
        return Response(VendorDetailSerializer(vendor_get(pk=pk)).data)


class VendorStatusView(CatalogApiView):
    serializer_class = VendorDetailSerializer

    @extend_schema(
        summary="Suspend, reinstate or promote a vendor (catalog curators)",
        request=VendorStatusSerializer,
        responses=VendorDetailSerializer,
    )
    def post(self, request, pk):
        vendor = vendor_get(pk=pk)
        serializer = VendorStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        vendor_set_status(vendor=vendor, **serializer.validated_data)
        return Response(VendorDetailSerializer(vendor_get(pk=pk)).data)


class ServiceLineList(CatalogApiView):
    serializer_class = ServiceLineSerializer
    pagination_class = None

    @extend_schema(
        summary="The service lines vendors offer and functions are bought as",
        responses=ServiceLineSerializer(many=True),
    )
    def get(self, request):
        return Response(ServiceLineSerializer(service_line_list(), many=True).data)


class FunctionShortlist(WorkspaceApiView):
    serializer_class = ShortlistSerializer

    @extend_schema(summary="The ranked vendor shortlist of a function")
    def get(self, request, slug, pk):
        function = function_get(workspace=self.workspace, pk=pk)
        shortlist = function_vendor_shortlist(function=function, workspace=self.workspace)
        return Response(ShortlistSerializer(shortlist).data)
