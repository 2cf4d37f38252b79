"""The inventory file's columns, in order."""

from assessments.models import FACTOR_FIELDS

# What an import reads. Only `name` is required; the eight factors come all or none.
INPUT_COLUMNS = (
    "name",
    "department",
    "description",
    "annual_cost",
    "fte",
    "monthly_volume",
    "service_line",
    "current_sourcing",
    *FACTOR_FIELDS,
)
REQUIRED_COLUMNS = ("name",)

# What an export adds: the engine's result. An import accepts and ignores these, so an
# exported file can be edited and imported again.
RESULT_COLUMNS = (
    "recommendation",
    "score_bpo",
    "score_kpo",
    "score_ito",
    "score_in_house",
    "margin",
    "close_call",
    "what_would_change_it",
    "model_version",
    "assessed_at",
)
EXPORT_COLUMNS = (*INPUT_COLUMNS, *RESULT_COLUMNS)


# Two rows people can copy: one assessed, one not.
TEMPLATE_ROWS = [
    ["Payroll processing", "Finance", "Monthly payroll for 1,850 employees", "420000", "6", "1850",
     "payroll", "in_house", 1, 4, 5, 2, 2, 2, 3, 2],
    ["Market research", "Marketing", "Market sizing and customer surveys", "260000", "2.5", "",
     "market-research", "in_house", "", "", "", "", "", "", "", ""],
]  # fmt: skip
