"""Every import refuses every hostile file with a clear message, and keeps nothing.

The files are built in memory (tests/hostile_files.py). Each is tried through all four
ways in: the inventory upload page, the import_functions command, the catalog upload
page and the import_catalog command. How fast and how lean the refusal is, is measured by
bench/bench_hostile.py, not here.
"""

import html
import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from outsourcing.models import BusinessFunction, Job
from tests import hostile_files as hostile
from tests.vendors.factories import make_curator
from vendors.models import Offering, RateCard, Vendor

pytestmark = pytest.mark.django_db

VENDOR_ROW = "legal_name,headquarters_country\nBengal Bay Services,IN\n"


def _catalog_csvs(**files: str) -> list[tuple[str, bytes]]:
    return [("vendors.csv", VENDOR_ROW.encode())] + [
        (f"{kind}.csv", text.encode()) for kind, text in files.items()
    ]


# name → (inventory file, catalog files, what the inventory says, what the catalog says)
CASES = {
    "dimension bomb": (
        ("bomb.xlsx", lambda: hostile.dimension_bomb("Functions", "name")),
        lambda: [("bomb.xlsx", hostile.dimension_bomb("vendors", "legal_name"))],
        "goes on to row 1,048,576",
        "goes on to row 1,048,576",
    ),
    "zip bomb": (
        ("bomb.xlsx", lambda: hostile.zip_bomb("Functions", "name")),
        lambda: [("bomb.zip", hostile.zip_bomb_of_csvs("vendors.csv"))],
        "would unzip to 64.0 MB; the limit is 40.0 MB",
        "would unzip to 64.0 MB; the limit is 40.0 MB",
    ),
    "million-row sheet": (
        ("rows.xlsx", lambda: hostile.million_rows_xlsx("Functions", "name")),
        lambda: [("rows.xlsx", hostile.million_rows_xlsx("vendors", "legal_name"))],
        "possible zip bomb",
        "possible zip bomb",
    ),
    "million-row CSV": (
        ("rows.csv", lambda: hostile.million_rows_csv("name", "x")),
        lambda: [
            ("vendors.csv", hostile.million_rows_csv("legal_name,headquarters_country", "x,y"))
        ],
        "goes on to row 20,002",
        "goes on to row 20,002",
    ),
    "a million shared strings": (
        ("strings.xlsx", lambda: hostile.shared_strings_flood("Functions", "name")),
        lambda: [("strings.xlsx", hostile.shared_strings_flood("vendors", "legal_name"))],
        "more than 100,000 distinct texts",
        "more than 100,000 distinct texts",
    ),
    "billion laughs": (
        ("laughs.xlsx", lambda: hostile.billion_laughs("Functions", "name")),
        lambda: [("laughs.xlsx", hostile.billion_laughs("vendors", "legal_name"))],
        "billion laughs",
        "billion laughs",
    ),
    "bad CRC": (
        ("crc.xlsx", lambda: hostile.bad_crc("Functions", "name")),
        lambda: [("crc.xlsx", hostile.bad_crc("vendors", "legal_name"))],
        "damaged",
        "damaged",
    ),
    "1e30": (
        ("huge.csv", lambda: b"name,annual_cost\nPayroll,1e30\n"),
        lambda: _catalog_csvs(
            rates="vendor,service_line,delivery_country,currency,unit,rate,valid_from\n"
            "Bengal Bay Services,payroll,IN,EUR,hour,1e30,2025-01-01\n"
        ),
        "row 2, column annual_cost: “1e30” is too large",
        "rates row 2, column rate: “1e30” is too large",
    ),
    "sNaN": (
        ("nan.csv", lambda: b"name,strategic_importance\nPayroll,sNaN\n"),
        lambda: _catalog_csvs(
            offerings="vendor,service_line,capability_level\nBengal Bay Services,payroll,sNaN\n"
        ),
        "row 2, column strategic_importance: “sNaN” is not a whole number from 1 to 5",
        "offerings row 2, column capability_level: “sNaN” must be a whole number from 1 to 5",
    ),
    "NUL byte": (
        ("nul.csv", lambda: b"name,department\nPay\x00roll,Finance\n"),
        lambda: [("vendors.csv", b"legal_name,headquarters_country\nBengal\x00Bay,IN\n")],
        "row 2, column name: “Pay\\x00roll” contains a control character (\\x00)",
        "vendors row 2, column legal_name: “Bengal\\x00Bay” contains a control character",
    ),
}


def _nothing_kept() -> None:
    assert BusinessFunction.objects.count() == 0
    assert (Vendor.objects.count(), Offering.objects.count(), RateCard.objects.count()) == (
        0,
        0,
        0,
    )
    assert not Job.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    kept = [name for _, _, names in os.walk(media) for name in names] if media.exists() else []
    assert kept == []


def _page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("case", CASES)
def test_the_inventory_upload_refuses_it(client_for, workspace, editor, case):
    (filename, build), _, message, _ = CASES[case]
    response = client_for(editor).post(
        reverse("function_import", args=[workspace.slug]),
        {"file": SimpleUploadedFile(filename, build())},
    )
    assert response.status_code == 400
    assert message in _page_text(response)
    _nothing_kept()


@pytest.mark.parametrize("case", CASES)
def test_the_import_functions_command_refuses_it(workspace, tmp_path, case):
    (filename, build), _, message, _ = CASES[case]
    path = tmp_path / filename
    path.write_bytes(build())
    with pytest.raises(CommandError) as refusal:
        call_command("import_functions", str(path), "--workspace", workspace.slug)
    assert message in str(refusal.value)
    _nothing_kept()


@pytest.mark.parametrize("case", CASES)
def test_the_catalog_upload_refuses_it(client, case):
    _, build, _, message = CASES[case]
    client.force_login(make_curator())
    uploads = []
    for name, data in build():
        uploads.append(SimpleUploadedFile(name, data))
    response = client.post(reverse("vendors:catalog_import"), {"files": uploads})
    assert response.status_code == 400
    assert message in _page_text(response)
    _nothing_kept()


@pytest.mark.parametrize("case", CASES)
def test_the_import_catalog_command_refuses_it(tmp_path, case):
    _, build, _, message = CASES[case]
    for name, data in build():
        (tmp_path / name).write_bytes(data)
    target = tmp_path if len(build()) > 1 else tmp_path / build()[0][0]
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_catalog", str(target), stdout=io.StringIO(), stderr=errors)
    assert message in errors.getvalue()
    _nothing_kept()
