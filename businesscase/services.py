"""Writes for business cases: assumptions (with who and when, history kept) and the stored
projected savings the function list and the dashboard read."""

from datetime import date
from decimal import Decimal

import numpy as np
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from businesscase.models import BusinessCaseDefaults, FunctionAssumptions, ProjectedSaving
from businesscase.selectors import SHORES, portfolio_cases
from outsourcing.models import BusinessFunction, User, Workspace

CENT = Decimal("0.01")


def business_case_defaults_set(
    *,
    workspace: Workspace,
    user: User,
    loaded_cost_per_fte: Decimal | None,
    governance_pct: Decimal,
    discount_rate_pct: Decimal,
    term_years: int,
    hours_per_fte_year: int,
) -> BusinessCaseDefaults:
    """Save the workspace's business-case defaults (validated, all or nothing) and re-project
    every function's saving with them. Raises ValidationError naming the field."""
    with transaction.atomic():
        defaults = _locked_or_new(BusinessCaseDefaults, workspace=workspace)
        _save_by(
            defaults,
            user,
            loaded_cost_per_fte=loaded_cost_per_fte,
            governance_pct=governance_pct,
            discount_rate_pct=discount_rate_pct,
            term_years=term_years,
            hours_per_fte_year=hours_per_fte_year,
        )
        projected_savings_refresh(workspace=workspace)
    return defaults


def function_assumptions_set(
    *,
    function: BusinessFunction,
    user: User,
    transition_cost: Decimal,
    exit_cost: Decimal,
    governance_pct: Decimal | None,
    discount_rate_pct: Decimal | None,
    term_years: int | None,
) -> FunctionAssumptions:
    """Save one function's business-case assumptions (None = the workspace default), keep
    who and when in the history, and re-project its saving. Raises ValidationError."""
    with transaction.atomic():
        assumptions = _locked_or_new(FunctionAssumptions, function=function)
        _save_by(
            assumptions,
            user,
            transition_cost=transition_cost,
            exit_cost=exit_cost,
            governance_pct=governance_pct,
            discount_rate_pct=discount_rate_pct,
            term_years=term_years,
        )
        projected_savings_refresh(workspace=function.workspace, function_ids=[function.pk])
    return assumptions


def projected_saving_refresh_one(function: BusinessFunction) -> None:
    """Re-project one function's saving after its details changed (a core hook)."""
    projected_savings_refresh(workspace=function.workspace, function_ids=[function.pk])


def _locked_or_new(model, **owner):
    """The row that belongs to `owner`, locked for this transaction, or a new one."""
    return model.objects.select_for_update().filter(**owner).first() or model(**owner)


def _save_by(instance, user: User, **fields) -> None:
    """Set `fields`, validate (ValidationError names the field) and save, recording `user`
    as the one who changed it, in the row and in its history."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.updated_by = user
    instance._history_user = user  # simple_history's explicit author, request or not
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        # A new row has nothing to lock: two first saves at once meet at the unique key.
        raise ValidationError(
            "Someone else saved these assumptions at the same moment: reload and try again."
        ) from exc


def _money(value: float) -> Decimal | None:
    return None if not np.isfinite(value) else Decimal(str(round(float(value), 2))).quantize(CENT)


def projected_savings_refresh(
    *, workspace: Workspace, function_ids: list[int] | None = None, today: date | None = None
) -> int:
    """Recompute and store the projected saving of the workspace's functions (or of
    `function_ids`) in one numpy pass and one upsert; returns how many were stored."""
    functions = BusinessFunction.objects.filter(workspace=workspace)
    if function_ids is not None:
        functions = functions.filter(pk__in=function_ids)
    inputs = portfolio_cases(workspace=workspace, functions=functions, today=today)
    result, now = inputs.result, timezone.now()
    saving = result.median.annual_saving
    shore = result.best_shore
    best_saving = result.at_best_shore(saving)
    best_pct = result.at_best_shore(result.median.saving_pct) * 100
    best_npv = result.at_best_shore(result.median.npv)
    rows = []
    for index, row in enumerate(inputs.rows):
        rows.append(
            ProjectedSaving(
                function_id=row["pk"],
                shore=SHORES[shore[index]].value if shore[index] >= 0 else "",
                annual_saving=_money(best_saving[index]),
                saving_pct=_money(best_pct[index]),
                npv=_money(best_npv[index]),
                onshore_saving=_money(saving[index, 0]),
                nearshore_saving=_money(saving[index, 1]),
                offshore_saving=_money(saving[index, 2]),
                computed_at=now,
            )
        )
    ProjectedSaving.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["function"],
        update_fields=[
            "shore",
            "annual_saving",
            "saving_pct",
            "npv",
            "onshore_saving",
            "nearshore_saving",
            "offshore_saving",
            "computed_at",
        ],
    )
    return len(rows)
