"""The one import pipeline: file → bounded rows → header mapping → cell parsing → plan →
preview job → confirmed job that applies the plan all or nothing.

    reader   `read_table` / `read_workbook`: CSV or XLSX (`xlsx`, `archive`) as text rows,
             streamed and bounded by `Limits` (bytes, rows, columns, cell size, XML
             elements, unzipped size and compression ratio, each checked before the work
             it bounds); `TableError` says what is wrong with the file as a whole.
    cells    the cell parsers, one set of rules (“420,000” is the same number everywhere;
             formulas, control characters, NaN-like, non-finite and huge numbers refused)
             and one `CellError`.
    plan     `Column` and `Schema` (what an import declares), `Problem` (row, column,
             message), `Plan` (rows + problems) and `ImportInvalid`.
    preview  `import_preview_create`: the checked upload kept as a Job in PREVIEW until the
             person confirms (`job_confirm`) or cancels (`job_discard`);
             `import_upload_checked` turns a refusal into messages for the upload page.
    writer   `write_csv` / `write_xlsx`: exports, formulas neutralised.

A new import (contracts, SLA measurements …) declares its columns and plans its rows:

    from outsourcing.imports.cells import parse_date, parse_decimal, parse_text
    from outsourcing.imports.limits import Limits
    from outsourcing.imports.plan import Column, Plan, Problem, Schema
    from outsourcing.imports.reader import read_table

    MEASUREMENTS = Schema((
        Column("sla", lambda t: parse_text(t, max_length=100), required=True),
        Column("period", parse_date, required=True),
        Column("measured", parse_decimal, required=True),
    ))

    def measurements_plan(*, contract, data: bytes, filename: str) -> Plan:
        table = read_table(data, filename=filename, limits=Limits.from_settings())
        rows, problems = MEASUREMENTS.parse(table)   # header and cell problems
        plan = Plan(problems=problems)
        for row in rows or []:                       # None: the header was unusable
            if row.values.get("sla") not in contract_sla_names(contract):
                plan.problems.append(Problem("no such SLA", row.number, "sla"))
            plan.rows.append(row)                    # domain checks, one step per kind
        return plan                                  # plan.raise_if_invalid() → ImportInvalid

The upload view calls the planner, then `import_preview_create(...)` with a summary in
`params`; the confirmed job's work reads `import_preview_source(job)`, plans again and
writes inside one transaction. The management command calls the same planner with
`Limits(max_bytes=…, max_rows=…)` of its own and the same write service.
"""
