"""segcore.features: header matching, value rules and per-row rejection."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import DATA_DIR
from hypothesis import given
from hypothesis import strategies as st

from segcore.features import (
    ColumnError,
    CsvReader,
    FeatureValueError,
    MissingColumnsError,
    canonical_column,
    normalise_sex,
    parse_csv,
    parse_value,
    to_canonical_csv,
)
from segcore.schema import BUNDLED_FEATURES, bundled_schema


def test_headers_of_the_replaced_system_map_to_canonical_columns() -> None:
    text = "CustomerID,Sex,Age,Annual_Income,Spending_Score,Purchase_Frequency\n1,Male,30,50.5,40,12\n"
    parsed = parse_csv(text)
    assert parsed.columns == {
        "sex": "Sex",
        "age": "Age",
        "annual_income": "Annual_Income",
        "spending_score": "Spending_Score",
        "purchase_frequency": "Purchase_Frequency",
    }
    assert parsed.rows == [
        {
            "sex": "Male",
            "age": 30,
            "annual_income": 50.5,
            "spending_score": 40,
            "purchase_frequency": 12,
        }
    ]
    assert parsed.errors == []


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("Gender", "sex"),
        ("SEX", "sex"),
        ("AGE", "age"),
        ("Annual Income (k$)", "annual_income"),
        ("annual_income_thousands", "annual_income"),
        ("Income", "annual_income"),
        ("Spending Score (1-100)", "spending_score"),
        ("spending_score", "spending_score"),
        ("Purchases per year", "purchase_frequency"),
        ("purchase frequency", "purchase_frequency"),
        ("\ufeffAge", "age"),
    ],
)
def test_common_header_variants_are_recognised(header: str, canonical: str) -> None:
    assert canonical_column(header) == canonical


@pytest.mark.parametrize("header", ["CustomerID", "customer_id", "id", "Notes", "Region"])
def test_identifier_and_unknown_headers_map_to_nothing(header: str) -> None:
    assert canonical_column(header) is None


def test_two_headers_for_one_feature_is_an_error() -> None:
    with pytest.raises(ColumnError, match="'Income' and 'Annual_Income' both look like"):
        parse_csv("Age,Income,Annual_Income\n30,50,50\n")


def test_fewer_than_two_numeric_columns_raises_missing_columns() -> None:
    with pytest.raises(MissingColumnsError) as raised:
        parse_csv("Gender,Age\nMale,30\n")
    assert str(raised.value) == (
        "The CSV needs at least 2 of the columns age, annual_income, spending_score, "
        "purchase_frequency; found: age."
    )
    assert raised.value.missing == ("annual_income", "spending_score", "purchase_frequency")


def test_missing_model_features_are_named() -> None:
    with pytest.raises(MissingColumnsError, match=r"missing the column\(s\) purchase_frequency"):
        parse_csv("age,annual_income\n30,50\n", features=["age", "purchase_frequency"])


def test_empty_csv_is_a_column_error() -> None:
    with pytest.raises(ColumnError, match="empty"):
        parse_csv("")


def test_invalid_rows_are_rejected_with_every_reason_and_valid_rows_kept() -> None:
    text = (
        "Gender,Age,Annual Income (k$),Spending Score (1-100),Purchases per year\n"
        "f,35.0,70,50,12\n"
        "X,17,nan,true,\n"
        "Male,30.5,1_000,101,12\n"
        "\n"
        "Male,40,1e2,50,400,extra\n"
        "M,44,inf,5,3\n"
    )
    parsed = parse_csv(text)
    assert parsed.rows == [
        {
            "sex": "Female",
            "age": 35,
            "annual_income": 70,
            "spending_score": 50,
            "purchase_frequency": 12,
        }
    ]
    assert parsed.row_numbers == [1]
    assert parsed.errors == [
        {
            "row": 2,
            "errors": [
                {"field": "sex", "message": "must be Male or Female"},
                {"field": "age", "message": "must be between 18 and 100"},
                {"field": "annual_income", "message": "must be a finite number"},
                {"field": "spending_score", "message": "must be an integer"},
                {"field": "purchase_frequency", "message": "is required"},
            ],
        },
        {
            "row": 3,
            "errors": [
                {"field": "age", "message": "must be a whole number"},
                {"field": "annual_income", "message": "must be a number"},
                {"field": "spending_score", "message": "must be between 1 and 100"},
            ],
        },
        {
            "row": 4,
            "errors": [
                {"field": "row", "message": "has 6 values; the header has 5"},
                {"field": "purchase_frequency", "message": "must be between 0 and 365"},
            ],
        },
        {"row": 5, "errors": [{"field": "annual_income", "message": "must be a finite number"}]},
    ]


def test_only_the_requested_features_are_read() -> None:
    parsed = parse_csv("age,annual_income,spending_score\n30,50,oops\n", features=["age", "annual_income"])
    assert parsed.columns == {"age": "age", "annual_income": "annual_income"}
    assert parsed.rows == [{"age": 30, "annual_income": 50}]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("m", "Male"),
        ("MALE", "Male"),
        (" f ", "Female"),
        ("Female", "Female"),
        ("", None),
        (None, None),
    ],
)
def test_sex_is_normalised(raw: str | None, expected: str | None) -> None:
    assert normalise_sex(raw) == expected


@pytest.mark.parametrize(
    ("feature", "value", "message"),
    [
        ("age", True, "must be an integer"),
        ("age", "30", "must be an integer"),
        ("age", 30.5, "must be a whole number"),
        ("age", None, "is required"),
        ("annual_income", False, "must be a number"),
        ("annual_income", math.nan, "must be a finite number"),
        ("annual_income", -1, "must be between 0 and 10000"),
        ("purchase_frequency", 366, "must be between 0 and 365"),
    ],
)
def test_json_values_break_their_rules_with_a_reason(feature: str, value: object, message: str) -> None:
    with pytest.raises(FeatureValueError) as raised:
        BUNDLED_FEATURES[feature].check(value)
    assert (raised.value.field, raised.value.message) == (feature, message)


def test_json_integral_float_is_accepted_as_an_integer() -> None:
    assert BUNDLED_FEATURES["age"].check(30.0) == 30
    assert isinstance(BUNDLED_FEATURES["age"].check(30.0), int)


def test_validate_record_collects_every_error_and_normalises_sex() -> None:
    values, errors = bundled_schema(["age", "annual_income", "spending_score"]).validate_record(
        {"sex": "F", "age": 200, "annual_income": "50", "spending_score": 50}
    )
    assert values == {"sex": "Female", "spending_score": 50}
    assert errors == [
        {"field": "age", "message": "must be between 18 and 100"},
        {"field": "annual_income", "message": "must be a number"},
    ]


def test_canonical_csv_round_trips_through_the_parser() -> None:
    original = parse_csv("Gender,Income,Age\nF,12.5,30\n,99,41\n")
    text = to_canonical_csv(original.rows, list(original.columns))
    assert text.splitlines()[0] == "sex,age,annual_income"
    again = parse_csv(text)
    assert again.rows == original.rows
    assert again.columns == {"sex": "sex", "age": "age", "annual_income": "annual_income"}


@given(st.integers(min_value=18, max_value=100))
def test_every_age_in_range_parses_from_text(age: int) -> None:
    assert parse_value("age", str(age)) == age


@given(st.floats(min_value=0, max_value=10_000, allow_nan=False))
def test_every_income_in_range_parses_from_its_repr(income: float) -> None:
    assert parse_value("annual_income", repr(income)) == income


def _row_by_row_matrix(reader: CsvReader, rows: list[list[str]]) -> np.ndarray:
    parsed = [row.values for row in reader.validate(rows)]
    assert all(values is not None for values in parsed)
    return np.array([[values[name] for name in reader.features] for values in parsed if values])


def test_column_checks_give_the_row_by_row_result_on_a_clean_file() -> None:
    text = (DATA_DIR / "customers.csv").read_text(encoding="utf-8")
    text += "6000,,+18, 15.5 ,1e1,50.0\n"  # unusual but valid cells
    reader = CsvReader(text)
    rows = list(reader.data_rows())
    matrix = reader.numeric_columns(rows)
    assert matrix is not None
    assert np.array_equal(matrix, _row_by_row_matrix(reader, rows))


@pytest.mark.parametrize(
    "bad_row",
    ["1,Male,30,50,50", "1,Male,30,1_000,50,5", "1,Male,30,,50,5", "1,X,30,50,50,5", "1,M,30.5,50,50,5"],
)
def test_any_invalid_row_sends_the_file_to_the_row_by_row_check(bad_row: str) -> None:
    text = "CustomerID,Sex,Age,Annual_Income,Spending_Score,Purchase_Frequency\n1,F,30,50,50,5\n"
    reader = CsvReader(text + bad_row + "\n")
    assert reader.numeric_columns(list(reader.data_rows())) is None
