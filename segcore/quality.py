"""How well a customer fits its segment, on standardized vectors (numpy only; the API uses it).

The posterior behind ``confidence`` answers "which segment, if any": a customer far from every
centre still gets a confident answer from the nearest one. These functions answer "does this
customer fit it":

- ``typicality``: the share of the segment's training members lying farther from its centre
  than the customer (1 at the centre, 0 beyond the farthest member). The trainer stores, per
  segment, ``QUANTILE_LEVELS`` quantiles of its members' Euclidean distances to the centre (in
  standardized units); typicality is one minus the distribution function interpolated
  linearly between them.
- ``atypical``: typicality below ``ATYPICAL_TYPICALITY`` (the customer is farther out than
  97.5 % of the segment's members), or a value outside the range seen in training.
- ``between_segments``: the runner-up's probability is at least ``BETWEEN_RATIO`` of the top
  one (so the top probability is at most 2/3 with two contenders).

Everything is in standardized space (``z = (x - mean) / scale`` per model column), so it holds
for any feature encoding the model document uses.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from typing import TypedDict

import numpy as np

QUANTILE_LEVELS = 101
ATYPICAL_TYPICALITY = 0.025
BETWEEN_RATIO = 0.5
# Tolerance when comparing a standardized value with the training range (float rounding).
RANGE_TOLERANCE = 1e-9


class FitSummary(TypedDict):
    """What the document stores for typicality: per-segment distance quantiles, z range."""

    distance_quantiles: list[list[float]]  # K x QUANTILE_LEVELS, non-decreasing
    z_min: list[float]  # per model column, the training minimum in standardized units
    z_max: list[float]


class Fit(TypedDict):
    typicality: float
    atypical: bool
    between_segments: bool
    outside_range: list[int]  # model columns whose value lies outside the training range


def distance_quantiles(distances: np.ndarray) -> list[float]:
    """``QUANTILE_LEVELS`` evenly spaced quantiles (0 to 1) of one segment's member distances."""
    if distances.size == 0:
        return [0.0] * QUANTILE_LEVELS
    return [float(value) for value in np.quantile(distances, np.linspace(0.0, 1.0, QUANTILE_LEVELS))]


def fit_summary(standardized: np.ndarray, labels: np.ndarray, centroids: np.ndarray) -> FitSummary:
    """The typicality data of a model from its standardized training rows and their labels."""
    distances = np.sqrt(
        np.einsum("nd,nd->n", standardized - centroids[labels], standardized - centroids[labels])
    )
    return {
        "distance_quantiles": [distance_quantiles(distances[labels == k]) for k in range(len(centroids))],
        "z_min": standardized.min(axis=0).tolist(),
        "z_max": standardized.max(axis=0).tolist(),
    }


def typicality(distances: np.ndarray, quantiles: np.ndarray) -> np.ndarray:
    """Share of members not closer to the centre than each of ``distances`` (one segment).

    The distribution function is read from the left at ties, so a customer on the centre has
    typicality 1 even when every member sits there too.
    """
    distances = np.asarray(distances, dtype=np.float64)
    quantiles = np.asarray(quantiles, dtype=np.float64)
    steps = len(quantiles) - 1
    upper = np.searchsorted(quantiles, distances, side="left")  # first quantile >= distance
    inner = np.clip(upper, 1, steps)
    low, high = quantiles[inner - 1], quantiles[inner]
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.where(high > low, (distances - low) / (high - low), 1.0)
    below = (inner - 1 + np.clip(fraction, 0.0, 1.0)) / steps
    below = np.where(upper == 0, 0.0, np.where(upper > steps, 1.0, below))
    return 1.0 - below


def typicality_of(
    z: np.ndarray, labels: np.ndarray, centroids: np.ndarray, summary: FitSummary
) -> np.ndarray:
    """Typicality of (n, d) standardized rows in their segments ``labels``."""
    z = np.atleast_2d(np.asarray(z, dtype=np.float64))
    labels = np.asarray(labels, dtype=np.int64)
    offsets = z - centroids[labels]
    distances = np.sqrt(np.einsum("nd,nd->n", offsets, offsets))
    quantiles = np.asarray(summary["distance_quantiles"], dtype=np.float64)
    result = np.empty(len(z))
    for k in np.unique(labels):
        members = labels == k
        result[members] = typicality(distances[members], quantiles[k])
    return result


def outside_range(z: np.ndarray, summary: FitSummary) -> np.ndarray:
    """(n, d) booleans: the value lies outside the training range of its column."""
    z = np.atleast_2d(np.asarray(z, dtype=np.float64))
    low = np.asarray(summary["z_min"]) - RANGE_TOLERANCE
    high = np.asarray(summary["z_max"]) + RANGE_TOLERANCE
    return (z < low) | (z > high)


def is_atypical(typicality_values: np.ndarray, outside: np.ndarray) -> np.ndarray:
    return (np.asarray(typicality_values) < ATYPICAL_TYPICALITY) | np.asarray(outside).any(axis=1)


def between_segments(top: float, runner_up: float | None) -> bool:
    return runner_up is not None and runner_up >= BETWEEN_RATIO * top


def typicality_one(distance: float, quantiles: Sequence[float]) -> float:
    """``typicality`` for one distance, in plain Python (one customer: no numpy overhead)."""
    steps = len(quantiles) - 1
    upper = bisect_left(quantiles, distance)  # first quantile >= distance
    if upper == 0:
        return 1.0
    if upper > steps:
        return 0.0
    low, high = quantiles[upper - 1], quantiles[upper]
    fraction = (distance - low) / (high - low) if high > low else 1.0
    return 1.0 - (upper - 1 + min(max(fraction, 0.0), 1.0)) / steps


def fit_one(
    z: Sequence[float],
    cluster: int,
    probabilities: Sequence[float],
    centroid: Sequence[float],
    summary: FitSummary,
) -> Fit:
    """Typicality and flags of one customer assigned to ``cluster`` with centre ``centroid``;
    the same numbers as the batch functions, in plain Python."""
    distance = math.sqrt(sum((value - centre) ** 2 for value, centre in zip(z, centroid, strict=True)))
    value = typicality_one(distance, summary["distance_quantiles"][cluster])
    outside = [
        index
        for index, (x, low, high) in enumerate(zip(z, summary["z_min"], summary["z_max"], strict=True))
        if x < low - RANGE_TOLERANCE or x > high + RANGE_TOLERANCE
    ]
    ranked = sorted(probabilities, reverse=True)
    return {
        "typicality": value,
        "atypical": value < ATYPICAL_TYPICALITY or bool(outside),
        "between_segments": between_segments(ranked[0], ranked[1] if len(ranked) > 1 else None),
        "outside_range": outside,
    }
