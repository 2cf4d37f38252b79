"""A vendor's records (offerings, centres, certificates, rate cards), for catalog curators,
through the same services as the curation pages."""

from dataclasses import dataclass

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.serializers.vendors import (
    CentreSerializer,
    CentreWriteSerializer,
    CertificationSerializer,
    CertificationWriteSerializer,
    OfferingSerializer,
    OfferingWriteSerializer,
    RateCardSerializer,
    RateCardWriteSerializer,
)
from api.views.vendors import CatalogApiView
from vendors.models import Certification, DeliveryCentre, Offering, RateCard
from vendors.selectors.catalog import vendor_get, vendor_record_get
from vendors.services.records import (
    centre_save,
    certification_save,
    offering_save,
    rate_card_save,
    record_delete,
)


@dataclass(frozen=True)
class RecordKind:
    model: type
    write: type[serializers.Serializer]
    read: type[serializers.Serializer]
    save: object  # the service: save(vendor=…, **fields, <instance>=record or None)
    instance: str  # the service's keyword for the record it changes
    label: str


RECORD_KINDS = {
    "offerings": RecordKind(
        Offering,
        OfferingWriteSerializer,
        OfferingSerializer,
        offering_save,
        "offering",
        "an offering",
    ),
    "centres": RecordKind(
        DeliveryCentre,
        CentreWriteSerializer,
        CentreSerializer,
        centre_save,
        "centre",
        "a delivery centre",
    ),
    "certifications": RecordKind(
        Certification,
        CertificationWriteSerializer,
        CertificationSerializer,
        certification_save,
        "certification",
        "a certificate",
    ),
    "rate-cards": RecordKind(
        RateCard,
        RateCardWriteSerializer,
        RateCardSerializer,
        rate_card_save,
        "rate_card",
        "a rate card",
    ),
}


class RecordView(CatalogApiView):
    kind = ""  # set per URL (as_view(kind=…)), one of RECORD_KINDS

    @property
    def record_kind(self) -> RecordKind:
        return RECORD_KINDS[self.kind]

    def get_serializer_class(self):
        return self.record_kind.read

    @property
    def request_serializer_class(self):
        return self.record_kind.write

    def _save(self, request, vendor, record=None):
        kind = self.record_kind
        serializer = kind.write(data=request.data)
        serializer.is_valid(raise_exception=True)
        saved = kind.save(vendor=vendor, **serializer.validated_data, **{kind.instance: record})
        return kind.read(saved).data


class VendorRecords(RecordView):
    @extend_schema(summary="Add a record to a vendor (catalog curators)")
    def post(self, request, pk):
        data = self._save(request, vendor_get(pk=pk))
        return Response(data, status=status.HTTP_201_CREATED)


class VendorRecordDetail(RecordView):
    def _record(self, pk, record_pk):
        vendor = vendor_get(pk=pk)
        return vendor, vendor_record_get(vendor=vendor, model=self.record_kind.model, pk=record_pk)

    @extend_schema(summary="Change a vendor's record (catalog curators)")
    def put(self, request, pk, record_pk):
        vendor, record = self._record(pk, record_pk)
        return Response(self._save(request, vendor, record))

    @extend_schema(summary="Remove a vendor's record; its history keeps it (catalog curators)")
    def delete(self, request, pk, record_pk):
        _, record = self._record(pk, record_pk)
        record_delete(record=record)
        return Response(status=status.HTTP_204_NO_CONTENT)
