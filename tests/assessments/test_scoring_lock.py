"""Scores never go stale: an import and a re-scoring of the same workspace run one after
the other, so the final scores always use the final weights (on PostgreSQL, for real)."""

import threading

import pytest
from django.db import connection

from assessments import services
from assessments.inventory.importer import inventory_plan
from assessments.inventory.services import inventory_import
from assessments.selectors import latest_assessments
from assessments.services import weights_as_dict, weights_set, workspace_scoring_lock
from outsourcing.imports.limits import Limits
from outsourcing.imports.reader import read_table
from outsourcing.models import BusinessFunction, Department
from tests.factories import COST_HEAVY_WEIGHTS, PAYROLL, BusinessFunctionFactory, assess


def _plan(workspace, header: str, *lines: str):
    data = ("\n".join([header, *lines]) + "\n").encode()
    table = read_table(data, filename="inventory.csv", limits=Limits(max_bytes=10**6, max_rows=100))
    return inventory_plan(workspace=workspace, table=table)


def _in_thread(name: str, work, errors: list) -> threading.Thread:
    def run():
        try:
            work()
        except Exception as exc:  # surfaced by the test, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_weights_changed_during_an_import_leave_every_score_on_the_new_weights(
    workspace, owner, monkeypatch
):
    functions = [BusinessFunctionFactory(workspace=workspace, name=f"F{i}") for i in range(20)]
    for function in functions:
        assess(function, PAYROLL)
    # The import re-rates every function (strategic importance 1 → 4).
    rows = [f"{f.name},4,4,5,2,2,2,3,2" for f in functions]
    header = (
        "name,strategic_importance,cost_saving_potential,repetitiveness,expertise_required,"
        "technology_intensity,control_need,data_sensitivity,demand_variability"
    )
    plan = _plan(workspace, header, *rows)

    # Hold the import just after it scored its rows with the weights it read, before commit.
    import_scored, import_may_finish = threading.Event(), threading.Event()
    real_score_ratings = services.score_ratings

    def score_then_pause(ratings, weights):
        results = real_score_ratings(ratings, weights)
        if threading.current_thread().name == "import":
            import_scored.set()
            import_may_finish.wait(20)
        return results

    monkeypatch.setattr(services, "score_ratings", score_then_pause)
    errors = []
    importer = _in_thread(
        "import",
        lambda: inventory_import(workspace=workspace, plan=plan, imported_by=owner),
        errors,
    )
    assert import_scored.wait(20)
    # The owner saves new weights meanwhile; re-scoring runs (eagerly) once they commit.
    changer = _in_thread(
        "weights",
        lambda: weights_set(
            workspace=workspace, weights=COST_HEAVY_WEIGHTS, method="direct", changed_by=owner
        ),
        errors,
    )
    changer.join(timeout=2)
    assert changer.is_alive(), "re-scoring did not wait for the import holding the lock"
    import_may_finish.set()
    importer.join(timeout=30)
    changer.join(timeout=30)
    assert not errors

    current = list(latest_assessments(workspace=workspace))
    assert len(current) == 20
    assert {a.strategic_importance for a in current} == {4}
    expected = weights_as_dict(COST_HEAVY_WEIGHTS)
    assert [a.weights for a in current] == [expected] * 20


@pytest.mark.django_db(transaction=True)
def test_the_scoring_lock_needs_a_transaction(workspace):
    # Outside a transaction the lock would be released at once and protect nothing.
    with pytest.raises(RuntimeError):
        workspace_scoring_lock(workspace)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_imports_adding_the_same_department_at_once_both_succeed(workspace, owner):
    first_plan = _plan(workspace, "name,department", "Payroll,Shared Services")
    second_plan = _plan(workspace, "name,department", "Invoicing,Shared Services")
    first_added_departments, first_may_finish = threading.Event(), threading.Event()

    def pause_after_departments(progress, message=""):
        if progress == 20:  # "Adding functions…": the departments are created by now
            first_added_departments.set()
            first_may_finish.wait(20)

    errors = []
    first = _in_thread(
        "first import",
        lambda: inventory_import(
            workspace=workspace,
            plan=first_plan,
            imported_by=owner,
            report_progress=pause_after_departments,
        ),
        errors,
    )
    assert first_added_departments.wait(20)
    second = _in_thread(
        "second import",
        lambda: inventory_import(workspace=workspace, plan=second_plan, imported_by=owner),
        errors,
    )
    second.join(timeout=1)
    first_may_finish.set()
    first.join(timeout=30)
    second.join(timeout=30)
    assert not errors
    assert list(Department.objects.filter(workspace=workspace).values_list("name", flat=True)) == [
        "Shared Services"
    ]
    assert set(
        BusinessFunction.objects.filter(department__name="Shared Services").values_list(
            "name", flat=True
        )
    ) == {"Payroll", "Invoicing"}
