"""Validate a catalog file against the catalog as it is, and say what importing it would do.

The plan is built without writing anything: every row is parsed, its vendor and service
line resolved, matched against what the catalog holds, and marked create, update,
unchanged or reject (with every reason). Only a plan with no rejected row and no file
error may be applied; that is the all-or-nothing rule.

Matching: a vendor is the same vendor when its normalised legal name is (see
`vendors.normalise`); a vendor row whose website domain belongs to another vendor is
rejected as a probable duplicate. Offerings match on (vendor, service line), centres on
(vendor, country, city), certificates on (vendor, type, number), rate cards on
(vendor, service line, delivery country, currency, unit, valid from). Importing never
deletes: records missing from the file are left alone.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from outsourcing.imports.plan import Plan
from vendors.catalog_io.schema import (
    Kind,
)

# The preview lists this many rows per kind and outcome; the counts are always complete.
PREVIEW_ROWS = 200


@dataclass
class RowOutcome:
    row: int
    label: str
    action: str  # create | update | unchanged | reject
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class KindPlan:
    kind: Kind
    source: str = ""
    outcomes: list[RowOutcome] = field(default_factory=list)
    creates: list = field(default_factory=list)  # unsaved model instances
    updates: list = field(default_factory=list)  # changed model instances
    update_fields: set[str] = field(default_factory=set)

    def count(self, action: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {
            action: self.count(action) for action in ("create", "update", "unchanged", "reject")
        }

    def shown(self, action: str) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.action == action][:PREVIEW_ROWS]

    # For templates, which cannot pass arguments.
    @property
    def shown_rejected(self) -> list[RowOutcome]:
        return self.shown("reject")

    @property
    def shown_created(self) -> list[RowOutcome]:
        return self.shown("create")

    @property
    def shown_updated(self) -> list[RowOutcome]:
        return self.shown("update")


@dataclass
class ImportPlan(Plan):
    """The pipeline's plan (`outsourcing.imports.plan.Plan`) for a catalog: `problems` are
    the file-level ones; the rows are each kind's outcomes, rejected ones with their errors."""

    kinds: dict[str, KindPlan] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def errors(self) -> list[str]:
        """Every problem, file-level first, then row by row in file order."""
        row_errors = [
            error
            for plan in self.kinds.values()
            for outcome in plan.outcomes
            for error in outcome.errors
        ]
        return [*(str(problem) for problem in self.problems), *row_errors]

    @property
    def is_valid(self) -> bool:
        return not self.problems and not any(p.count("reject") for p in self.kinds.values())

    @property
    def totals(self) -> dict[str, int]:
        totals = defaultdict(int)
        for plan in self.kinds.values():
            for action, number in plan.counts.items():
                totals[action] += number
        return dict(totals)
