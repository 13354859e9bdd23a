"""segcore.matching: optimal assignment and carrying names across retrains."""

from __future__ import annotations

import itertools

from conftest import make_cluster
from hypothesis import given
from hypothesis import strategies as st

from segcore.matching import (
    SegmentMatch,
    carry_labels,
    match_segments,
    min_cost_assignment,
)
from segcore.naming import SegmentLabel


def _brute_force_cost(cost: list[list[float]]) -> float:
    rows, columns = len(cost), len(cost[0])
    if rows <= columns:
        return min(
            sum(cost[r][c] for r, c in enumerate(chosen))
            for chosen in itertools.permutations(range(columns), rows)
        )
    return min(
        sum(cost[r][c] for c, r in enumerate(chosen))
        for chosen in itertools.permutations(range(rows), columns)
    )


@given(
    st.integers(min_value=1, max_value=5).flatmap(
        lambda rows: st.integers(min_value=1, max_value=5).flatmap(
            lambda columns: st.lists(
                st.lists(st.floats(0, 100, allow_nan=False), min_size=columns, max_size=columns),
                min_size=rows,
                max_size=rows,
            )
        )
    )
)
def test_assignment_costs_the_same_as_the_best_permutation(cost: list[list[float]]) -> None:
    pairs = min_cost_assignment(cost)
    assert len(pairs) == min(len(cost), len(cost[0]))
    assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
    assert abs(sum(cost[r][c] for r, c in pairs) - _brute_force_cost(cost)) < 1e-6


def test_shuffled_centroids_are_paired_back_with_their_shift() -> None:
    previous = [{"age": 20.0, "annual_income": 30.0}, {"age": 60.0, "annual_income": 120.0}]
    new = [{"age": 61.0, "annual_income": 120.0}, {"age": 20.0, "annual_income": 34.0}]
    matches = match_segments(new, previous, {"age": 10.0, "annual_income": 20.0})
    assert [(m.cluster_id, m.previous_cluster_id) for m in matches] == [(0, 1), (1, 0)]
    assert matches[0].centroid_shift == 0.1
    assert matches[1].centroid_shift == 0.2


def test_only_shared_features_are_compared_and_extra_segments_stay_unmatched() -> None:
    previous = [{"age": 20.0, "spending_score": 50.0}]
    new = [{"age": 20.0, "annual_income": 1.0}, {"age": 70.0, "annual_income": 1.0}]
    matches = match_segments(new, previous, {"age": 10.0, "annual_income": 20.0})
    assert matches == [SegmentMatch(0, 0, 0.0), SegmentMatch(1, None, None)]


def test_matched_segments_keep_previous_names_and_analyst_descriptions() -> None:
    previous = [
        make_cluster(0, "VIP", description="Our best customers", renamed=True),
        make_cluster(1, "Budget Shoppers", description="old text"),
    ]
    generated = [
        SegmentLabel("Budget Shoppers", "Average income 30k"),
        SegmentLabel("High-Value Customers", "Average income 120k"),
    ]
    matches = [SegmentMatch(0, 1, 0.1), SegmentMatch(1, 0, 0.3)]
    labels, moved = carry_labels(generated, [{}, {}], matches, previous)
    assert [(label.name, label.description, label.renamed) for label in labels] == [
        ("Budget Shoppers", "Average income 30k", False),
        ("VIP", "Our best customers", True),
    ]
    assert moved == [
        {
            "cluster_id": 0,
            "name": "Budget Shoppers",
            "previous_cluster_id": 1,
            "previous_name": "Budget Shoppers",
            "centroid_shift": 0.1,
        },
        {
            "cluster_id": 1,
            "name": "VIP",
            "previous_cluster_id": 0,
            "previous_name": "VIP",
            "centroid_shift": 0.3,
        },
    ]


def test_a_segment_that_moved_too_far_gets_a_fresh_name_unique_against_carried_ones() -> None:
    previous = [make_cluster(0, "Loyal Customers"), make_cluster(1, "Gold", renamed=True)]
    generated = [
        SegmentLabel("Loyal Customers", "new"),
        SegmentLabel("Gold", "new gold"),
    ]
    matches = [SegmentMatch(0, 0, 0.2), SegmentMatch(1, 1, 2.5)]
    labels, moved = carry_labels(generated, [{}, {}], matches, previous, max_shift=1.0)
    assert [label.name for label in labels] == ["Loyal Customers", "Gold"]
    assert labels[1].renamed is False
    assert moved[1]["centroid_shift"] == 2.5
