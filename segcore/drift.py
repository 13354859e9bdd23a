"""Quantile bins of the training data and the population stability index (PSI) against them.

A feature's bins are ``edges`` (ascending, duplicates removed: ``edges[0]`` is the training
minimum and ``edges[-1]`` the maximum) and the training ``proportions`` per bin. Bin ``i`` holds
``edges[i] <= x < edges[i + 1]``; the first and last bins are open-ended, so values outside the
training range fall into them. A categorical feature's bins are its ``categories`` and their
training ``proportions`` (drift by category shares).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypedDict, cast

import numpy as np

DRIFT_BIN_COUNT = 10
# Proportions are floored at this before the logarithm so that empty bins stay finite.
PSI_FLOOR = 1e-4
PSI_STABLE = 0.1
PSI_SHIFTED = 0.25


class DriftBins(TypedDict):
    edges: list[float]
    proportions: list[float]


class CategoryBins(TypedDict):
    categories: list[str]
    proportions: list[float]


FeatureBins = DriftBins | CategoryBins


def category_bins(values: Sequence[str] | np.ndarray, categories: Sequence[str]) -> CategoryBins:
    """Training shares of each category (values are already normalised categories)."""
    counts = category_counts(categories, values)
    return {
        "categories": list(categories),
        "proportions": [float(share) for share in counts / max(int(counts.sum()), 1)],
    }


def category_counts(categories: Sequence[str], values: Sequence[str] | np.ndarray) -> np.ndarray:
    """Count of each category among ``values``: texts, or integer codes into ``categories``."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        return np.bincount(values, minlength=len(categories)).astype(np.int64)
    texts = np.asarray(values, dtype=object)
    return np.array([int(np.count_nonzero(texts == category)) for category in categories], dtype=np.int64)


def observed_counts(bins: FeatureBins, values: Sequence[object]) -> np.ndarray:
    """Per-bin counts of observed values, numeric or categorical."""
    if "categories" in bins:
        categories = cast(CategoryBins, bins)["categories"]
        return category_counts(categories, [v for v in values if isinstance(v, str)])
    numbers = np.array([v for v in values if isinstance(v, int | float)], dtype=np.float64)
    return bin_counts(bins["edges"], numbers)


def training_range(bins: FeatureBins) -> tuple[float, float] | None:
    """Smallest and largest training value of a numeric feature (None for a categorical one)."""
    if "edges" not in bins:
        return None
    edges = cast(DriftBins, bins)["edges"]
    return float(edges[0]), float(edges[-1])


def bin_counts(edges: Sequence[float], values: np.ndarray) -> np.ndarray:
    """How many of ``values`` fall into each bin delimited by ``edges``."""
    inner = np.asarray(edges[1:-1], dtype=np.float64)
    bins = np.searchsorted(inner, np.asarray(values, dtype=np.float64), side="right")
    return np.bincount(bins, minlength=len(edges) - 1)


def quantile_bins(values: np.ndarray, bin_count: int = DRIFT_BIN_COUNT) -> DriftBins:
    """Bins at the deciles of ``values`` (fewer bins when ties make quantiles coincide)."""
    edges = np.unique(np.quantile(values, np.linspace(0.0, 1.0, bin_count + 1)))
    if len(edges) == 1:
        edges = np.array([edges[0], edges[0]])
    counts = bin_counts(edges.tolist(), values)
    return {
        "edges": [float(edge) for edge in edges],
        "proportions": [float(share) for share in counts / max(len(values), 1)],
    }


def population_stability_index(bins: FeatureBins, counts: Sequence[float] | np.ndarray) -> float:
    """PSI of observed per-bin ``counts`` against the training proportions.

    Below 0.1 is usually read as stable, 0.1-0.25 as a moderate shift, above 0.25 as a shift.
    """
    observed = np.asarray(counts, dtype=np.float64)
    total = observed.sum()
    if total <= 0:
        return 0.0
    actual = np.maximum(observed / total, PSI_FLOOR)
    expected = np.maximum(np.asarray(bins["proportions"], dtype=np.float64), PSI_FLOOR)
    return float(np.sum((actual - expected) * np.log(actual / expected)))


def drift_status(psi: float) -> str:
    if psi < PSI_STABLE:
        return "stable"
    return "moderate" if psi < PSI_SHIFTED else "shifted"


def outside_training_range(
    bins: Mapping[str, FeatureBins], columns: Mapping[str, Sequence[object] | np.ndarray], rows: int
) -> np.ndarray:
    """Per row: True when a numeric value lies outside its feature's training range."""
    outside = np.zeros(rows, dtype=bool)
    for name, feature_bins in bins.items():
        limits = training_range(feature_bins)
        if limits is None or name not in columns:
            continue
        values = np.asarray(columns[name], dtype=np.float64)
        outside |= (values < limits[0]) | (values > limits[1])
    return outside
