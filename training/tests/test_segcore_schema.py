"""segcore.schema: rules of one record, header matching, the design matrix and its scaling."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from segcore.schema import (
    BUNDLED_SCHEMA,
    CATEGORICAL,
    LOG,
    Feature,
    HeaderError,
    Schema,
    SchemaError,
    bundled_schema,
    find_id_column,
    fit_scaler,
    parse_feature_requests,
)

TENURE = Feature(name="tenure", label="Tenure", unit="months", integer=True)
SPEND = Feature(name="spend", label="Annual spend", transform=LOG, min=0)
CHANNEL = Feature(name="channel", label="Channel", type=CATEGORICAL, categories=("online", "store", "phone"))
CRM = Schema((TENURE, SPEND, CHANNEL), id_column="customer_ref")


def test_public_json_of_the_bundled_schema_keeps_the_replaced_systems_rules() -> None:
    public = BUNDLED_SCHEMA.public_json("v1")
    assert public["model_version"] == "v1"
    by_name = {f["name"]: f for f in public["features"]}
    assert list(by_name) == ["sex", "age", "annual_income", "spending_score", "purchase_frequency"]
    assert by_name["sex"] == {
        "name": "sex",
        "label": "Sex",
        "type": "categorical",
        "categories": ["Male", "Female"],
        "display_only": True,
        "required": False,
    }
    assert by_name["age"] == {
        "name": "age",
        "label": "Age",
        "type": "numeric",
        "unit": "years",
        "min": 18,
        "max": 100,
        "integer": True,
        "transform": "none",
    }
    assert (by_name["annual_income"]["min"], by_name["annual_income"]["max"]) == (0, 10000)
    assert by_name["annual_income"]["integer"] is False
    assert (by_name["spending_score"]["min"], by_name["spending_score"]["max"]) == (1, 100)
    assert (by_name["purchase_frequency"]["min"], by_name["purchase_frequency"]["max"]) == (0, 365)
    assert BUNDLED_SCHEMA.names == ("age", "annual_income", "spending_score", "purchase_frequency")


def test_schema_json_round_trips_with_aliases_and_synonyms() -> None:
    assert Schema.from_json(CRM.to_json()) == CRM
    assert Schema.from_json(BUNDLED_SCHEMA.to_json()) == BUNDLED_SCHEMA
    assert "aliases" not in str(BUNDLED_SCHEMA.public_json())


def test_design_matrix_of_a_tiny_schema_by_hand() -> None:
    design = CRM.encode(
        {
            "tenure": [12, 0],
            "spend": [math.e - 1, 0.0],
            "channel": ["store", "phone"],
        }
    )
    assert CRM.design_columns() == ["tenure", "spend", "channel=online", "channel=store", "channel=phone"]
    assert design.tolist() == [[12.0, 1.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0, 1.0]]
    assert CRM.encode_one({"tenure": 12, "spend": math.e - 1, "channel": "store"}) == design[0].tolist()


def test_scaling_gives_every_feature_variance_one_whatever_its_categories() -> None:
    # channel shares 1/2 online, 1/4 store, 1/4 phone: sum p^2 = 3/8, block scale sqrt(5/8).
    design = CRM.encode(
        {
            "tenure": [0, 2, 4, 6],
            "spend": [0.0, 0.0, 0.0, 0.0],
            "channel": ["online", "online", "store", "phone"],
        }
    )
    mean, scale = fit_scaler(CRM, design)
    assert mean.tolist() == [3.0, 0.0, 0.5, 0.25, 0.25]
    assert scale[0] == pytest.approx(math.sqrt(5.0))  # population std of 0, 2, 4, 6
    assert scale[1] == 1.0  # a constant column is left unscaled
    assert scale[2:].tolist() == pytest.approx([math.sqrt(5 / 8)] * 3)
    z = (design - mean) / scale
    assert z[:, 0].var() == pytest.approx(1.0)
    assert z[:, 2:].var(axis=0).sum() == pytest.approx(1.0)


def test_a_categorical_with_many_categories_weighs_no_more_than_one_with_two() -> None:
    many = Feature(name="region", label="Region", type=CATEGORICAL, categories=tuple("abcdefghij"))
    two = Feature(name="member", label="Member", type=CATEGORICAL, categories=("yes", "no"))
    schema = Schema((many, two))
    rng = np.random.default_rng(0)
    design = schema.encode(
        {"region": rng.choice(list("abcdefghij"), 1000), "member": rng.choice(["yes", "no"], 1000)}
    )
    mean, scale = fit_scaler(schema, design)
    z = (design - mean) / scale
    assert z[:, :10].var(axis=0).sum() == pytest.approx(1.0)
    assert z[:, 10:].var(axis=0).sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            {"tenure": 55.0, "spend": 10, "channel": "ONLINE"},
            {"tenure": 55, "spend": 10, "channel": "online"},
        ),
        ({"tenure": 3, "spend": 0.5, "channel": " Store "}, {"tenure": 3, "spend": 0.5, "channel": "store"}),
    ],
)
def test_valid_records_are_normalised(record: dict[str, Any], expected: dict[str, Any]) -> None:
    values, errors = CRM.validate_record(record)
    assert errors == []
    assert values == expected
    assert isinstance(values["tenure"], int)


@pytest.mark.parametrize(
    ("record", "field", "message"),
    [
        ({"tenure": 1.5, "spend": 1, "channel": "online"}, "tenure", "must be a whole number"),
        ({"tenure": True, "spend": 1, "channel": "online"}, "tenure", "must be an integer"),
        ({"tenure": "3", "spend": 1, "channel": "online"}, "tenure", "must be an integer"),
        ({"tenure": 3, "spend": float("nan"), "channel": "online"}, "spend", "must be a finite number"),
        ({"tenure": 3, "spend": float("inf"), "channel": "online"}, "spend", "must be a finite number"),
        ({"tenure": 3, "spend": -1, "channel": "online"}, "spend", "must be at least 0"),
        ({"tenure": 3, "spend": 1, "channel": "fax"}, "channel", "must be one of: online, store, phone"),
        ({"tenure": 3, "spend": 1, "channel": 1}, "channel", "must be one of: online, store, phone"),
        ({"tenure": 3, "spend": 1}, "channel", "is required"),
        ({"tenure": 3, "spend": 1, "channel": "online", "colour": "red"}, "colour", "is not a field"),
    ],
)
def test_invalid_records_name_the_field_and_the_rule(
    record: dict[str, Any], field: str, message: str
) -> None:
    _, errors = CRM.validate_record(record)
    assert [e["field"] for e in errors] == [field]
    assert errors[0]["message"].startswith(message)


def test_extra_keys_such_as_customer_id_can_be_allowed() -> None:
    _, errors = CRM.validate_record({"tenure": 3, "spend": 1, "channel": "online", "customer_id": "c1"})
    assert [e["field"] for e in errors] == ["customer_id"]
    assert (
        CRM.validate_record(
            {"tenure": 3, "spend": 1, "channel": "online", "customer_id": "c1"}, extra={"customer_id"}
        )[1]
        == []
    )


def test_bundled_rules_hold_and_sex_is_optional_and_normalised() -> None:
    base = {"age": 30, "annual_income": 50.5, "spending_score": 40, "purchase_frequency": 12}
    values, errors = BUNDLED_SCHEMA.validate_record(base)
    assert errors == [] and "sex" not in values
    values, errors = BUNDLED_SCHEMA.validate_record({**base, "sex": "f"})
    assert errors == [] and values["sex"] == "Female"
    assert BUNDLED_SCHEMA.validate_record({**base, "sex": None})[0]["sex"] is None
    for field, bad in [("age", 17), ("age", 101), ("spending_score", 0), ("purchase_frequency", 366)]:
        _, errors = BUNDLED_SCHEMA.validate_record({**base, field: bad})
        assert [e["field"] for e in errors] == [field]
    _, errors = BUNDLED_SCHEMA.validate_record({**base, "annual_income": 10_000.5})
    assert errors == [{"field": "annual_income", "message": "must be between 0 and 10000"}]
    _, errors = BUNDLED_SCHEMA.validate_record({**base, "sex": "robot"})
    assert errors == [{"field": "sex", "message": "must be one of: Male, Female"}]


def test_a_bundled_schema_of_three_features_keeps_their_order() -> None:
    schema = bundled_schema(["age", "annual_income", "spending_score"])
    assert schema.names == ("age", "annual_income", "spending_score")
    assert schema.is_bundled_style()
    assert not CRM.is_bundled_style()


def test_headers_match_by_name_label_and_the_replaced_systems_variants() -> None:
    headers = ["CustomerID", "Gender", "Age", "Annual Income (k$)", "Spending Score (1-100)", "Purchases"]
    found = BUNDLED_SCHEMA.resolve_headers(headers)
    assert found == {"sex": 1, "age": 2, "annual_income": 3, "spending_score": 4, "purchase_frequency": 5}
    assert BUNDLED_SCHEMA.id_index(headers) == 0
    crm = CRM.resolve_headers(["Annual Spend", "TENURE", "channel"])
    assert crm == {"tenure": 1, "spend": 0, "channel": 2}


def test_an_exact_header_wins_over_a_variant() -> None:
    assert (
        BUNDLED_SCHEMA.resolve_headers(
            ["income", "annual_income", "age", "spending_score", "purchase_frequency"]
        )["annual_income"]
        == 1
    )


def test_missing_and_ambiguous_headers_are_refused() -> None:
    with pytest.raises(HeaderError, match="missing the column\\(s\\) channel") as missing:
        CRM.resolve_headers(["tenure", "spend"])
    assert missing.value.missing == ("channel",)
    with pytest.raises(HeaderError, match="look like annual_income"):
        BUNDLED_SCHEMA.resolve_headers(["age", "Income", "Yearly income", "spending", "frequency"])


def test_the_id_column_is_the_schemas_else_an_id_like_header() -> None:
    assert find_id_column(["x", "Customer Ref", "id"], "customer_ref") == 1
    assert find_id_column(["x", "Client ID"], None) == 1
    assert find_id_column(["x", "y"], None) is None
    assert CRM.id_index(["tenure", "customer_ref"], used=[0]) == 1


def test_feature_requests_take_names_or_options() -> None:
    requests = parse_feature_requests(["tenure", {"name": "spend", "transform": "log", "label": "Spend"}])
    assert [r.to_json() for r in requests] == [
        {"name": "tenure"},
        {"name": "spend", "transform": "log", "label": "Spend"},
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (["one"], "2-50 columns"),
        ("tenure", "2-50 columns"),
        (["a", "a"], "must not repeat"),
        (["a", {"name": "b", "type": "date"}], "type must be numeric or categorical"),
        (["a", {"name": "b", "transform": "sqrt"}], "transform must be none or log"),
        (["a", {"name": "b", "type": "categorical", "transform": "log"}], "cannot be log-transformed"),
        (["a", {"name": "b", "weight": 2}], "unknown feature option"),
        (["a", 3], "column name"),
    ],
)
def test_bad_feature_requests_say_why(value: object, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        parse_feature_requests(value)


def test_a_schema_needs_two_model_features_with_unique_names() -> None:
    with pytest.raises(SchemaError, match="2-50 features"):
        Schema((TENURE,))
    with pytest.raises(SchemaError, match="unique"):
        Schema((TENURE, TENURE))


def test_compatible_schemas_have_the_same_features_types_and_transforms() -> None:
    assert CRM.compatible_with(Schema((CHANNEL, SPEND, TENURE)))
    assert not CRM.compatible_with(Schema((TENURE, CHANNEL)))
    plain_spend = Feature(name="spend", label="Annual spend")
    assert not CRM.compatible_with(Schema((TENURE, plain_spend, CHANNEL)))
