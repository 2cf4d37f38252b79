"""Catalog import: the dry run writes nothing, a clean file imports everything, and every
file in the malformed corpus is refused with its reason and nothing saved."""

import io
import os
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from outsourcing.imports.writer import write_xlsx
from outsourcing.models import Job
from tests.vendors.factories import VendorFactory
from vendors.models import Certification, DeliveryCentre, Offering, RateCard, Vendor
from vendors.selectors.export import catalog_export_file
from vendors.services.catalog_import import catalog_import

pytestmark = pytest.mark.django_db

VENDORS = (
    "legal_name,display_name,website,headquarters_country,status,languages,founded_year\n"
    "Bengal Bay Services Pvt Ltd,Bengal Bay,bengalbay.example,IN,approved,en; hi,2001\n"
    "Vistula Shared Services sp. z o.o.,Vistula,https://vistula.example,PL,preferred,pl,2004\n"
)
OFFERINGS = (
    "vendor,service_line,capability_level,capacity_fte\n"
    "Bengal Bay Services Pvt Ltd,payroll,4,120\n"
    "Vistula Shared Services sp. z o.o.,payroll,5,40\n"
)
CENTRES = (
    "vendor,country,city,headcount,time_zone\n"
    "Bengal Bay Services Pvt Ltd,IN,Pune,800,Asia/Kolkata\n"
    "Vistula Shared Services sp. z o.o.,PL,Kraków,300,Europe/Warsaw\n"
)
CERTIFICATIONS = (
    "vendor,type,number,issuer,issued,expires\n"
    "Bengal Bay Services Pvt Ltd,ISO 27001,IS-1,BSI,2024-01-10,2027-01-09\n"
    "Vistula Shared Services sp. z o.o.,iso_9001,Q-7,TÜV,2023-05-01,2026-04-30\n"
)
RATES = (
    "vendor,service_line,delivery_country,currency,unit,rate,valid_from,valid_to\n"
    "Bengal Bay Services Pvt Ltd,payroll,IN,EUR,fte_month,1900,2025-01-01,\n"
    "Vistula Shared Services sp. z o.o.,payroll,PL,EUR,FTE-month,3100.50,2025-01-01,\n"
)
GOOD = {
    "vendors.csv": VENDORS,
    "offerings.csv": OFFERINGS,
    "centres.csv": CENTRES,
    "certifications.csv": CERTIFICATIONS,
    "rates.csv": RATES,
}


def files(overrides: dict | None = None, drop: tuple = ()) -> list[tuple[str, bytes]]:
    chosen = {**GOOD, **(overrides or {})}
    return [
        (name, text if isinstance(text, bytes) else text.encode())
        for name, text in chosen.items()
        if name not in drop
    ]


def catalog_size() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Vendor, Offering, DeliveryCentre, Certification, RateCard)
    )


def test_dry_run_reports_and_changes_nothing():
    plan = catalog_import(files=files(), dry_run=True)
    assert plan.is_valid and not plan.applied
    assert plan.totals == {"create": 10, "update": 0, "unchanged": 0, "reject": 0}
    assert catalog_size() == (0, 0, 0, 0, 0)
    assert Vendor.history.count() == 0


def test_clean_file_imports_everything_with_history():
    plan = catalog_import(files=files())
    assert plan.applied
    assert catalog_size() == (2, 2, 2, 2, 2)
    bengal = Vendor.objects.get(name_key="bengal bay services")
    assert bengal.website == "https://bengalbay.example" and bengal.languages == ["en", "hi"]
    assert RateCard.objects.get(currency="EUR", delivery_country="PL").rate == Decimal("3100.50")
    assert Vendor.history.filter(history_change_reason="Catalog import").count() == 2
    assert Offering.history.count() == 2


def test_reimport_updates_only_what_changed():
    catalog_import(files=files())
    changed = OFFERINGS.replace("payroll,4,120", "payroll,5,120")
    plan = catalog_import(files=files({"offerings.csv": changed}))
    assert plan.applied
    assert plan.kinds["offerings"].counts == {"create": 0, "update": 1, "unchanged": 1, "reject": 0}
    assert plan.kinds["vendors"].counts["unchanged"] == 2
    assert Offering.objects.filter(capability_level=5).count() == 2


def test_child_rows_may_name_an_existing_vendor_in_another_spelling():
    VendorFactory(legal_name="Deccan Digital Technologies Pvt. Ltd.")
    plan = catalog_import(
        files=[
            (
                "offerings.csv",
                b"vendor,service_line,capability_level\nDECCAN DIGITAL TECHNOLOGIES,it-support,4\n",
            )
        ]
    )
    assert plan.applied and Offering.objects.count() == 1


def test_export_then_import_changes_nothing():
    catalog_import(files=files())
    for file_format in ("xlsx", "csv"):
        filename, _, content = catalog_export_file(file_format=file_format)
        plan = catalog_import(files=[(filename, content)], dry_run=True)
        assert plan.is_valid, plan.errors
        assert plan.totals == {"create": 0, "update": 0, "unchanged": 10, "reject": 0}


def test_export_neutralises_formulas():
    VendorFactory(legal_name="-Minus Corp", description='=HYPERLINK("http://x")')
    _, _, content = catalog_export_file(file_format="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content))["vendors"]
    values = [cell.value for cell in sheet[2]]
    assert "'-Minus Corp" in values and '\'=HYPERLINK("http://x")' in values


def test_one_workbook_with_a_sheet_per_kind():
    sheets = {}
    for name, text in GOOD.items():
        rows = [line.split(",") for line in text.strip().splitlines()]
        sheets[name.removesuffix(".csv").capitalize()] = (rows[0], rows[1:])
    sheets["Read me"] = (["note"], [["ignored"]])
    plan = catalog_import(files=[("catalog.xlsx", write_xlsx(sheets))])
    assert plan.applied, plan.errors
    assert catalog_size() == (2, 2, 2, 2, 2)
    assert any("Read me" in notice for notice in plan.notices)


def test_a_zip_of_csvs():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in GOOD.items():
            archive.writestr(name, text)
    plan = catalog_import(files=[("catalog.zip", buffer.getvalue())])
    assert plan.applied, plan.errors


# The malformed-file corpus: (files, the message that must be among the errors).
CORPUS = {
    "wrong header": (
        {"vendors.csv": VENDORS.replace("legal_name,", "company,")},
        "vendors: unknown column “company”",
    ),
    "missing column": (
        {
            "offerings.csv": OFFERINGS.replace(",capability_level", "")
            .replace(",4,", ",")
            .replace(",5,", ",")
        },
        "offerings: missing column “capability_level”",
    ),
    "unknown service line": (
        {"offerings.csv": OFFERINGS.replace("payroll,4", "payrol,4")},
        "offerings row 2, column service_line: “payrol” is not a service line code",
    ),
    "bad country": (
        {"centres.csv": CENTRES.replace(",PL,Kraków", ",Polska-ish,Kraków")},
        "centres row 3, column country: “Polska-ish” is not a country",
    ),
    "bad currency": (
        {"rates.csv": RATES.replace(",EUR,fte_month", ",EURO,fte_month")},
        "rates row 2, column currency: “EURO” is not an ISO 4217 code.",
    ),
    "rate zero": (
        {"rates.csv": RATES.replace(",1900,", ",0,")},
        "rates row 2, column rate: “0” must be more than zero.",
    ),
    "rate negative": (
        {"rates.csv": RATES.replace(",1900,", ",-10,")},
        "rates row 2, column rate: “-10” must be more than zero.",
    ),
    "expiry before issue": (
        {
            "certifications.csv": CERTIFICATIONS.replace(
                "2024-01-10,2027-01-09", "2024-01-10,2023-01-09"
            )
        },
        "certifications row 2, column expires: “2023-01-09” is not after the issue date "
        "2024-01-10.",
    ),
    "capability 6": (
        {"offerings.csv": OFFERINGS.replace("payroll,4", "payroll,6")},
        "offerings row 2, column capability_level: “6” must be a whole number from 1 to 5.",
    ),
    "duplicate vendor in file": (
        {"vendors.csv": VENDORS + "BENGAL BAY SERVICES Private Limited,,,IN,,,\n"},
        "vendors row 4, column legal_name: “BENGAL BAY SERVICES Private Limited” is the same "
        "vendor as vendors row 2",
    ),
    "duplicate website in file": (
        {"vendors.csv": VENDORS + "Other Co,,https://www.bengalbay.example/about,IN,,,\n"},
        "vendors row 4, column website: bengalbay.example is also the website of vendors row 2",
    ),
    "non-UTF-8": (
        {"vendors.csv": VENDORS.replace("Kraków", "x").encode("utf-16")},
        "vendors.csv: The file is not UTF-8 text",
    ),
    "empty": ({"rates.csv": b""}, "rates.csv: The file is empty."),
    "formula cell": (
        {"vendors.csv": VENDORS.replace("Bengal Bay,bengal", '=HYPERLINK("http://evil"),bengal')},
        'vendors row 2, column display_name: “=HYPERLINK("http://evil")” is a spreadsheet formula',
    ),
    "bad URL": (
        {"vendors.csv": VENDORS.replace("bengalbay.example", "htp:/x")},
        "vendors row 2, column website: “htp:/x” is not a URL.",
    ),
    "bad date": (
        {"rates.csv": RATES.replace("1900,2025-01-01", "1900,01/02/2025")},
        "rates row 2, column valid_from: “01/02/2025” is not a date (use YYYY-MM-DD).",
    ),
    "unknown time zone": (
        {"centres.csv": CENTRES.replace("Asia/Kolkata", "India/Pune")},
        "centres row 2, column time_zone: “India/Pune” is not an IANA time zone",
    ),
    "unknown certificate type": (
        {"certifications.csv": CERTIFICATIONS.replace("ISO 27001", "ISO 99999")},
        "certifications row 2, column type: “ISO 99999” is not a certificate type",
    ),
    "vendor not found": (
        {
            "rates.csv": RATES.replace(
                "Bengal Bay Services Pvt Ltd,payroll,IN", "Nobody Inc,payroll,IN"
            )
        },
        "rates row 2, column vendor: “Nobody Inc” is neither in the vendors rows nor the catalog.",
    ),
    "missing required value": (
        {"vendors.csv": VENDORS.replace(",PL,preferred", ",,preferred")},
        "vendors row 3, column headquarters_country: a value is required.",
    ),
    "unknown file kind": ({"suppliers.csv": VENDORS}, "suppliers.csv: the file name must say"),
    "bad language": (
        {"vendors.csv": VENDORS.replace("en; hi", "english")},
        "vendors row 2, column languages: “english” is not an ISO 639-1 language code",
    ),
}


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_malformed_file_is_refused_with_its_reason_and_nothing_saved(case):
    overrides, message = CORPUS[case]
    plan = catalog_import(files=files(overrides))
    assert not plan.applied
    assert not plan.is_valid
    assert any(message in error for error in plan.errors), plan.errors
    assert catalog_size() == (0, 0, 0, 0, 0)
    assert Vendor.history.count() == 0


def test_every_problem_is_listed_not_just_the_first():
    bad_rates = RATES.replace(
        ",EUR,fte_month,1900,2025-01-01,", ",EURO,fte_month,0,2025-01-01,2024-01-01"
    )
    plan = catalog_import(files=files({"rates.csv": bad_rates}))
    rate_errors = [e for e in plan.errors if e.startswith("rates row 2")]
    assert len(rate_errors) == 3, rate_errors


def test_a_vendor_with_another_vendors_website_is_rejected():
    VendorFactory(legal_name="Totally Other Name", website="https://vistula.example")
    plan = catalog_import(files=files())
    assert any(
        "vistula.example is the website of “Totally Other Name”" in error for error in plan.errors
    )
    assert Vendor.objects.count() == 1


def test_browser_import_previews_then_commits_in_a_job(
    client, curator, django_capture_on_commit_callbacks
):
    client.force_login(curator)
    upload = [io.BytesIO(text.encode()) for text in GOOD.values()]
    for handle, name in zip(upload, GOOD, strict=True):
        handle.name = name
    response = client.post(reverse("vendors:catalog_import"), {"files": upload})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    assert "Import it" in preview.content.decode()
    assert catalog_size() == (0, 0, 0, 0, 0)  # the preview wrote nothing
    with django_capture_on_commit_callbacks(execute=True):
        commit = client.post(response["Location"] + "commit/")
    job = Job.objects.get(kind=Job.Kind.IMPORT_CATALOG)
    assert commit["Location"] == reverse("vendors:catalog_job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert job.message == "Catalog imported: 10 created, 0 updated, 0 unchanged."
    assert catalog_size() == (2, 2, 2, 2, 2)
    assert Vendor.history.first().history_user == curator
    assert "See the catalog" in client.get(commit["Location"]).content.decode()


def test_browser_upload_with_rejected_rows_lists_them_and_keeps_nothing(client, curator):
    client.force_login(curator)
    handle = io.BytesIO(RATES.replace(",EUR,fte_month", ",EURO,fte_month").encode())
    handle.name = "rates.csv"
    response = client.post(reverse("vendors:catalog_import"), {"files": [handle]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "“EURO” is not an ISO 4217 code" in page
    assert "Import it" not in page
    assert not Job.objects.exists()  # no preview, no kept file


def test_a_catalog_that_changed_since_the_preview_fails_the_job_and_changes_nothing(
    client, curator, django_capture_on_commit_callbacks
):
    client.force_login(curator)
    handle = io.BytesIO(VENDORS.encode())
    handle.name = "vendors.csv"
    preview = client.post(reverse("vendors:catalog_import"), {"files": [handle]})["Location"]
    VendorFactory(legal_name="Totally Other Name", website="https://vistula.example")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(preview + "commit/")
    job = Job.objects.get(kind=Job.Kind.IMPORT_CATALOG)
    assert job.status == Job.Status.FAILED
    assert "vistula.example is the website of “Totally Other Name”" in job.message
    assert Vendor.objects.count() == 1


def test_cancelling_a_catalog_preview_forgets_it(client, curator):
    client.force_login(curator)
    handle = io.BytesIO(VENDORS.encode())
    handle.name = "vendors.csv"
    preview = client.post(reverse("vendors:catalog_import"), {"files": [handle]})["Location"]
    job = Job.objects.get(kind=Job.Kind.IMPORT_CATALOG)
    stored = job.source_file.path
    response = client.post(preview + "cancel/")
    assert response["Location"] == reverse("vendors:catalog_import")
    assert not Job.objects.exists()
    assert not os.path.exists(stored)
    assert Vendor.objects.count() == 0


def test_import_catalog_command(tmp_path):
    for name, text in GOOD.items():
        (tmp_path / name).write_text(text)
    call_command("import_catalog", str(tmp_path), "--dry-run", stdout=io.StringIO())
    assert catalog_size() == (0, 0, 0, 0, 0)
    call_command("import_catalog", str(tmp_path), stdout=io.StringIO())
    assert catalog_size() == (2, 2, 2, 2, 2)
    out = tmp_path / "export"
    call_command("export_catalog", str(out), stdout=io.StringIO())
    assert (out / "rates.csv").read_text().count("\n") == 3
    call_command("export_catalog", str(tmp_path / "catalog.xlsx"), stdout=io.StringIO())
    assert (tmp_path / "catalog.xlsx").stat().st_size > 0


def test_import_catalog_command_fails_loudly(tmp_path):
    from django.core.management import CommandError

    (tmp_path / "rates.csv").write_text(RATES.replace(",1900,", ",0,"))
    (tmp_path / "vendors.csv").write_text(VENDORS)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_catalog", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "rates row 2, column rate: “0” must be more than zero." in err.getvalue()
    assert catalog_size() == (0, 0, 0, 0, 0)


def test_curator_downloads_the_catalog(client, curator):
    catalog_import(files=files())
    client.force_login(curator)
    xlsx = client.get(reverse("vendors:catalog_export"), {"format": "xlsx"})
    assert xlsx.status_code == 200
    assert openpyxl.load_workbook(io.BytesIO(xlsx.content)).sheetnames == [
        "vendors",
        "offerings",
        "centres",
        "certifications",
        "rates",
    ]
    archive = zipfile.ZipFile(
        io.BytesIO(client.get(reverse("vendors:catalog_export"), {"format": "csv"}).content)
    )
    assert sorted(archive.namelist())[0] == "centres.csv"
    assert client.get(reverse("vendors:catalog_export"), {"format": "pdf"}).status_code == 404


def test_a_rate_with_thousands_separators_reads_as_the_inventory_reads_it():
    rates = RATES.replace(",1900,", ',"1,900.50",')
    plan = catalog_import(files=files({"rates.csv": rates}))
    assert plan.applied, plan.errors
    assert RateCard.objects.get(delivery_country="IN").rate == Decimal("1900.50")


def test_a_failed_catalog_import_offers_try_again_to_curators(
    client, curator, django_capture_on_commit_callbacks
):
    job = Job.objects.create(
        workspace=None,
        kind=Job.Kind.IMPORT_CATALOG,
        status=Job.Status.FAILED,
        can_retry=True,
        message="The worker was lost three times.",
    )
    client.force_login(curator)
    page = client.get(reverse("vendors:catalog_job", args=[job.pk])).content.decode()
    retry = reverse("vendors:catalog_job_retry", args=[job.pk])
    assert "Try again" in page and retry in page
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(retry)
    assert response["Location"] == reverse("vendors:catalog_job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED


def test_only_curators_may_retry_a_catalog_import(client, editor):
    job = Job.objects.create(
        workspace=None, kind=Job.Kind.IMPORT_CATALOG, status=Job.Status.FAILED, can_retry=True
    )
    client.force_login(editor)
    response = client.post(reverse("vendors:catalog_job_retry", args=[job.pk]))
    assert response.status_code in (403, 404)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
