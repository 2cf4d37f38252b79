"""Reading uploads and writing exports: the shared CSV/XLSX layer."""

import io

import openpyxl
import pytest

from outsourcing.imports.limits import Limits, TableError
from outsourcing.imports.reader import read_table
from outsourcing.imports.writer import neutralise, write_csv, write_xlsx

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
