"""Every clustering measure on small hand-made data with known answers, and the rule for K."""

from __future__ import annotations

import numpy as np
import pytest
from segtrainer.cluster_quality import (
    STABLE_SEGMENT,
    Assessment,
    adjusted_rand_index,
    assess,
    bootstrap_stability,
    calinski_harabasz,
    choose_k,
    contingency,
    davies_bouldin,
    jaccard_per_segment,
    stratified_sample,
    stratified_silhouette,
)
from segtrainer.segment_profiles import separating_plane
from sklearn.metrics import (
    adjusted_rand_score,
    calinski_harabasz_score,
    davies_bouldin_score,
    silhouette_samples,
)

# Two segments of two points: (0,0),(0,2) around (0,1) and (10,0),(10,2) around (10,1).
SQUARE = np.array([[0.0, 0.0], [0.0, 2.0], [10.0, 0.0], [10.0, 2.0]])
SQUARE_LABELS = np.array([0, 0, 1, 1])
SQUARE_CENTERS = np.array([[0.0, 1.0], [10.0, 1.0]])


def blobs(
    sizes: list[int], centers: list[list[float]], spread: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    points = np.vstack(
        [
            rng.normal(center, spread, size=(size, len(center)))
            for size, center in zip(sizes, centers, strict=True)
        ]
    )
    return points, np.repeat(np.arange(len(sizes)), sizes)


def test_calinski_harabasz_of_two_pairs_is_the_hand_computed_50() -> None:
    # Within: four squared distances of 1 = 4; between: 2 * 25 + 2 * 25 = 100; (100 / 1) / (4 / 2).
    assert calinski_harabasz(SQUARE, SQUARE_LABELS, SQUARE_CENTERS) == pytest.approx(50.0)


def test_davies_bouldin_of_two_pairs_is_the_hand_computed_0_2() -> None:
    # Each segment's mean distance to its centre is 1; the centres are 10 apart: (1 + 1) / 10.
    assert davies_bouldin(SQUARE, SQUARE_LABELS, SQUARE_CENTERS) == pytest.approx(0.2)


def test_calinski_harabasz_and_davies_bouldin_equal_scikit_learns_on_random_labels() -> None:
    rng = np.random.default_rng(1)
    points = rng.normal(size=(500, 3))
    labels = rng.integers(0, 4, size=500)
    means = np.stack([points[labels == k].mean(axis=0) for k in range(4)])
    assert calinski_harabasz(points, labels, means) == pytest.approx(calinski_harabasz_score(points, labels))
    assert davies_bouldin(points, labels, means) == pytest.approx(davies_bouldin_score(points, labels))


def test_stratified_sample_takes_an_equal_share_per_segment_and_weights_by_size() -> None:
    labels = np.array([0] * 1000 + [1] * 10)
    rows, weights = stratified_sample(labels, 2, 100, np.random.default_rng(0))
    assert np.count_nonzero(labels[rows] == 0) == 50
    assert np.count_nonzero(labels[rows] == 1) == 10  # all of the small segment
    assert set(weights[labels[rows] == 0]) == {20.0} and set(weights[labels[rows] == 1]) == {1.0}
    assert np.all(np.diff(rows) > 0)


def test_stratified_silhouette_is_the_hand_computed_value_on_a_line() -> None:
    # Segment 0 at 0 and 1, segment 1 at 10 and 11. Point 0: a = 1, b = 10.5 -> 9.5 / 10.5;
    # point 1: a = 1, b = 9.5 -> 8.5 / 9.5; the other segment mirrors them.
    points = np.array([[0.0], [1.0], [10.0], [11.0]])
    overall, per_segment = stratified_silhouette(points, np.array([0, 0, 1, 1]), 2, np.random.default_rng(0))
    expected = (9.5 / 10.5 + 8.5 / 9.5) / 2
    assert overall == pytest.approx(expected, abs=1e-6)
    assert per_segment == pytest.approx([expected] * 2, abs=1e-6)


def test_stratified_silhouette_estimates_the_full_silhouette_overall_and_per_segment() -> None:
    points, labels = blobs([5_000, 100], [[0.0, 0.0], [4.0, 0.0]], 1.0, seed=2)
    overall, per_segment = stratified_silhouette(points, labels, 2, np.random.default_rng(3))
    full = silhouette_samples(points, labels)
    assert overall == pytest.approx(full.mean(), abs=0.02)
    # The small segment is measured on all its 100 members (a uniform 2,000-row draw holds ~40).
    assert per_segment[1] == pytest.approx(full[labels == 1].mean(), abs=0.02)
    assert per_segment[0] == pytest.approx(full[labels == 0].mean(), abs=0.02)


def test_jaccard_and_adjusted_rand_index_from_a_contingency_table() -> None:
    reference, other = np.array([0, 0, 1, 1]), np.array([0, 0, 0, 1])
    table = contingency(reference, other, 2, 2)
    assert table.tolist() == [[2.0, 0.0], [1.0, 1.0]]
    # Segment 0 vs new 0: 2 / (2 + 3 - 2); segment 1 vs new 1: 1 / (2 + 1 - 1).
    assert jaccard_per_segment(table).tolist() == pytest.approx([2 / 3, 1 / 2])
    rng = np.random.default_rng(5)
    a, b = rng.integers(0, 3, 300), rng.integers(0, 4, 300)
    assert adjusted_rand_index(contingency(a, b, 3, 4)) == pytest.approx(adjusted_rand_score(a, b))
    assert adjusted_rand_index(contingency(a, a, 3, 3)) == pytest.approx(1.0)


def test_well_separated_segments_are_perfectly_stable() -> None:
    points, _ = blobs([300, 300, 300], [[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]], 0.5, seed=6)
    centers = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    overall, per_segment = bootstrap_stability(points, centers, seed=1)
    assert overall == pytest.approx(1.0)
    assert per_segment == pytest.approx([1.0, 1.0, 1.0])


def test_splitting_a_round_blob_in_many_is_unstable() -> None:
    points = np.random.default_rng(7).normal(size=(1000, 2))
    centers = np.array([[np.cos(t), np.sin(t)] for t in np.linspace(0, 2 * np.pi, 7)[:-1]])
    overall, per_segment = bootstrap_stability(points, centers, seed=1)
    assert min(per_segment) < STABLE_SEGMENT
    assert overall < 0.9


def _assessment(k: int, silhouette: float, stability: float) -> Assessment:
    return Assessment(k, 1.0, silhouette, [silhouette] * k, 1.0, 1.0, stability, [stability] * k)


def test_rule_prefers_the_best_silhouette_among_stable_k() -> None:
    candidates = [_assessment(3, 0.7, 0.5), _assessment(4, 0.6, 0.9), _assessment(5, 0.65, 0.8)]
    assert choose_k(candidates, 2, 10) == 5
    assert choose_k(candidates, 2, 4) == 4


def test_rule_falls_back_to_the_most_stable_k_when_nothing_is_stable() -> None:
    assert (
        choose_k([_assessment(2, 0.4, 0.55), _assessment(3, 0.5, 0.5), _assessment(9, 0.52, 0.3)], 2, 10) == 2
    )


def test_assess_finds_three_blobs_best_at_k_3() -> None:
    points, _ = blobs([400, 250, 100], [[0.0, 0.0], [6.0, 0.0], [3.0, 6.0]], 0.7, seed=8)
    from sklearn.cluster import KMeans

    measured = [
        assess(
            points,
            KMeans(k, n_init=4, random_state=0).fit(points).cluster_centers_,
            stability_points=points,
            seed=0,
        )
        for k in range(2, 7)
    ]
    assert choose_k(measured, 2, 6) == 3
    best = measured[1]
    assert best.min_segment_stability == pytest.approx(1.0)
    assert best.davies_bouldin == min(m.davies_bouldin for m in measured)
    assert best.calinski_harabasz == max(m.calinski_harabasz for m in measured)
    assert [m.inertia for m in measured] == sorted((m.inertia for m in measured), reverse=True)


def test_separating_plane_shows_the_direction_that_splits_segments_not_the_widest() -> None:
    # Wide along x (sd 10) but the two segments differ only along y (5 apart, sd 1): PCA's first
    # axis would be x and stack them; the discriminant plane's first axis is y.
    rng = np.random.default_rng(9)
    points = np.vstack(
        [
            np.column_stack([rng.normal(0, 10, 500), rng.normal(0, 1, 500)]),
            np.column_stack([rng.normal(0, 10, 500), rng.normal(5, 1, 500)]),
        ]
    )
    plane, shares = separating_plane(points, np.repeat([0, 1], 500), 2)
    assert abs(plane[0][1]) == pytest.approx(1.0, abs=1e-2)
    assert abs(plane[1][0]) == pytest.approx(1.0, abs=1e-2)
    assert shares.tolist() == pytest.approx([1.0, 0.0])
