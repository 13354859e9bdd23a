"""Quality of a clustering, measured several ways, and the rule that chooses K from them.

For centres ``centers`` of standardized rows (labels: the nearest centre):

- **inertia**: sum of squared distances to the nearest centre, all rows.
- **silhouette**: on a sample stratified by segment (``SILHOUETTE_SAMPLE_SIZE`` split evenly
  across segments, so a small segment is measured as well as a large one). Per segment, the
  mean over its sampled members; overall, the mean with each point weighted by its segment's
  size over its sampled count, which estimates the silhouette over all rows. Within a segment
  the sample is uniform, so mean distances to a segment stay unbiased.
- **Calinski-Harabasz** (between / within dispersion, each over its degrees of freedom) and
  **Davies-Bouldin** (mean over segments of the worst ratio of summed spreads to the distance
  between centres), on all rows, with numpy; the same definitions as scikit-learn.
- **stability**: ``STABILITY_RESAMPLES`` bootstrap resamples of a fixed sample of at most
  ``STABILITY_SAMPLE_SIZE`` rows are clustered again with the same K (k-means++ seeding and
  Lloyd iterations in numpy: scikit-learn's per-call overhead would dominate on so few rows);
  each re-clustering labels the fixed sample, which is compared with the labels the centres
  give it. Overall: mean
  adjusted Rand index. Per segment: mean over resamples of the best Jaccard similarity
  between the segment and any re-clustered segment (Hennig 2007, "Cluster-wise assessment of
  cluster stability"; below 0.6 a segment is usually not real, at 0.75 and above it is stable).

Rule for K (``choose_k``): among the candidates whose every segment is stable (per-segment
stability >= ``STABLE_SEGMENT``), the one with the highest silhouette. When none qualifies, the
data has no structure that reproduces at any K; the K whose least stable segment is the most
stable is then the least arbitrary choice (the document says no K was stable). Ties go to the
smaller K. An analyst's ``k`` overrides it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

SILHOUETTE_SAMPLE_SIZE = 1_200
STABILITY_SAMPLE_SIZE = 1_000
STABILITY_RESAMPLES = 5
STABILITY_N_INIT = 1
LLOYD_MAX_ITER = 100
# Hennig's line below which a cluster should not be trusted. His 0.75 ("stable") rejected the
# fifth of the five well-known Mall Customers segments (0.72 on 200 rows and 5 resamples).
STABLE_SEGMENT = 0.6
RULE = (
    f"highest silhouette among the K whose every segment has bootstrap stability >= {STABLE_SEGMENT}; "
    "when no K has, the K whose least stable segment is most stable; the analyst's k overrides"
)


@dataclass(frozen=True)
class Assessment:
    k: int
    inertia: float
    silhouette: float
    silhouette_per_segment: list[float]
    calinski_harabasz: float
    davies_bouldin: float
    stability: float
    stability_per_segment: list[float]

    @property
    def min_segment_stability(self) -> float:
        return min(self.stability_per_segment)


def sample_rows(rows: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """Sorted indices of ``size`` distinct rows (all rows when there are fewer)."""
    if rows <= size:
        return np.arange(rows)
    return np.sort(rng.choice(rows, size=size, replace=False))


def nearest_centers(points: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Label of the nearest center and the squared distance to it, for every point."""
    squared = points @ (-2.0 * centers.T)
    squared += np.einsum("kd,kd->k", centers, centers)
    labels = np.argmin(squared, axis=1)
    nearest = np.take_along_axis(squared, labels[:, None], axis=1)[:, 0]
    nearest += np.einsum("nd,nd->n", points, points)
    return labels, np.maximum(nearest, 0.0)


class SampleSilhouette:
    """Silhouette coefficients of labelings of one fixed sample, pairwise distances computed once.

    Same definition as scikit-learn's ``silhouette_samples``: a point alone in its cluster
    scores 0.
    """

    def __init__(self, points: np.ndarray) -> None:
        # float32 halves the cost of the n x n matrix; distances keep ~7 significant digits.
        single = np.asarray(points, dtype=np.float32)
        squared_norms = np.einsum("nd,nd->n", single, single)
        squared = single @ (-2.0 * single.T)
        squared += squared_norms[:, None]
        squared += squared_norms[None, :]
        np.maximum(squared, 0.0, out=squared)
        np.fill_diagonal(squared, 0.0)
        self._distances = np.sqrt(squared, out=squared)

    def values(self, labels: np.ndarray, n_clusters: int) -> np.ndarray:
        """Per-point silhouette; all zeros when the sample holds fewer than two clusters."""
        membership = np.zeros((labels.size, n_clusters), dtype=np.float32)
        membership[np.arange(labels.size), labels] = 1.0
        sums = self._distances @ membership  # (n, K) distance from each point to each cluster
        counts = membership.sum(axis=0)
        own_count = counts[labels]
        own_sum = sums[np.arange(labels.size), labels]
        with np.errstate(divide="ignore", invalid="ignore"):
            within = own_sum / (own_count - 1)
            mean_to_cluster = sums / counts
        mean_to_cluster[:, counts == 0] = np.inf
        mean_to_cluster[np.arange(labels.size), labels] = np.inf
        between = mean_to_cluster.min(axis=1)
        if not np.isfinite(between).all():
            return np.zeros(labels.size)
        with np.errstate(divide="ignore", invalid="ignore"):
            scores = (between - within) / np.maximum(within, between)
        scores[own_count <= 1] = 0.0
        result: np.ndarray = np.nan_to_num(scores)
        return result

    def score(self, labels: np.ndarray, n_clusters: int) -> float:
        return float(self.values(labels, n_clusters).mean())


def stratified_sample(
    labels: np.ndarray, k: int, size: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Sorted row indices, up to ``size // k`` per segment (all of a smaller one), and each
    row's weight (its segment's size over the rows sampled from it)."""
    per_segment = max(size // k, 1)
    chosen = []
    weights = []
    for segment in range(k):
        members = np.flatnonzero(labels == segment)
        if members.size > per_segment:
            members = np.sort(rng.choice(members, size=per_segment, replace=False))
        chosen.append(members)
        weights.append(np.full(members.size, np.count_nonzero(labels == segment) / max(members.size, 1)))
    order = np.argsort(np.concatenate(chosen), kind="stable")
    return np.concatenate(chosen)[order], np.concatenate(weights)[order]


def stratified_silhouette(
    standardized: np.ndarray, labels: np.ndarray, k: int, rng: np.random.Generator
) -> tuple[float, list[float]]:
    """Overall (size-weighted) and per-segment silhouette on a sample stratified by segment."""
    rows, weights = stratified_sample(labels, k, SILHOUETTE_SAMPLE_SIZE, rng)
    sample_labels = labels[rows]
    values = SampleSilhouette(standardized[rows]).values(sample_labels, k)
    per_segment = [
        float(values[sample_labels == segment].mean()) if np.any(sample_labels == segment) else 0.0
        for segment in range(k)
    ]
    return float(np.average(values, weights=weights)), per_segment


def calinski_harabasz(standardized: np.ndarray, labels: np.ndarray, centers: np.ndarray) -> float:
    """Calinski-Harabasz index of ``labels``, with ``centers`` the segments' means."""
    n, k = len(standardized), len(centers)
    if k < 2 or n <= k:
        return 0.0
    sizes = np.bincount(labels, minlength=k)
    overall = standardized.mean(axis=0)
    offsets = standardized - centers[labels]
    within = float(np.einsum("nd,nd->", offsets, offsets))
    between = float((sizes * ((centers - overall) ** 2).sum(axis=1)).sum())
    if within == 0.0:
        return 1.0
    return between * (n - k) / (within * (k - 1))


def davies_bouldin(standardized: np.ndarray, labels: np.ndarray, centers: np.ndarray) -> float:
    """Davies-Bouldin index of ``labels`` (lower is better)."""
    k = len(centers)
    if k < 2:
        return 0.0
    distances = np.sqrt(np.einsum("nd,nd->n", standardized - centers[labels], standardized - centers[labels]))
    sizes = np.bincount(labels, minlength=k)
    spread = np.bincount(labels, weights=distances, minlength=k) / np.maximum(sizes, 1)
    gaps = np.sqrt(((centers[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2))
    if np.allclose(spread, 0.0) or np.allclose(gaps, 0.0):
        return 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = (spread[:, None] + spread[None, :]) / gaps
    ratios[~np.isfinite(ratios)] = 0.0
    np.fill_diagonal(ratios, 0.0)
    return float(ratios.max(axis=1).mean())


def contingency(reference: np.ndarray, other: np.ndarray, k: int, k_other: int) -> np.ndarray:
    table = np.zeros((k, k_other))
    np.add.at(table, (reference, other), 1.0)
    return table


def jaccard_per_segment(table: np.ndarray) -> np.ndarray:
    """For each reference segment (row), the best Jaccard similarity with any other segment."""
    union = table.sum(axis=1)[:, None] + table.sum(axis=0)[None, :] - table
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(union > 0, table / union, 0.0)
    return jaccard.max(axis=1)


def adjusted_rand_index(table: np.ndarray) -> float:
    """Adjusted Rand index (Hubert and Arabie) from a contingency table."""

    def pairs(counts: np.ndarray) -> float:
        return float((counts * (counts - 1) / 2).sum())

    n = table.sum()
    index, rows, columns = pairs(table), pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    expected = rows * columns / (n * (n - 1) / 2) if n > 1 else 0.0
    maximum = (rows + columns) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def kmeans_plus_plus(points: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Greedy k-means++ seeding (Arthur and Vassilvitskii; greedy as in scikit-learn): each next
    centre is the best of ``2 + ln k`` candidates drawn with probability proportional to the
    squared distance to the nearest centre chosen so far."""
    trials = 2 + int(np.log(k))
    norms = np.einsum("nd,nd->n", points, points)
    centers = np.empty((k, points.shape[1]))
    centers[0] = points[rng.integers(len(points))]
    nearest = ((points - centers[0]) ** 2).sum(axis=1)
    for index in range(1, k):
        total = nearest.sum()
        if total <= 0:
            centers[index] = points[rng.integers(len(points))]
            continue
        candidates = rng.choice(len(points), size=trials, p=nearest / total)
        squared = norms[None, :] - 2.0 * points[candidates] @ points.T + norms[candidates][:, None]
        updated = np.minimum(nearest[None, :], np.maximum(squared, 0.0))
        best = int(np.argmin(updated.sum(axis=1)))
        centers[index] = points[candidates[best]]
        nearest = updated[best]
    return centers


def _nearest_labels(points: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Nearest centre of each point (a point's own squared norm cannot change the argmin)."""
    squared = points @ (-2.0 * centers.T)
    squared += np.einsum("kd,kd->k", centers, centers)
    return np.argmin(squared, axis=1)


def lloyd(points: np.ndarray, k: int, rng: np.random.Generator, n_init: int) -> np.ndarray:
    """Centres of the best (lowest inertia) of ``n_init`` k-means++-seeded Lloyd runs."""
    best, best_inertia = None, np.inf
    for _ in range(n_init):
        centers = kmeans_plus_plus(points, k, rng)
        labels = np.full(len(points), -1)
        for _ in range(LLOYD_MAX_ITER):
            new_labels = _nearest_labels(points, centers)
            if np.array_equal(new_labels, labels):
                break
            labels = new_labels
            sizes = np.bincount(labels, minlength=k)
            sums = np.stack([np.bincount(labels, weights=col, minlength=k) for col in points.T], axis=1)
            centers = np.where(sizes[:, None] > 0, sums / np.maximum(sizes, 1)[:, None], centers)
        offsets = points - centers[labels]
        inertia = float(np.einsum("nd,nd->", offsets, offsets))
        if inertia < best_inertia:
            best, best_inertia = centers, inertia
    assert best is not None
    return best


def bootstrap_stability(points: np.ndarray, centers: np.ndarray, seed: int) -> tuple[float, list[float]]:
    """Mean adjusted Rand index and per-segment Jaccard stability over bootstrap re-clusterings."""
    k = len(centers)
    reference = nearest_centers(points, centers)[0]
    rng = np.random.default_rng([seed, k, 2])
    agreement = []
    per_segment = np.zeros(k)
    for _ in range(STABILITY_RESAMPLES):
        rows = rng.integers(0, len(points), size=len(points))
        labels = nearest_centers(points, lloyd(points[rows], k, rng, STABILITY_N_INIT))[0]
        table = contingency(reference, labels, k, k)
        agreement.append(adjusted_rand_index(table))
        per_segment += jaccard_per_segment(table)
    return float(np.mean(agreement)), (per_segment / STABILITY_RESAMPLES).tolist()


def assess(
    standardized: np.ndarray,
    centers: np.ndarray,
    *,
    stability_points: np.ndarray,
    seed: int,
    labels: np.ndarray | None = None,
    squared_distances: np.ndarray | None = None,
) -> Assessment:
    """Every measure for the segments ``centers`` of the standardized rows.

    The trainer runs this with BLAS on one thread (pipeline.fit_model): the matrices are small,
    and a split of float32 sums across threads would change the last digits between runs.
    """
    k = len(centers)
    if labels is None or squared_distances is None:
        labels, squared_distances = nearest_centers(standardized, centers)
    # The segments' own means, so Calinski-Harabasz and Davies-Bouldin match their definitions
    # even when the centres were fitted on a subsample.
    sizes = np.bincount(labels, minlength=k)
    means = np.stack([np.bincount(labels, weights=col, minlength=k) for col in standardized.T], axis=1)
    means = np.where(sizes[:, None] > 0, means / np.maximum(sizes, 1)[:, None], centers)
    silhouette, silhouette_per_segment = stratified_silhouette(
        standardized, labels, k, np.random.default_rng([seed, k, 1])
    )
    stability, stability_per_segment = bootstrap_stability(stability_points, centers, seed)
    return Assessment(
        k=k,
        inertia=float(squared_distances.sum()),
        silhouette=silhouette,
        silhouette_per_segment=silhouette_per_segment,
        calinski_harabasz=calinski_harabasz(standardized, labels, means),
        davies_bouldin=davies_bouldin(standardized, labels, means),
        stability=stability,
        stability_per_segment=stability_per_segment,
    )


def choose_k(assessments: Sequence[Assessment], k_min: int, k_max: int) -> int:
    """The K the documented rule picks among candidates in [k_min, k_max]."""
    in_range = [a for a in assessments if k_min <= a.k <= k_max]
    stable = [a for a in in_range if is_stable(a)]
    if stable:
        return max(stable, key=lambda a: (round(a.silhouette, 12), -a.k)).k
    return max(in_range, key=lambda a: (round(a.min_segment_stability, 12), round(a.silhouette, 12), -a.k)).k


def is_stable(assessment: Assessment) -> bool:
    return assessment.min_segment_stability >= STABLE_SEGMENT
