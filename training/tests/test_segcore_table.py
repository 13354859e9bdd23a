"""segcore.table: dialects, quoting, row numbers, numbers as float() reads them, bad rows."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from segcore.table import ColumnLimitError, CsvSource, TableError, read_columns


def chunks_of(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def cells(data: bytes, chunk_bytes: int = 1 << 20) -> tuple[list[str], list[list[str]], list[int]]:
    source = CsvSource(chunks_of(data, 7), chunk_bytes=chunk_bytes)
    rows: list[list[str]] = []
    numbers: list[int] = []
    for chunk in source.chunks():
        rows += [[chunk.cell(r, c) for c in range(source.n_columns)] for r in range(chunk.rows)]
        numbers += chunk.row_numbers.tolist()
    return source.header, rows, numbers


def test_quoted_fields_with_delimiters_newlines_and_doubled_quotes_read_as_the_csv_module_reads_them():
    text = 'id,note,city\r\n1,"a, b",Paris\r\n2,"two\nlines ""quoted""",Lyon\r\n3,plain,"Nice"\r\n'
    header, rows, _ = cells(text.encode())
    expected = list(csv.reader(io.StringIO(text)))
    assert header == expected[0]
    assert rows == expected[1:]


def test_chunk_boundaries_never_split_a_record_even_inside_quotes():
    lines = ["id,text,amount"] + [f'{i},"line {i}\nstill {i}, here",{i}.5' for i in range(300)]
    data = ("\n".join(lines) + "\n").encode()
    whole = cells(data)
    small = cells(data, chunk_bytes=64)
    assert small == whole
    source = CsvSource([data], chunk_bytes=64)  # one big block, split into small chunks
    assert max(len(chunk.buffer) for chunk in source.chunks()) < 200
    assert len(whole[1]) == 300 and whole[1][299] == ["299", "line 299\nstill 299, here", "299.5"]


def test_semicolon_files_with_decimal_commas_and_a_byte_order_mark():
    data = "\ufeffid;amount;city\n1;1,5;Paris\n2;-2.25;Lyon\n3;1.234,5;Nice\n".encode()
    result = read_columns([data], {"amount": "numeric"}, id_column="id")
    assert result.dialect.delimiter == ";" and result.dialect.bom
    assert result.header == ["id", "amount", "city"]
    assert result.numeric["amount"].tolist() == [1.5, -2.25]
    assert result.errors == [
        {"row": 3, "customer_id": "3", "errors": [{"field": "amount", "message": "must be a number"}]}
    ]


def test_numbers_equal_what_float_reads():
    rng = np.random.default_rng(3)
    texts = [f"{v:.{d}f}" for v, d in zip(rng.normal(0, 1e4, 2000), rng.integers(0, 7, 2000), strict=True)]
    texts += ["0", "-0", "+7", ".5", "5.", "007", "1e3", "-2.5E-2", " 42 ", "123456789012345", "0.1", "99.99"]
    data = ("id,value\n" + "\n".join(f"{i},{t}" for i, t in enumerate(texts)) + "\n").encode()
    result = read_columns([data], {"value": "numeric"})
    assert result.rejected_rows == 0
    assert result.numeric["value"].tolist() == [float(t) for t in texts]


@pytest.mark.parametrize(
    "bad", ["abc", "1_000", "inf", "-inf", "1.2.3", "--1", "1-", "12a", "0x10", "+", "."]
)
def test_values_that_are_not_finite_numbers_reject_their_row(bad):
    data = f"id,value\n1,5\n2,{bad}\n3,6\n".encode()
    result = read_columns([data], {"value": "numeric"}, id_column="id")
    assert result.numeric["value"].tolist() == [5.0, 6.0]
    assert result.row_numbers.tolist() == [1, 3]
    assert result.errors == [
        {"row": 2, "customer_id": "2", "errors": [{"field": "value", "message": "must be a number"}]}
    ]


def test_missing_values_and_wrong_field_counts_are_explained_row_by_row_and_blank_lines_skipped():
    data = b"customer_id,age,plan\nC1,30,basic\n\nC2,,plus\nC3,40\nC4,NA,basic\nC5,50,premium,extra\nC6,60,\n"
    result = read_columns([data], {"age": "numeric", "plan": "categorical"}, id_column="customer_id")
    assert result.row_numbers.tolist() == [1]
    assert result.rejected_rows == 5
    assert result.errors == [
        {"row": 2, "customer_id": "C2", "errors": [{"field": "age", "message": "is required"}]},
        {
            "row": 3,
            "customer_id": "C3",
            "errors": [{"field": "row", "message": "has 2 values; the header has 3"}],
        },
        {"row": 4, "customer_id": "C4", "errors": [{"field": "age", "message": "is required"}]},
        {
            "row": 5,
            "customer_id": "C5",
            "errors": [{"field": "row", "message": "has 4 values; the header has 3"}],
        },
        {"row": 6, "customer_id": "C6", "errors": [{"field": "plan", "message": "is required"}]},
    ]


def test_categories_come_back_as_codes_into_sorted_values_counted_over_accepted_rows_only():
    data = b"plan,spend\nplus,1\nbasic,2\nplus,x\npremium,3\nplus,4\n"
    result = read_columns([data], {"plan": "categorical", "spend": "numeric"})
    plan = result.categorical["plan"]
    assert plan.values == ["basic", "plus", "premium"]
    assert plan.codes.tolist() == [1, 0, 2, 1]
    assert plan.counts.tolist() == [1, 2, 1]


def test_a_categorical_column_with_too_many_values_is_refused_with_its_name():
    data = ("city,spend\n" + "\n".join(f"town{i},{i}" for i in range(60)) + "\n").encode()
    with pytest.raises(ColumnLimitError) as raised:
        read_columns([data], {"city": "categorical"}, max_categories=50)
    assert raised.value.column == "city" and "50" in str(raised.value)


def test_a_chosen_column_the_file_does_not_have_is_refused_and_header_variants_are_matched():
    data = b"CustomerID,Annual Income (k$),Spending Score (1-100)\n1,15,39\n"
    result = read_columns([data], {"annual_income": "numeric", "spending_score": "numeric"})
    assert result.numeric["annual_income"].tolist() == [15.0]
    with pytest.raises(ColumnLimitError, match="no column 'tenure'"):
        read_columns([data], {"tenure": "numeric"})


def test_only_the_first_hundred_bad_rows_are_kept_but_all_are_counted():
    data = ("id,value\n" + "\n".join(f"{i},bad" for i in range(250)) + "\n1000,5\n").encode()
    result = read_columns(chunks_of(data, 100), {"value": "numeric"}, id_column="id", chunk_bytes=512)
    assert result.rejected_rows == 250 and len(result.errors) == 100
    assert [e["row"] for e in result.errors] == list(range(1, 101))
    assert result.numeric["value"].tolist() == [5.0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf\r\n", "empty"),
        (b"id,name,ID\n1,a,2\n", "more than once"),
        (b"id,,name\n1,2,3\n", "no name"),
        (b"just one column\n1\n", "single column"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not CSV"),
        (b"a,b\n\xff\xfe\xfa,\xfb\n" * 3 + b"\xff" * 100, None),
    ],
)
def test_files_that_are_not_csv_are_refused_with_a_reason(data, message):
    if message is None:  # a valid header: undecodable cells are row errors, not a file error
        result = read_columns([data], {"a": "categorical"})
        assert result.rejected_rows >= 1
        return
    with pytest.raises(TableError, match=message):
        read_columns([data], {"id": "numeric"})


def test_a_quoted_field_that_never_closes_is_a_file_error_not_a_merged_row():
    data = b'id,note\n1,ok\n2,"open\n3,never closed\n'
    with pytest.raises(TableError, match="never closed"):
        read_columns([data], {"note": "categorical"})
