"""Segment colours, standout features, movement and axis labels on hand-made numbers."""

from __future__ import annotations

import numpy as np

from segcore.profile import PALETTE, assign_colors, axis_label, defined_by, movement, standout


def test_inherited_colours_stay_and_new_segments_take_the_first_unused() -> None:
    assert assign_colors([None, PALETTE[0], None]) == [PALETTE[1], PALETTE[0], PALETTE[2]]
    assert assign_colors([None] * 3) == list(PALETTE[:3])


def test_standout_keeps_features_half_an_sd_or_more_from_average_strongest_first() -> None:
    items = standout([0.2, 1.6, -1.3, -0.5], ["age", "annual_income", "spending_score", "purchase_frequency"])
    assert [(item["feature"], item["z"]) for item in items] == [
        ("annual_income", 1.6),
        ("spending_score", -1.3),
        ("purchase_frequency", -0.5),
    ]
    assert defined_by(items) == (
        "Defined by higher annual income (+1.6 SD), lower spending score (-1.3 SD) "
        "and lower purchase frequency (-0.5 SD)."
    )
    assert defined_by([]) == "Close to the population average on every feature."


def test_movement_counts_customers_per_previous_and_new_segment() -> None:
    moved = movement(np.array([0, 0, 1, 1, 1]), np.array([1, 0, 1, 1, 0]), ["A", "B"], ["B", "A"], "v1")
    # previous A (0) -> new B (0): 1, -> new A (1): 1; previous B (1) -> new B (0): 1, -> new A: 2.
    assert moved["matrix"] == [[1, 1], [1, 2]]
    assert moved["stayed"] == 2  # A -> A once, B -> B once
    assert moved["moved_share"] == 0.6
    assert moved["previous_version"] == "v1"


def test_axis_label_names_the_features_that_load_most_with_their_direction() -> None:
    columns = ["age", "annual_income", "spending_score"]
    assert axis_label([0.1, 0.8, -0.6], columns) == "Higher annual income, lower spending score"
    assert axis_label([0.0, 0.0, -1.0], columns) == "Lower spending score"
