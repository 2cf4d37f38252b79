"""The import pipeline's reader and cell parser, and the exports' writer."""

import io
import re
import tracemalloc
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from outsourcing.imports.cells import (
    CellError,
    parse_count,
    parse_date,
    parse_decimal,
    parse_rating,
    parse_text,
    read_decimal,
)
from outsourcing.imports.limits import Limits, TableError
from outsourcing.imports.plan import Column, Schema
from outsourcing.imports.reader import read_table
from outsourcing.imports.writer import neutralise, write_csv, write_xlsx
from tests import hostile_files as hostile

LIMITS = Limits(max_bytes=10_000, max_rows=5)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@cmd", "\tx", "\rx"])
def test_formula_like_text_is_neutralised(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Payroll", "a=b", 5, None, -3])
def test_other_values_are_untouched(value):
    assert neutralise(value) == value


def test_csv_with_semicolons_and_bom_is_read():
    table = read_table("\ufeffname;fte\nPayroll;3\n".encode(), filename="f.csv", limits=LIMITS)
    assert table.headers == ["name", "fte"]
    assert table.rows == [["Payroll", "3"]]


def test_xlsx_is_read_with_formulas_visible():
    workbook = openpyxl.Workbook()
    workbook.active.append(["name", "annual_cost"])
    workbook.active.append(["Payroll", "=B1*12"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), filename="inventory.xlsx", limits=LIMITS)
    assert table.rows == [["Payroll", "=B1*12"]]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "f.csv", "The file is empty."),
        (b"name\n", "f.csv", "header row but no data rows"),
        (b"name\n\xff\xfe\n", "f.csv", "not UTF-8 text (byte 0xff at position 5)"),
        (b"x" * 10_001, "f.csv", "the limit is 10 KB"),
        (b"name\n" + b"a\n" * 6, "f.csv", "goes on to row 7; the limit is 5 rows"),
        (b"%PDF-1.4", "f.pdf", "neither a .csv nor an .xlsx"),
        (b"PK\x03\x04garbage", "f.xlsx", "not a readable archive"),
    ],
)
def test_unreadable_files_say_why(data, filename, message):
    with pytest.raises(TableError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_table(data, filename=filename, limits=LIMITS)


def test_written_csv_and_xlsx_read_back():
    rows = [["=evil()", 3], ["Payroll", None]]
    assert read_table(write_csv(["name", "fte"], rows), filename="x.csv", limits=LIMITS).rows == [
        ["'=evil()", "3"],
        ["Payroll", ""],
    ]
    table = read_table(
        write_xlsx({"Functions": (["name", "fte"], rows)}), filename="x.xlsx", limits=LIMITS
    )
    assert table.rows == [["'=evil()", "3"], ["Payroll", ""]]


def test_a_row_wider_than_the_column_limit_is_refused_before_it_is_kept():
    data = ("name\n" + "x," * 200 + "\n").encode()
    with pytest.raises(TableError, match="Row 2 has 201 cells; the limit is 100 columns"):
        read_table(data, filename="wide.csv", limits=LIMITS)


def test_an_xlsx_cell_past_the_column_limit_is_refused():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "name"
    workbook.active["CW2"] = "far away"  # column 101
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(TableError, match="row 2 has a cell in column CW2; the limit is 100"):
        read_table(buffer.getvalue(), filename="wide.xlsx", limits=LIMITS)


def test_an_oversized_cell_is_refused_naming_row_and_column():
    data = ("name,notes\nPayroll," + "x" * 10_001 + "\n").encode()
    with pytest.raises(TableError, match="Row 2, column 2: the cell holds 10,001 characters"):
        read_table(data, filename="big.csv", limits=Limits(max_bytes=100_000, max_rows=5))


def test_blank_rows_keep_the_row_numbers_a_spreadsheet_shows():
    table = read_table(b"name\n\nPayroll\n\nHR\n", filename="gaps.csv", limits=LIMITS)
    assert [table.row_number(i) for i in range(len(table.rows))] == [3, 5]


def test_xlsx_dates_numbers_and_booleans_read_as_text_people_typed():
    workbook = openpyxl.Workbook()
    workbook.active.append(["issued", "rate", "big", "flag"])
    workbook.active.append([date(2025, 1, 31), 1900.5, 1e30, True])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), filename="x.xlsx", limits=LIMITS)
    assert table.rows == [["2025-01-31", "1900.5", "1e+30", "TRUE"]]


def test_reading_a_dimension_bomb_allocates_next_to_nothing():
    # The declared A1:XFD1048576 must not be padded out: the refusal reads two rows.
    data = hostile.dimension_bomb("Sheet1", "name")
    tracemalloc.start()
    try:
        with pytest.raises(TableError, match="goes on to row 1,048,576"):
            read_table(data, filename="bomb.xlsx", limits=Limits(max_bytes=10_000, max_rows=20_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024


@pytest.mark.parametrize(
    ("text", "value"),
    [("420,000", "420000.00"), ("420 000", "420000.00"), ("1.5e3", "1500.00"), ("0", "0.00")],
)
def test_one_number_rule_reads_what_people_type(text, value):
    assert str(parse_decimal(text)) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1e30", "“1e30” is too large"),
        ("sNaN", "“sNaN” is not a number"),
        ("Infinity", "“Infinity” is not a number"),
        ("-inf", "“-inf” is not a number"),
        ("NaN", "“NaN” is not a number"),
        ("12\x00", "contains a control character (\\x00)"),
        ("=SUM(A1:A3)", "is a spreadsheet formula"),
    ],
)
def test_no_hostile_number_gets_past_the_cell_parser(text, message):
    for parse in (parse_decimal, parse_rating, parse_count):
        with pytest.raises(CellError) as refusal:
            parse(text)
        assert message in str(refusal.value) or "whole number" in str(refusal.value)
    with pytest.raises(CellError, match=re.escape(message)):
        read_decimal(text)


def test_a_sheet_padded_with_junk_elements_is_refused_at_its_element_budget():
    junk = "".join(f"<x{i}/>" for i in range(1_000))
    sheet = f"{hostile.SHEET_START}<sheetData>{junk}</sheetData></worksheet>"
    data = hostile.xlsx("Sheet1", [sheet.encode()])
    with pytest.raises(TableError, match="holds more than 366 XML elements"):
        read_table(data, filename="junk.xlsx", limits=LIMITS)


def test_a_dtd_split_across_two_reads_is_still_refused():
    prolog = b'<?xml version="1.0" encoding="UTF-8"?>'
    # The parser reads 16 KB at a time: put "<!DOC" at the end of the first read.
    padding = b"<!--" + b"x" * (16 * 1024 - len(prolog) - 4 - 3 - 5) + b"-->"
    body = f'<worksheet xmlns="{hostile.MAIN}"><sheetData/></worksheet>'.encode()
    sheet = prolog + padding + b"<!DOCTYPE worksheet>" + body
    assert sheet.index(b"<!DOCTYPE") == 16 * 1024 - 5
    with pytest.raises(TableError, match="declares XML entities or a DTD"):
        read_table(hostile.xlsx("Sheet1", [sheet]), filename="dtd.xlsx", limits=LIMITS)


def test_a_new_import_declares_its_columns_and_gets_every_problem_by_row_and_column():
    # The shape the package docstring shows for the imports to come.
    schema = Schema(
        (
            Column("sla", lambda t: parse_text(t, max_length=100), required=True),
            Column("period", parse_date, required=True),
            Column("measured", parse_decimal, required=True),
        )
    )
    table = read_table(
        b'SLA,Period,Measured\nUptime,2026-01-31,"99,950"\nUptime,31/01/2026,sNaN\n',
        filename="m.csv",
        limits=LIMITS,
    )
    rows, problems = schema.parse(table)
    assert rows[0].values == {
        "sla": "Uptime",
        "period": date(2026, 1, 31),
        "measured": Decimal("99950.00"),
    }
    assert [str(problem) for problem in problems] == [
        "row 3, column period: “31/01/2026” is not a date (use YYYY-MM-DD).",
        "row 3, column measured: “sNaN” is not a number",
    ]
    rows, problems = schema.parse(read_table(b"sla,when\nx,y\n", filename="m.csv", limits=LIMITS))
    assert rows is None
    assert [str(problem) for problem in problems] == [
        "unknown column “when”; the columns are: sla, period, measured",
        "missing column “period”",
        "missing column “measured”",
    ]
