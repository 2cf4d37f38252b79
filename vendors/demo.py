"""A believable demo catalog: about 60 fictional vendors across countries and service lines,
with delivery centres, certificates (some expiring within 90 days, some expired, relative
to today) and rate cards in EUR and USD for the two demo workspaces (Acme, DE/EUR;
Northwind, US/USD).

Idempotent: vendors are matched by normalised name and their records by natural key, so
loading twice changes nothing (except expiry dates, which follow today's date). The
numbers come from a seeded random generator, so every load produces the same catalog.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction

from outsourcing.demo.functions import DemoFunction
from outsourcing.models import BusinessFunction, User
from vendors.access import CURATORS_GROUP
from vendors.models import (
    Certification,
    CertificationKind,
    DeliveryCentre,
    Offering,
    RateCard,
    RateUnit,
    ServiceLine,
    Vendor,
    VendorStatus,
)
from vendors.normalise import vendor_name_key, website_domain

CURATOR_EMAIL = "curator@sourcewise.example"

# Delivery cities: (city, IANA zone), and a labour-cost factor relative to Western Europe.
CITIES = {
    "IN": [("Bengaluru", "Asia/Kolkata"), ("Pune", "Asia/Kolkata"), ("Chennai", "Asia/Kolkata")],
    "PH": [("Manila", "Asia/Manila"), ("Cebu City", "Asia/Manila")],
    "VN": [("Ho Chi Minh City", "Asia/Ho_Chi_Minh")],
    "LK": [("Colombo", "Asia/Colombo")],
    "MY": [("Kuala Lumpur", "Asia/Kuala_Lumpur")],
    "EG": [("Cairo", "Africa/Cairo")],
    "ZA": [("Cape Town", "Africa/Johannesburg")],
    "PL": [("Kraków", "Europe/Warsaw"), ("Wrocław", "Europe/Warsaw"), ("Gdańsk", "Europe/Warsaw")],
    "RO": [("Cluj-Napoca", "Europe/Bucharest"), ("Bucharest", "Europe/Bucharest")],
    "BG": [("Sofia", "Europe/Sofia")],
    "CZ": [("Brno", "Europe/Prague"), ("Prague", "Europe/Prague")],
    "UA": [("Lviv", "Europe/Kyiv")],
    "PT": [("Lisbon", "Europe/Lisbon"), ("Porto", "Europe/Lisbon")],
    "ES": [("Málaga", "Europe/Madrid"), ("Barcelona", "Europe/Madrid")],
    "DE": [("Leipzig", "Europe/Berlin"), ("Berlin", "Europe/Berlin")],
    "IE": [("Dublin", "Europe/Dublin")],
    "GB": [("Manchester", "Europe/London")],
    "US": [("Tampa", "America/New_York"), ("Austin", "America/Chicago")],
    "CA": [("Toronto", "America/Toronto")],
    "MX": [("Guadalajara", "America/Mexico_City"), ("Monterrey", "America/Monterrey")],
    "CO": [("Medellín", "America/Bogota"), ("Bogotá", "America/Bogota")],
    "CR": [("San José", "America/Costa_Rica")],
    "BR": [("Campinas", "America/Sao_Paulo")],
    "AR": [("Córdoba", "America/Argentina/Cordoba")],
}
COST_FACTOR = {
    "IN": 0.32, "PH": 0.36, "VN": 0.33, "LK": 0.33, "MY": 0.45, "EG": 0.34, "ZA": 0.5,
    "PL": 0.58, "RO": 0.52, "BG": 0.48, "CZ": 0.62, "UA": 0.45, "PT": 0.68, "ES": 0.78,
    "DE": 1.2, "IE": 1.12, "GB": 1.1, "US": 1.3, "CA": 1.1, "MX": 0.55, "CO": 0.5,
    "CR": 0.6, "BR": 0.58, "AR": 0.5,
}  # fmt: skip
# Western-European FTE-month price by option, and per-transaction prices where a service
# is commonly bought by the piece.
FTE_MONTH_BASE = {"BPO": 5200, "KPO": 8400, "ITO": 9200}
TRANSACTION_BASE = {
    "customer-support": "4.20",
    "claims-processing": "7.50",
    "data-entry": "0.45",
    "payroll": "9.00",
    "finance-accounting": "2.60",
    "hr-administration": "6.00",
}

# Service lines by short name, to keep the vendor table below readable.
SHORT = {
    "cs": "customer-support",
    "pay": "payroll",
    "fa": "finance-accounting",
    "hr": "hr-administration",
    "de": "data-entry",
    "claims": "claims-processing",
    "rpo": "recruitment",
    "proc": "procurement",
    "mr": "market-research",
    "fin": "financial-analysis",
    "legal": "legal-services",
    "da": "data-analytics",
    "rnd": "rnd-support",
    "app": "application-development",
    "its": "it-support",
    "infra": "infrastructure",
    "cyber": "cybersecurity",
    "cloud": "cloud-operations",
}
ITO_CODES = {"application-development", "it-support", "infrastructure", "cybersecurity"}


@dataclass(frozen=True)
class DemoVendor:
    legal_name: str
    display_name: str
    hq: str
    delivery: tuple[str, ...]
    lines: tuple[str, ...]
    market: str  # EUR, USD or both: the currencies of its rate cards
    languages: tuple[str, ...]


# legal name | display name | HQ | delivery countries | service lines | rate currencies | languages
VENDOR_TABLE = """
Bengal Bay Services Pvt. Ltd. | Bengal Bay | IN | IN | cs pay fa hr de claims | both | en hi
Deccan Digital Technologies Pvt Ltd | Deccan Digital | IN | IN PL | app its infra cloud | both | en
Kaveri Knowledge Analytics LLP | Kaveri Analytics | IN | IN | mr fin legal da rnd | both | en
Malabar Health Claims Pvt Ltd | Malabar Claims | IN | IN | claims de | USD | en
Nilgiri Software Labs Pvt Ltd | Nilgiri Labs | IN | IN | app cloud | USD | en
Indus Payroll Solutions Pvt Ltd | Indus Payroll | IN | IN PH | pay hr | both | en
Pune Legal Process Services LLP | PuneLPO | IN | IN | legal mr | both | en
Chennai Cyber Defence Pvt Ltd | ChennaiSOC | IN | IN | cyber infra | both | en
Luzon Contact Solutions Inc. | Luzon Contact | PH | PH | cs de | USD | en tl
Visayas BPO Corporation | Visayas BPO | PH | PH | cs claims fa | USD | en tl
Mindanao Data Services Inc | Mindanao Data | PH | PH | de rpo | both | en
Saigon Code Works JSC | Saigon Code | VN | VN | app its | both | en vi
Colombo Research Partners (Pvt) Ltd | Colombo Research | LK | LK | mr fin da | both | en
Petronas Valley Shared Services Sdn Bhd | PV Shared Services | MY | MY | fa proc pay | both | en ms
Nile Delta Outsourcing S.A.E. | Nile Delta | EG | EG | cs its | EUR | ar en fr de
Table Mountain Contact Centres (Pty) Ltd | Table Mountain | ZA | ZA | cs claims | both | en af
Vistula Shared Services sp. z o.o. | Vistula | PL | PL | cs pay fa hr de | EUR | pl en de
Tatra Software House sp. z o.o. | Tatra Software | PL | PL UA | app cloud its | both | pl en uk
Baltic Finance Operations sp. z o.o. | Baltic FinOps | PL | PL | fa proc fin | EUR | pl en de
Wawel Analytics S.A. | Wawel Analytics | PL | PL | da mr | EUR | pl en
Carpathian IT Services SRL | Carpathian IT | RO | RO | its infra cyber | EUR | ro en de
Transilvania Business Services SRL | Transilvania | RO | RO BG | cs pay fa hr de | EUR | ro en de
Danube Legal & Research SRL | Danube Research | RO | RO | legal rnd | EUR | ro en
Balkan Helpdesk EOOD | Balkan Helpdesk | BG | BG | its cs | EUR | bg en de
Sofia Data Science AD | Sofia Data | BG | BG | da app | both | bg en
Moravia Tech s.r.o. | Moravia Tech | CZ | CZ | app infra cloud | EUR | cs en de
Bohemia Payroll Services s.r.o. | Bohemia Payroll | CZ | CZ | pay hr | EUR | cs de en
Lviv Engineering Hub LLC | Lviv Hub | UA | UA PL | app its | both | uk en pl
Atlântico Serviços Partilhados Lda | Atlântico | PT | PT | cs fa hr | EUR | pt en de fr
Douro Digital Lda | Douro Digital | PT | PT | app cyber | EUR | pt en
Andalucía Contact Center S.L. | Andalucía CC | ES | ES | cs rpo | EUR | es en de
Iberia Insight Research S.A. | Iberia Insight | ES | ES | mr fin | EUR | es en
Leipzig Lohn & Personal GmbH | Leipzig Lohn | DE | DE | pay hr | EUR | de en
Spree IT Betrieb GmbH | Spree IT | DE | DE CZ | its infra cloud | EUR | de en cs
Rhein Rechtsdienste AG | Rhein Legal | DE | DE | legal | EUR | de en
Liffey Support Services Ltd | Liffey Support | IE | IE PT | cs its | both | en de fr
Shannon Analytics Limited | Shannon Analytics | IE | IE | da fin | both | en
Pennine Finance Services Ltd | Pennine Finance | GB | GB IN | fa fin proc | both | en
Mersey Cyber Ltd | Mersey Cyber | GB | GB | cyber | both | en
Gulf Coast Claims Inc. | Gulf Coast Claims | US | US | claims de | USD | en es
Lone Star IT Services LLC | Lone Star IT | US | US MX | its infra cloud | USD | en es
Sunbelt Patient Access Inc. | Sunbelt Patient Access | US | US | cs claims | USD | en es
Heartland Payroll Corp. | Heartland Payroll | US | US | pay hr rpo | USD | en
Prairie Clinical Research Inc | Prairie Clinical | US | US | rnd da | USD | en
Great Lakes Software Inc. | Great Lakes Software | CA | CA | app cloud | USD | en fr
Laurentian Data Corp. | Laurentian Data | CA | CA IN | da mr de | USD | en fr
Jalisco Nearshore Services S.A. de C.V. | Jalisco Nearshore | MX | MX | cs its app | USD | es en
Sierra Madre Finance S.A. de C.V. | Sierra Madre Finance | MX | MX | fa pay claims | USD | es en
Antioquia Tech S.A.S. | Antioquia Tech | CO | CO | app cyber its | USD | es en
Andes Contact S.A.S. | Andes Contact | CO | CO | cs rpo | USD | es en
Pura Vida Shared Services S.A. | Pura Vida | CR | CR | fa hr cs | USD | es en
Campinas Analytics Ltda | Campinas Analytics | BR | BR | da fin | USD | pt en
Pampa Software S.R.L. | Pampa Software | AR | AR | app cloud | USD | es en
Global Delivery Partners Inc. | GDP | US | IN PH PL MX | cs pay fa hr de app its | both | en es
Meridian Knowledge Services plc | Meridian | GB | IN RO ZA | mr fin legal da rnd fa | both | en ro
Orion Infrastructure Management Ltd | Orion Infra | IN | IN PL | infra cloud cyber | both | en
Polaris Recruitment Process Services Ltd | Polaris RPO | GB | GB PH | rpo hr | both | en
Zephyr Procurement Operations BV | Zephyr | NL | PL IN | proc fa | EUR | nl en pl
Aurora Claims Management AS | Aurora Claims | NO | LK PL | claims de | EUR | no en
Helvetia Research Services AG | Helvetia Research | CH | CZ IN | rnd mr legal | EUR | de fr en
"""


def _parse_table(table: str) -> list[DemoVendor]:
    vendors = []
    for line in table.strip().splitlines():
        legal, display, hq, delivery, lines, market, languages = (
            p.strip() for p in line.split("|")
        )
        vendors.append(
            DemoVendor(
                legal,
                display,
                hq,
                tuple(delivery.split()),
                tuple(SHORT[code] for code in lines.split()),
                market,
                tuple(languages.split()),
            )
        )
    return vendors


DEMO_VENDORS = _parse_table(VENDOR_TABLE)

STATUSES = [VendorStatus.PREFERRED] * 2 + [VendorStatus.APPROVED] * 5 + [VendorStatus.PROSPECT] * 3


def _status(index: int, rng: random.Random) -> str:
    # A handful suspended (every 13th), the rest drawn.
    return VendorStatus.SUSPENDED if index % 13 == 12 else rng.choice(STATUSES)


def _certificates(index: int, demo: DemoVendor, rng: random.Random, today: date):
    """(kind, number, issuer, issued, expires) for a vendor; some expiring or expired."""
    kinds = [CertificationKind.ISO_9001]
    if rng.random() < 0.7 or "cybersecurity" in demo.lines:
        kinds.append(CertificationKind.ISO_27001)
    if demo.market in ("USD", "both") and rng.random() < 0.55:
        kinds.append(CertificationKind.SOC2_TYPE2)
    if "customer-support" in demo.lines and rng.random() < 0.5:
        kinds.append(CertificationKind.PCI_DSS)
    if demo.market in ("USD", "both") and "claims-processing" in demo.lines:
        kinds.append(CertificationKind.HIPAA)
    if any(line in ITO_CODES for line in demo.lines) and rng.random() < 0.6:
        kinds.append(rng.choice([CertificationKind.CMMI_3, CertificationKind.CMMI_5]))
    if demo.market in ("EUR", "both"):
        kinds.append(CertificationKind.GDPR_DPA)
    issuers = ["TÜV SÜD", "BSI", "Bureau Veritas", "DNV", "SGS", "A-LIGN", "Schellman"]
    for position, kind in enumerate(kinds):
        number = f"{kind.upper().replace('_', '')}-{1000 + index * 10 + position}"
        if kind == CertificationKind.GDPR_DPA:
            yield kind, number, "", today - timedelta(days=400 + index), None
            continue
        # Three-year certificates (SOC 2 and PCI DSS: one year) at various points of life.
        life = 365 if kind in (CertificationKind.SOC2_TYPE2, CertificationKind.PCI_DSS) else 1095
        if position == 1 and index % 7 == 3:
            expires = today + timedelta(days=15 + index % 60)  # expiring within 90 days
        elif position == 1 and index % 9 == 5:
            expires = today - timedelta(days=20 + index * 3)  # lapsed
        else:
            expires = today + timedelta(days=rng.randint(120, life - 10))
        yield kind, number, rng.choice(issuers), expires - timedelta(days=life), expires


def _unit_for(line: ServiceLine, rng: random.Random) -> str:
    if line.code in TRANSACTION_BASE and rng.random() < 0.4:
        return RateUnit.TRANSACTION
    if line.option != "BPO" and rng.random() < 0.35:
        return RateUnit.HOUR
    return RateUnit.FTE_MONTH


def _rate(line: ServiceLine, unit: str, country: str, currency: str, rng: random.Random):
    factor = Decimal(str(COST_FACTOR.get(country, 1.0))) * Decimal(str(rng.uniform(0.85, 1.2)))
    if currency == "USD":
        factor *= Decimal("1.08")
    if unit == RateUnit.TRANSACTION:
        return (Decimal(TRANSACTION_BASE[line.code]) * factor).quantize(Decimal("0.01"))
    fte_month = Decimal(FTE_MONTH_BASE[line.option]) * factor
    if unit == RateUnit.HOUR:
        return (fte_month / 150).quantize(Decimal("0.01"))
    return fte_month.quantize(Decimal("1"))


def _upsert(model, lookup: dict, values: dict):
    """update_or_create that saves only when something differs, so a second load leaves
    no history records behind."""
    record = model.objects.filter(**lookup).first()
    if record is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    if changed:
        for name in changed:
            setattr(record, name, values[name])
        record.save()
    return record


@transaction.atomic
def demo_load_catalog() -> dict[str, int]:
    """Create or refresh the demo catalog and put the demo curator in the curators group.

    Returns counts of what the catalog then holds, for the load_demo summary.
    """
    today = date.today()
    lines = {line.code: line for line in ServiceLine.objects.all()}
    curators, _ = Group.objects.get_or_create(name=CURATORS_GROUP)
    curator = User.objects.filter(email=CURATOR_EMAIL).first()
    if curator is not None:
        curator.groups.add(curators)
    for index, demo in enumerate(DEMO_VENDORS):
        # One generator per vendor, drawn from in a fixed order: the same catalog every load.
        rng = random.Random(demo.legal_name)
        vendor = _demo_vendor(index, demo, lines, rng)
        _demo_offerings(vendor, demo, lines, rng)
        _demo_centres(vendor, demo, rng)
        for kind, number, issuer, issued, expires in _certificates(index, demo, rng, today):
            _upsert(
                Certification,
                {"vendor": vendor, "kind": kind, "number": number},
                {"issuer": issuer, "issued_on": issued, "expires_on": expires},
            )
        _demo_rates(vendor, demo, lines, rng, date(today.year, 1, 1))
    return {
        "vendors": Vendor.objects.count(),
        "offerings": Offering.objects.count(),
        "centres": DeliveryCentre.objects.count(),
        "certifications": Certification.objects.count(),
        "rates": RateCard.objects.count(),
    }


def _demo_vendor(index: int, demo: DemoVendor, lines: dict, rng: random.Random) -> Vendor:
    key = vendor_name_key(demo.legal_name)
    website = f"https://www.{key.split()[0]}-{key.split()[-1]}.example"
    offered = ", ".join(lines[code].name.lower() for code in demo.lines[:3])
    return _upsert(
        Vendor,
        {"name_key": key},
        {
            "legal_name": demo.legal_name,
            "display_name": demo.display_name,
            "website": website,
            "website_domain": website_domain(website),
            "headquarters_country": demo.hq,
            "status": _status(index, rng),
            "languages": list(demo.languages),
            "founded_year": rng.randint(1988, 2019),
            "headcount": rng.choice([180, 350, 900, 2400, 6000, 15000, 42000]),
            "description": (
                f"{demo.display_name} delivers {offered} from {', '.join(demo.delivery)}."
            ),
        },
    )


def _demo_offerings(vendor: Vendor, demo: DemoVendor, lines: dict, rng: random.Random) -> None:
    for code in demo.lines:
        _upsert(
            Offering,
            {"vendor": vendor, "service_line": lines[code]},
            {
                "capability_level": rng.choice([2, 3, 3, 4, 4, 5]),
                "capacity_fte": Decimal(rng.choice([15, 40, 80, 150, 400])),
            },
        )


def _demo_centres(vendor: Vendor, demo: DemoVendor, rng: random.Random) -> None:
    for country in demo.delivery:
        for city, zone in CITIES[country][: 1 + (rng.random() < 0.4)]:
            _upsert(
                DeliveryCentre,
                {"vendor": vendor, "country": country, "city": city},
                {"time_zone": zone, "headcount": rng.choice([120, 300, 800, 2500])},
            )


def _demo_rates(
    vendor: Vendor, demo: DemoVendor, lines: dict, rng: random.Random, valid_from: date
) -> None:
    currencies = ["EUR", "USD"] if demo.market == "both" else [demo.market]
    for code in demo.lines:
        line = lines[code]
        unit = _unit_for(line, rng)
        for country in demo.delivery[:2]:
            for currency in currencies:
                _upsert(
                    RateCard,
                    {
                        "vendor": vendor,
                        "service_line": line,
                        "delivery_country": country,
                        "currency": currency,
                        "unit": unit,
                        "valid_from": valid_from,
                    },
                    {"rate": _rate(line, unit, country, currency, rng), "valid_to": None},
                )


def demo_link_service_lines(loaded: dict[str, list[tuple[BusinessFunction, DemoFunction]]]) -> None:
    """Point each demo function at the catalog's service line its demo record names."""
    lines = {line.code: line for line in ServiceLine.objects.all()}
    for pairs in loaded.values():
        for function, demo in pairs:
            line = lines.get(demo.service_line)
            if function.service_line_id != (line.pk if line else None):
                function.service_line = line
                function.save(update_fields=["service_line", "updated_at"])


def demo_step(loaded: dict[str, list[tuple[BusinessFunction, DemoFunction]]]) -> list[str]:
    """The vendors app's part of `load_demo` (registered in VendorsConfig.ready)."""
    demo_link_service_lines(loaded)
    catalog = demo_load_catalog()
    return ["Vendor catalog: " + ", ".join(f"{n} {k}" for k, n in catalog.items()) + "."]
