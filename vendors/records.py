"""The four kinds of record a vendor has, as the curator pages address them in URLs
(/vendors/<pk>/<kind>/…): model, form, service and words for each."""

from dataclasses import dataclass

from django.http import Http404

from vendors.forms import CentreForm, CertificationForm, OfferingForm, RateCardForm
from vendors.models import Certification, DeliveryCentre, Offering, RateCard
from vendors.services.records import (
    centre_save,
    certification_save,
    offering_save,
    rate_card_save,
)


@dataclass(frozen=True)
class RecordKind:
    slug: str
    model: type
    form: type
    save: object  # service: save(vendor=, <kind>=instance or None, **cleaned_data)
    instance_arg: str
    singular: str
    anchor: str  # section id on the vendor page


RECORD_KINDS = {
    kind.slug: kind
    for kind in (
        RecordKind(
            "offerings", Offering, OfferingForm, offering_save, "offering", "offering", "offerings"
        ),
        RecordKind(
            "centres",
            DeliveryCentre,
            CentreForm,
            centre_save,
            "centre",
            "delivery centre",
            "centres",
        ),
        RecordKind(
            "certifications",
            Certification,
            CertificationForm,
            certification_save,
            "certification",
            "certificate",
            "certifications",
        ),
        RecordKind(
            "rates", RateCard, RateCardForm, rate_card_save, "rate_card", "rate card", "rates"
        ),
    )
}


def record_kind(slug: str) -> RecordKind:
    try:
        return RECORD_KINDS[slug]
    except KeyError:
        raise Http404("No such kind of vendor record.") from None
