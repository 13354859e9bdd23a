"""segcore.naming: names from z-score profiles, unique names, descriptions."""

from __future__ import annotations

import pytest

from segcore.naming import (
    SegmentShape,
    base_name,
    describe,
    generic_name,
    label_schema_segments,
    label_segments,
    make_unique,
    persona_roles,
)
from segcore.schema import CATEGORICAL, Feature, Schema


@pytest.mark.parametrize(
    ("profile", "name"),
    [
        (
            {"annual_income": 1.2, "spending_score": 1.1, "purchase_frequency": 0.2},
            "High-Value Customers",
        ),
        ({"annual_income": -1.0, "spending_score": -1.1}, "Budget Shoppers"),
        (
            {"annual_income": 1.2, "spending_score": -1.2, "purchase_frequency": -1.0},
            "Potential Targets",
        ),
        (
            {"annual_income": -0.1, "spending_score": 0.1, "purchase_frequency": 1.5},
            "Loyal Customers",
        ),
        (
            {"annual_income": 0.2, "spending_score": -0.3, "purchase_frequency": -1.2},
            "Occasional Buyers",
        ),
        ({"annual_income": -1.0, "spending_score": 1.0}, "Impulsive Spenders"),
        (
            {"annual_income": 0.0, "spending_score": 1.0, "purchase_frequency": 1.0},
            "Frequent Big Spenders",
        ),
        ({"annual_income": 0.9, "spending_score": 0.0}, "Affluent Customers"),
        ({"annual_income": 0.0, "spending_score": -0.9}, "Cautious Spenders"),
        (
            {"annual_income": 0.1, "spending_score": 0.1, "purchase_frequency": 0.1},
            "Mainstream Customers",
        ),
    ],
)
def test_profiles_get_the_name_of_their_income_spending_and_frequency(
    profile: dict[str, float], name: str
) -> None:
    assert base_name(profile) == name


def test_young_or_senior_goes_in_front_only_when_age_dominates() -> None:
    young_impulsive = {"age": -1.5, "annual_income": -1.0, "spending_score": 1.1}
    older_budget = {"age": 0.9, "annual_income": -1.0, "spending_score": -1.1}
    assert base_name(young_impulsive) == "Young Impulsive Spenders"
    assert base_name(older_budget) == "Budget Shoppers"
    assert base_name({"age": 1.8, "annual_income": 0.1, "spending_score": 0.2}) == "Senior Customers"


def test_names_come_from_whichever_features_were_trained() -> None:
    assert base_name({"age": 0.3, "purchase_frequency": 1.4}) == "Loyal Customers"
    assert base_name({"age": -1.2, "spending_score": 0.1}) == "Young Customers"


def test_description_reads_the_centroid_in_original_units() -> None:
    centroid = {
        "age": 34.2,
        "annual_income": 98.4,
        "spending_score": 81.6,
        "purchase_frequency": 14,
    }
    assert describe(centroid) == ("Average income 98k, spending score 82, 14 purchases a year, aged 34")
    assert describe({"purchase_frequency": 1.2, "age": 60}) == "1 purchase a year, aged 60"


def test_two_segments_with_one_name_are_told_apart_by_their_most_different_feature() -> None:
    profiles = [
        {"age": -0.2, "annual_income": 1.0, "spending_score": 1.0},
        {"age": 0.1, "annual_income": 2.0, "spending_score": 1.1},
    ]
    centroids = [{"age": 40, "annual_income": 100, "spending_score": 80}] * 2
    names = [label.name for label in label_segments(profiles, centroids)]
    assert names == ["Lower-Income High-Value Customers", "Higher-Income High-Value Customers"]


def test_names_stay_unique_when_qualifiers_are_not_enough() -> None:
    profile = {"annual_income": 1.0, "spending_score": 1.0}
    names = make_unique([None, None, None], [profile] * 3, ["High-Value Customers"] * 3)
    assert names == [
        "Higher-Income High-Value Customers",
        "Higher-Income High-Value Customers (2)",
        "Higher-Income High-Value Customers (3)",
    ]


def test_given_names_are_kept_and_generated_ones_avoid_them_in_any_case() -> None:
    profiles = [{"annual_income": 1.0}, {"annual_income": 1.0}]
    names = make_unique(["VIP", None], profiles, ["Affluent Customers", "vip"])
    assert names == ["VIP", "vip (2)"]


# ---- any schema ---------------------------------------------------------------------------


_CRM = Schema(
    (
        Feature(name="tenure", label="Tenure", unit="months", integer=True),
        Feature(name="basket", label="Basket"),
        Feature(name="channel", label="Channel", type=CATEGORICAL, categories=("online", "store")),
    )
)
_POPULATION = {"channel": {"online": 0.5, "store": 0.5}}


def _shape(tenure: float, basket: float, online: float) -> SegmentShape:
    return SegmentShape(
        z={"tenure": tenure, "basket": basket},
        centroid={"tenure": 30 + 10 * tenure, "basket": 50 + 20 * basket},
        shares={"channel": {"online": online, "store": 1 - online}},
    )


def test_names_come_from_the_strongest_numbers_and_a_dominant_category() -> None:
    assert generic_name(_CRM, _shape(1.2, -0.8, 0.9), _POPULATION) == "High tenure, low basket, mostly online"
    assert generic_name(_CRM, _shape(0.1, 0.7, 0.55), _POPULATION) == "High basket"
    assert generic_name(_CRM, _shape(0.1, -0.2, 0.5), _POPULATION) == "Typical Customers"


def test_a_category_must_hold_most_of_the_segment_and_beat_the_population() -> None:
    common = {"channel": {"online": 0.7, "store": 0.3}}
    assert generic_name(_CRM, _shape(0.0, 0.0, 0.8), common) == "Typical Customers"  # lift 0.1
    assert generic_name(_CRM, _shape(0.0, 0.0, 0.9), common) == "Mostly online"


def test_schema_segments_get_unique_names_and_descriptions() -> None:
    labels = label_schema_segments(_CRM, [_shape(1.2, -0.8, 0.9), _shape(1.0, -0.9, 0.95)], _POPULATION)
    assert len({label.name for label in labels}) == 2
    assert labels[0].description == "Tenure 42 months, basket 34, 90% online (channel)"


def test_persona_names_apply_when_every_feature_stands_for_a_replaced_field() -> None:
    mall = Schema(
        (Feature(name="annual_income_thousands", label="Income"), Feature(name="Spending", label="S"))
    )
    assert persona_roles(mall) == {"annual_income_thousands": "annual_income", "Spending": "spending_score"}
    assert persona_roles(_CRM) is None
    [label] = label_schema_segments(
        mall,
        [
            SegmentShape(
                z={"annual_income_thousands": 1.0, "Spending": 1.0},
                centroid={"annual_income_thousands": 90.0, "Spending": 80.0},
                shares={},
            )
        ],
        {},
    )
    assert label.name == "High-Value Customers"
