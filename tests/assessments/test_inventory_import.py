"""Importing a client's inventory: every malformed file is refused with the right message
and changes nothing; a good file is previewed, then applied all at once."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Assessment
from outsourcing.models import BusinessFunction, Department, Job
from tests.factories import BusinessFunctionFactory

HEADER = (
    "name,department,description,annual_cost,fte,monthly_volume,strategic_importance,"
    "cost_saving_potential,repetitiveness,expertise_required,technology_intensity,control_need,"
    "data_sensitivity,demand_variability"
)
PAYROLL_ROW = "Payroll processing,Finance,Monthly payroll,420000,6,1850,1,4,5,2,2,2,3,2"
RESEARCH_ROW = "Market research,Marketing,Surveys,260000,2.5,,3,3,2,5,2,3,2,4"


def _payroll_with(**ratings: str) -> str:
    """The payroll row with some factor ratings replaced."""
    cells = PAYROLL_ROW.split(",")
    factors = HEADER.split(",")
    for factor, value in ratings.items():
        cells[factors.index(factor)] = value
    return ",".join(cells)


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, workspace, data: bytes, name="inventory.csv"):
    return client.post(
        reverse("function_import", args=[workspace.slug]),
        {"file": SimpleUploadedFile(name, data)},
    )


MALFORMED = [
    ("wrong header", _csv("Function;Dept;Cost", "Payroll;Finance;1"), "unknown column “Function”"),
    ("missing name column", _csv("department,annual_cost", "Finance,1"), "missing column “name”"),
    ("duplicated column", _csv("name,fte,FTE", "Payroll,1,2"), "column “FTE” appears twice"),
    (
        "text in a number",
        _csv("name,annual_cost", "Payroll,lots"),
        "row 2, column annual_cost: “lots” is not a number",
    ),
    (
        "negative cost",
        _csv("name,annual_cost", "Payroll,-5"),
        "row 2, column annual_cost: -5 is negative",
    ),
    (
        "rating 0",
        _csv(HEADER, _payroll_with(strategic_importance="0")),
        "row 2, column strategic_importance: 0 is not between 1 and 5",
    ),
    (
        "rating 6",
        _csv(HEADER, _payroll_with(data_sensitivity="6")),
        "row 2, column data_sensitivity: 6 is not between 1 and 5",
    ),
    (
        "half rating",
        _csv(HEADER, _payroll_with(demand_variability="2.5")),
        "row 2, column demand_variability: 2.5 is not a whole number from 1 to 5",
    ),
    (
        "some ratings missing",
        _csv(HEADER, "Payroll,Finance,x,1,1,1,1,4,5,,,,,"),
        "row 2: has 3 of the 8 factor ratings; give all eight or none",
    ),
    (
        "duplicate names in one file",
        _csv(
            HEADER,
            PAYROLL_ROW,
            RESEARCH_ROW,
            PAYROLL_ROW.replace("Payroll processing", "PAYROLL processing"),
        ),
        "row 4, column name: “PAYROLL processing” appears again (first in row 2)",
    ),
    ("empty name", _csv("name,fte", " ,3"), "row 2, column name: a value is required."),
    ("empty file", b"", "The file is empty."),
    ("header only", _csv(HEADER), "header row but no data rows"),
    ("non-UTF-8 bytes", "name,department\nPaie,Comptabilité\n".encode("latin-1"), "not UTF-8 text"),
    (
        "formula cell in CSV",
        _csv("name,annual_cost", "Payroll,=A1*12"),
        "row 2, column annual_cost: “=A1*12” is a spreadsheet formula; type the value itself",
    ),
    (
        "formula cell in XLSX",
        _xlsx([["name", "fte"], ['=HYPERLINK("http://x")', 1]]),
        "row 2, column name: “=HYPERLINK",
    ),
    ("huge file", b"name\n" + b"x" * (5 * 1024 * 1024 + 10), "the limit is 5.0 MB"),
    (
        "unknown service line",
        _csv("name,service_line", "Payroll,pay-roll"),
        "row 2, column service_line: “pay-roll” is not a service line code",
    ),
    (
        "unknown current sourcing",
        _csv("name,current_sourcing", "Payroll,maybe"),
        "row 2, column current_sourcing: “maybe” is not in_house or outsourced",
    ),
    (
        "too many cells",
        _csv("name,fte", "Payroll,1,extra"),
        "row 2: has 3 cells but the header has 2 columns",
    ),
    ("not a spreadsheet", b"%PDF-1.7 ...", "neither a .csv nor an .xlsx"),
]


@pytest.mark.parametrize(("case", "data", "message"), MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_files_are_refused_with_the_right_message(
    client_for, workspace, editor, case, data, message
):
    BusinessFunctionFactory(workspace=workspace, name="Existing function", annual_cost=100)
    name = (
        "inventory.pdf"
        if case == "not a spreadsheet"
        else ("inventory.xlsx" if data.startswith(b"PK") else "inventory.csv")
    )
    response = _upload(client_for(editor), workspace, data, name)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&quot;", '"').replace("&#x27;", "'")
    assert BusinessFunction.objects.count() == 1
    assert not Assessment.objects.exists()
    assert not Job.objects.exists()


def test_every_problem_of_a_file_is_listed_at_once(client_for, workspace, editor):
    data = _csv("name,annual_cost,fte", "A,lots,1", "B,1,-2", ",3,3")
    page = _upload(client_for(editor), workspace, data).content.decode()
    assert "3 problems to fix" in page
    assert "row 2, column annual_cost" in page
    assert "row 3, column fte" in page
    assert "row 4, column name" in page


def test_good_file_is_previewed_then_imported_with_assessments(
    client_for, workspace, editor, django_capture_on_commit_callbacks
):
    BusinessFunctionFactory(workspace=workspace, name="market RESEARCH", description="old")
    client = client_for(editor)
    response = _upload(client, workspace, _csv(HEADER, PAYROLL_ROW, RESEARCH_ROW))
    job = Job.objects.get()
    assert response.url == reverse("import_preview", args=[workspace.slug, job.pk])

    preview = client.get(response.url).content.decode()
    assert "Nothing has changed yet" in preview
    assert job.params["create_count"] == 1 and job.params["update_count"] == 1
    assert BusinessFunction.objects.count() == 1  # the preview changed nothing

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("import_confirm", args=[workspace.slug, job.pk]))
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert job.message == "Imported: 1 functions added, 1 updated, 2 assessed."
    payroll = BusinessFunction.objects.get(name="Payroll processing")
    assert payroll.department.name == "Finance"
    assert payroll.latest_assessment.recommendation == "BPO"
    research = BusinessFunction.objects.get(name__iexact="market research")
    assert research.description == "Surveys"
    assert research.latest_assessment.recommendation == "KPO"
    assert research.latest_assessment.assessor == editor


def test_confirming_twice_imports_once(
    client_for, workspace, editor, django_capture_on_commit_callbacks
):
    client = client_for(editor)
    _upload(client, workspace, _csv(HEADER, PAYROLL_ROW))
    job = Job.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("import_confirm", args=[workspace.slug, job.pk]))
        client.post(reverse("import_confirm", args=[workspace.slug, job.pk]))
    assert BusinessFunction.objects.count() == 1
    assert Assessment.objects.count() == 1


def test_cancel_discards_the_upload(client_for, workspace, editor):
    client = client_for(editor)
    _upload(client, workspace, _csv(HEADER, PAYROLL_ROW))
    job = Job.objects.get()
    client.post(reverse("import_cancel", args=[workspace.slug, job.pk]))
    assert not Job.objects.exists()
    assert not BusinessFunction.objects.exists()


def test_reimporting_the_same_file_adds_no_history(
    client_for, workspace, editor, django_capture_on_commit_callbacks
):
    client = client_for(editor)
    for _ in range(2):
        _upload(client, workspace, _csv(HEADER, PAYROLL_ROW))
        job = Job.objects.filter(status=Job.Status.PREVIEW).get()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("import_confirm", args=[workspace.slug, job.pk]))
    assert BusinessFunction.objects.count() == 1
    assert Assessment.objects.count() == 1


def test_a_file_that_became_invalid_since_the_preview_changes_nothing(
    client_for, workspace, editor, django_capture_on_commit_callbacks
):
    client = client_for(editor)
    _upload(client, workspace, _csv("name,service_line", "Payroll,payroll"))
    job = Job.objects.get()
    from vendors.models import ServiceLine

    ServiceLine.objects.filter(code="payroll").update(
        code="payroll-services", name="Payroll services"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("import_confirm", args=[workspace.slug, job.pk]))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "“payroll” is not a service line code" in job.message
    assert not BusinessFunction.objects.exists()


def test_viewer_cannot_import(client_for, workspace, viewer):
    response = _upload(client_for(viewer), workspace, _csv(HEADER, PAYROLL_ROW))
    assert response.status_code == 403
    assert not Job.objects.exists()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_template_imports_as_is(client_for, workspace, editor, file_format):
    client = client_for(editor)
    template = client.get(
        reverse("import_template", args=[workspace.slug]), {"format": file_format}
    )
    response = _upload(client, workspace, template.content, f"template.{file_format}")
    assert response.status_code == 302
    assert Job.objects.get().params["create_count"] == 2


def test_departments_are_shared_by_name_in_any_case(
    client_for, workspace, editor, django_capture_on_commit_callbacks
):
    Department.objects.create(workspace=workspace, name="Finance")
    client = client_for(editor)
    _upload(client, workspace, _csv("name,department", "A,FINANCE", "B,finance", "C,Legal"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("import_confirm", args=[workspace.slug, Job.objects.get().pk]))
    assert sorted(workspace.departments.values_list("name", flat=True)) == ["Finance", "Legal"]
