"""The business-case part of `load_demo` (registered in BusinessCaseConfig.ready): workspace
defaults with a loaded cost per FTE, and transition and exit costs for every demo function,
so the demo's business cases pay back in months rather than "at once"."""

from decimal import Decimal

from businesscase.models import BusinessCaseDefaults, FunctionAssumptions
from businesscase.services import projected_savings_refresh

# A loaded cost per FTE-year in each demo workspace's currency (salary, charges, seat, IT).
LOADED_COST = {"EUR": Decimal("68000"), "USD": Decimal("85000"), "GBP": Decimal("60000")}
# Transition: about four months of in-house cost (knowledge transfer, parallel running,
# severance); exit: about one month. docs/domain.md, *Business case*: 3–12 months.
TRANSITION_MONTHS, EXIT_MONTHS = 4, 1


def demo_step(loaded: dict[str, list]) -> list[str]:
    """Defaults and assumptions that are not there yet (safe to run again), then the
    projected savings of each demo workspace."""
    lines = []
    for functions in loaded.values():
        if not functions:
            continue
        workspace = functions[0][0].workspace
        BusinessCaseDefaults.objects.get_or_create(
            workspace=workspace,
            defaults={"loaded_cost_per_fte": LOADED_COST.get(workspace.currency)},
        )
        for function, _ in functions:
            monthly = (function.annual_cost or Decimal(0)) / 12
            FunctionAssumptions.objects.get_or_create(
                function=function,
                defaults={
                    "transition_cost": (monthly * TRANSITION_MONTHS).quantize(Decimal(1)),
                    "exit_cost": (monthly * EXIT_MONTHS).quantize(Decimal(1)),
                },
            )
        count = projected_savings_refresh(workspace=workspace)
        lines.append(f"Business cases: {count} functions projected in “{workspace.slug}”.")
    return lines
