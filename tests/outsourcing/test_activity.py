"""The audit trail: every tracked change appears on the workspace's Activity page with the
person and the time; owners only; filterable, paginated and exportable as CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assessments.rounds.services import round_open, weights_round_open
from outsourcing.models import BusinessFunction, Job, Membership
from outsourcing.services.activity import activity_record
from portfolio.selectors.figures import SECTION_TITLES
from tests.factories import PAYROLL, BusinessFunctionFactory, UserFactory, ratings_of
from tests.vendors.contracts.factories import ContractFactory

IMPORT_CSV = (
    b"name,department,strategic_importance,cost_saving_potential,repetitiveness,"
    b"expertise_required,technology_intensity,control_need,data_sensitivity,demand_variability\n"
    b"Accounts payable,Finance,1,4,5,2,2,2,3,2\n"
)


def _activity(client, workspace, **params):
    return client.get(reverse("activity", args=[workspace.slug]), params)


def _rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [" ".join(row.split()) for row in body.split("<tr>")[1:]]


def _row_with(page: str, *needles: str) -> str:
    found = [row for row in _rows(page) if all(n in row for n in needles)]
    assert found, f"no activity row with {needles}"
    return found[0]


def _editor_works_on_payroll(client, workspace, editor) -> None:
    """An editor creates, edits, assesses and archives a function, opens a round on it and
    records notice on a contract."""
    client.post(
        reverse("function_create", args=[workspace.slug]),
        {"name": "Payroll", "department": "Finance", "current_sourcing": "in_house"},
    )
    payroll = BusinessFunction.objects.get(name="Payroll")
    client.post(
        reverse("function_edit", args=[workspace.slug, payroll.pk]),
        {
            "name": "Payroll processing",
            "department": "Finance",
            "current_sourcing": "in_house",
            "fte": "6",
        },
    )
    client.post(
        reverse("assessments:function_assess", args=[workspace.slug, payroll.pk]),
        ratings_of(PAYROLL),
    )
    client.post(reverse("function_archive", args=[workspace.slug, payroll.pk]))
    contract = ContractFactory(workspace=workspace, title="Payroll services")
    client.post(
        reverse("contracts:contract_notice", args=[workspace.slug, contract.pk]),
        {"given_on": contract.start_date.isoformat(), "confirm": "on"},
    )
    client.post(
        reverse("rounds:function_round_open", args=[workspace.slug, payroll.pk]),
        {"assessors": [editor.pk], "due_date": timezone.localdate() + timedelta(days=3)},
    )


def _owner_runs_the_workspace(client, workspace, viewer, on_commit) -> None:
    """An owner changes the weights, starts a report, and changes then removes a member."""
    with on_commit(execute=True):
        client.post(
            reverse("assessments:weights_direct", args=[workspace.slug]),
            {
                "strategic_value": "30",
                "cost": "30",
                "task_nature": "20",
                "flexibility": "10",
                "control": "10",
            },
        )
    with on_commit(execute=True):
        client.post(
            reverse("portfolio_report_create", args=[workspace.slug]),
            {"sections": list(SECTION_TITLES), "language": "en"},
        )
    viewer_membership = Membership.objects.get(workspace=workspace, user=viewer)
    client.post(
        reverse("member_change_role", args=[workspace.slug, viewer_membership.pk]),
        {"role": "editor"},
    )
    client.post(reverse("member_remove", args=[workspace.slug, viewer_membership.pk]))


@pytest.fixture
def worked_workspace(
    client_for, workspace, owner, editor, viewer, django_capture_on_commit_callbacks
):
    """Every kind of change, each made by a person through the pages."""
    client = client_for(editor)
    _editor_works_on_payroll(client, workspace, editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("function_import", args=[workspace.slug]),
            {"file": SimpleUploadedFile("client-inventory.csv", IMPORT_CSV)},
        )
        job = Job.objects.get(kind=Job.Kind.IMPORT_FUNCTIONS)
        client.post(reverse("import_confirm", args=[workspace.slug, job.pk]))
    _owner_runs_the_workspace(
        client_for(owner), workspace, viewer, django_capture_on_commit_callbacks
    )
    return workspace


def test_every_tracked_change_appears_with_the_person_and_time(
    client_for, worked_workspace, owner, editor
):
    page = _activity(client_for(owner), worked_workspace).content.decode()
    today = timezone.localtime().strftime("%-d %b %Y")
    ed, ow = editor.get_full_name(), owner.get_full_name()
    expected = [
        (ed, "Functions", "Payroll", "created"),
        (ed, "Functions", "Payroll processing", "changed", "name: Payroll → Payroll processing"),
        (ed, "Functions", "archived"),
        (ed, "Assessments", "Payroll processing → BPO", "created"),
        (ed, "Contracts", "Payroll services", "changed", "notice given on"),
        (ed, "Assessment rounds", "Round on Payroll processing", "created"),
        (ed, "Imports and exports", "client-inventory.csv", "1 functions added"),
        (ow, "Criteria weights", "changed"),
        (ow, "Portfolio reports", "Portfolio report (en)", "created"),
        (ow, "Members and roles", "viewer@example.com", "role: viewer → editor"),
        (ow, "Members and roles", "viewer@example.com", "deleted"),
    ]
    for needles in expected:
        row = _row_with(page, *needles)
        assert today in row, row


def test_an_import_record_keeps_the_files_name_and_counts(worked_workspace):
    from outsourcing.models import ActivityRecord

    record = ActivityRecord.objects.get(workspace=worked_workspace)
    assert record.file_name == "client-inventory.csv"
    assert record.counts == {"created": 1, "updated": 0, "unchanged": 0, "assessed": 1}


def test_filters_by_person_kind_and_date(client_for, worked_workspace, owner, editor):
    client = client_for(owner)
    page = _activity(client, worked_workspace, person=owner.pk).content.decode()
    assert all(owner.get_full_name() in row for row in _rows(page))
    page = _activity(client, worked_workspace, kind="member").content.decode()
    assert {row.split("Members and roles")[0] != row for row in _rows(page)} == {True}
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = _activity(client, worked_workspace, since=tomorrow).content.decode()
    assert "No activity to show" in page
    page = _activity(client, worked_workspace, since=tomorrow, until=timezone.localdate())
    assert "“Until” is before “since”." in page.content.decode()


def test_csv_export_follows_the_filters_and_neutralises_formulas(client_for, workspace, owner):
    activity_record(workspace=workspace, actor=owner, kind="import", summary="=HYPERLINK(1)")
    activity_record(workspace=workspace, actor=None, kind="export", summary="Export")
    response = client_for(owner).get(
        reverse("activity_export", args=[workspace.slug]), {"person": owner.pk}
    )
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["when_utc", "person", "record_kind", "record"]
    assert len(rows) == 2
    assert rows[1][1] == owner.email
    assert rows[1][3] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_only_owners_see_the_activity(request, client_for, workspace, role):
    client = client_for(request.getfixturevalue(role))
    assert _activity(client, workspace).status_code == 403
    assert client.get(reverse("activity_export", args=[workspace.slug])).status_code == 403


def test_another_workspaces_changes_never_show(
    client_for, workspace, other_workspace, owner, outsider
):
    BusinessFunctionFactory(workspace=other_workspace, name="Globex secret")
    page = _activity(client_for(owner), workspace).content.decode()
    assert "Globex secret" not in page


def test_the_page_is_paginated_and_its_queries_do_not_grow(
    client_for, workspace, owner, django_assert_max_num_queries
):
    for k in range(60):
        activity_record(
            workspace=workspace, actor=UserFactory(), kind="import", summary=f"File {k}"
        )
    client = client_for(owner)
    with django_assert_max_num_queries(12):
        page = _activity(client, workspace).content.decode()
    assert len(_rows(page)) == 50
    assert "Page 1 of 2" in page


def test_a_round_and_a_function_change_by_command_show_as_system(client_for, workspace, owner):
    function = BusinessFunctionFactory(workspace=workspace, name="Helpdesk")
    round_open(function=function, opened_by=owner, assessors=[owner], due_date=timezone.localdate())
    weights_round_open(
        workspace=workspace, opened_by=owner, assessors=[owner], due_date=timezone.localdate()
    )
    page = _activity(client_for(owner), workspace).content.decode()
    _row_with(page, owner.get_full_name(), "Weights round due", "created")
    _row_with(page, "system", "Helpdesk", "created")
    _row_with(page, owner.get_full_name(), "Round on Helpdesk")
