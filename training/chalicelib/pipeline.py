"""Training: standardize, choose K, fit K-Means, and describe the model as a portable document.

K selection shares its work across candidates: every K is fitted on the same subsample of at
most ``SELECTION_SAMPLE_SIZE`` rows, and scored by the silhouette on the same fixed sample of
``SILHOUETTE_SAMPLE_SIZE`` rows, whose pairwise distances are computed once. Inertia per K is
measured on all rows. The chosen K is then fitted on all rows with ``FINAL_N_INIT`` k-means++
restarts. Everything random is drawn from ``seed``, so a seed gives the same model.

No I/O here: jobs.py loads the data and stores what this returns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from chalicelib.errors import TrainingError
from segcore.document import (
    FORMAT_VERSION,
    Cluster,
    ModelDocument,
    MovedSegment,
    Projection,
    cluster_averages,
)
from segcore.drift import quantile_bins
from segcore.matching import CarriedLabel, carry_labels, match_segments
from segcore.naming import label_segments

SILHOUETTE_SAMPLE_SIZE = 2_000
SELECTION_SAMPLE_SIZE = 20_000
SELECTION_N_INIT = 3
FINAL_N_INIT = 4
PCA_SAMPLE_SIZE = 20_000
PROJECTION_POINTS = 1_000
MIN_TRAINING_ROWS = 10
MAX_K = 15
# scikit-learn's OpenMP K-Means measured 10-20x slower with 2 threads than with 1 on the 2-core
# machines this runs on (threads spin against each other and BLAS); one thread is fastest.
TRAINING_THREADS = 1
DISPLAY_DECIMALS = 4

# Called with a stage name and the fraction of that stage done (0-1).
ProgressCallback = Callable[[str, float], None]


def _ignore_progress(stage: str, fraction: float) -> None:
    del stage, fraction


@dataclass(frozen=True)
class TrainingOptions:
    k: int | None = None
    k_min: int = 2
    k_max: int = 10
    seed: int = 42

    def candidates(self) -> list[int]:
        """The K values to score: k_min..k_max, widened to include a fixed k."""
        low, high = self.k_min, self.k_max
        if self.k is not None:
            low, high = min(low, self.k), max(high, self.k)
        return list(range(low, high + 1))


@dataclass(frozen=True)
class KSelection:
    k_range: list[int]
    inertias: list[float]
    silhouette_scores: list[float]
    optimal_k: int  # best silhouette
    chosen_k: int  # optimal_k, or the fixed k asked for
    method: str  # "silhouette" or "fixed"


@dataclass(frozen=True)
class FittedModel:
    features: tuple[str, ...]
    options: TrainingOptions
    scaler: StandardScaler
    kmeans: KMeans
    selection: KSelection
    labels: np.ndarray
    silhouette_score: float
    davies_bouldin: float
    calinski_harabasz: float
    silhouette_sample_size: int
    selection_sample_size: int

    @property
    def n_clusters(self) -> int:
        return int(self.kmeans.n_clusters)


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
    """Silhouette coefficient of labelings of one fixed sample, pairwise distances computed once.

    Same definition as scikit-learn's ``silhouette_score``: a point alone in its cluster
    scores 0; the mean is taken over all sampled points.
    """

    def __init__(self, points: np.ndarray) -> None:
        squared_norms = np.einsum("nd,nd->n", points, points)
        gram = points @ points.T
        squared = squared_norms[:, None] + squared_norms[None, :] - 2.0 * gram
        np.maximum(squared, 0.0, out=squared)
        np.fill_diagonal(squared, 0.0)
        self._distances = np.sqrt(squared)

    def score(self, labels: np.ndarray, n_clusters: int) -> float:
        membership = np.zeros((labels.size, n_clusters))
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
            return 0.0  # fewer than two clusters in the sample
        with np.errstate(divide="ignore", invalid="ignore"):
            scores = (between - within) / np.maximum(within, between)
        scores[own_count <= 1] = 0.0
        return float(np.nan_to_num(scores).mean())


def select_k(
    standardized: np.ndarray,
    options: TrainingOptions,
    *,
    silhouette_rows: np.ndarray,
    silhouette: SampleSilhouette,
    selection_rows: np.ndarray,
    on_progress: ProgressCallback = _ignore_progress,
) -> KSelection:
    """Inertia (all rows) and sampled silhouette for each candidate K."""
    silhouette_points = standardized[silhouette_rows]
    fit_points = standardized[selection_rows]
    subsampled = len(selection_rows) < len(standardized)
    candidates = options.candidates()
    inertias: list[float] = []
    scores: list[float] = []
    for done, k in enumerate(candidates):
        model = KMeans(
            n_clusters=k, init="k-means++", n_init=SELECTION_N_INIT, random_state=options.seed
        ).fit(fit_points)
        if subsampled:
            inertias.append(float(nearest_centers(standardized, model.cluster_centers_)[1].sum()))
        else:
            inertias.append(float(model.inertia_))
        sample_labels = nearest_centers(silhouette_points, model.cluster_centers_)[0]
        scores.append(silhouette.score(sample_labels, k))
        on_progress("selecting_k", (done + 1) / len(candidates))
    in_range = [i for i, k in enumerate(candidates) if options.k_min <= k <= options.k_max]
    best = max(in_range, key=lambda i: (scores[i], -candidates[i]))
    optimal_k = candidates[best]
    return KSelection(
        k_range=candidates,
        inertias=inertias,
        silhouette_scores=scores,
        optimal_k=optimal_k,
        chosen_k=options.k if options.k is not None else optimal_k,
        method="fixed" if options.k is not None else "silhouette",
    )


def check_trainable(rows: int, options: TrainingOptions) -> None:
    needed = max(MIN_TRAINING_ROWS, max(options.candidates()) + 1)
    if rows < needed:
        raise TrainingError(
            f"The dataset has {rows} valid rows; training with K up to "
            f"{max(options.candidates())} needs at least {needed}."
        )


def fit_model(
    values: np.ndarray,
    features: Sequence[str],
    options: TrainingOptions,
    *,
    on_progress: ProgressCallback = _ignore_progress,
) -> FittedModel:
    """Scale, choose K and fit the final K-Means on ``values`` (rows x features)."""
    check_trainable(len(values), options)
    with threadpool_limits(limits=TRAINING_THREADS):
        return _fit_model(values, features, options, on_progress)


def _fit_model(
    values: np.ndarray,
    features: Sequence[str],
    options: TrainingOptions,
    on_progress: ProgressCallback,
) -> FittedModel:
    on_progress("scaling", 0.0)
    scaler = StandardScaler().fit(values)
    standardized = scaler.transform(values)
    rng = np.random.default_rng(options.seed)
    silhouette_rows = sample_rows(len(values), SILHOUETTE_SAMPLE_SIZE, rng)
    selection_rows = sample_rows(len(values), SELECTION_SAMPLE_SIZE, rng)
    silhouette = SampleSilhouette(standardized[silhouette_rows])
    on_progress("selecting_k", 0.0)
    selection = select_k(
        standardized,
        options,
        silhouette_rows=silhouette_rows,
        silhouette=silhouette,
        selection_rows=selection_rows,
        on_progress=on_progress,
    )
    on_progress("fitting", 0.0)
    kmeans = KMeans(
        n_clusters=selection.chosen_k,
        init="k-means++",
        n_init=FINAL_N_INIT,
        random_state=options.seed,
    ).fit(standardized)
    labels = kmeans.labels_
    silhouette_score = silhouette.score(labels[silhouette_rows], selection.chosen_k)
    distinct = len(np.unique(labels))
    return FittedModel(
        features=tuple(features),
        options=options,
        scaler=scaler,
        kmeans=kmeans,
        selection=selection,
        labels=labels,
        silhouette_score=silhouette_score,
        davies_bouldin=float(davies_bouldin_score(standardized, labels)) if distinct > 1 else 0.0,
        calinski_harabasz=(float(calinski_harabasz_score(standardized, labels)) if distinct > 1 else 0.0),
        silhouette_sample_size=len(silhouette_rows),
        selection_sample_size=len(selection_rows),
    )


def _rounded(value: float) -> float:
    return round(float(value), DISPLAY_DECIMALS)


def _by_feature(features: Sequence[str], values: np.ndarray) -> dict[str, float]:
    return {name: _rounded(value) for name, value in zip(features, values, strict=True)}


def _projection(fitted: FittedModel, standardized: np.ndarray, rng: np.random.Generator) -> Projection:
    """PCA plane of the standardized data (numpy SVD on a sample) with points and centroids."""
    basis_rows = standardized[sample_rows(len(standardized), PCA_SAMPLE_SIZE, rng)]
    center = basis_rows.mean(axis=0)
    _, singular_values, right_vectors = np.linalg.svd(basis_rows - center, full_matrices=False)
    components = right_vectors[:2]
    # Deterministic orientation: each axis's largest loading is positive.
    signs = np.sign(components[np.arange(2), np.abs(components).argmax(axis=1)])
    components = components * signs[:, None]
    variance = singular_values**2
    ratio = variance[:2] / variance.sum() if variance.sum() > 0 else np.zeros(2)
    shown = sample_rows(len(standardized), PROJECTION_POINTS, rng)
    points = (standardized[shown] - center) @ components.T
    centroids = (fitted.kmeans.cluster_centers_ - center) @ components.T
    return {
        "mean": center.tolist(),
        "components": components.tolist(),
        "explained_variance_ratio": [_rounded(value) for value in ratio],
        "sample": [
            {"x": _rounded(x), "y": _rounded(y), "cluster": int(label)}
            for (x, y), label in zip(points, fitted.labels[shown], strict=True)
        ],
        "centroids": [
            {"cluster": index, "x": _rounded(x), "y": _rounded(y)} for index, (x, y) in enumerate(centroids)
        ],
    }


def _cluster_statistics(
    values: np.ndarray, labels: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sizes, per-feature means and standard deviations (original units) of each cluster."""
    sizes = np.bincount(labels, minlength=k)
    safe_sizes = np.maximum(sizes, 1)[:, None]
    means = (
        np.stack(
            [np.bincount(labels, weights=values[:, j], minlength=k) for j in range(values.shape[1])],
            axis=1,
        )
        / safe_sizes
    )
    deviations = (values - means[labels]) ** 2
    variances = (
        np.stack(
            [np.bincount(labels, weights=deviations[:, j], minlength=k) for j in range(values.shape[1])],
            axis=1,
        )
        / safe_sizes
    )
    return sizes, means, np.sqrt(variances)


def _labels(
    fitted: FittedModel, centroids: np.ndarray, previous: ModelDocument | None
) -> tuple[list[CarriedLabel], list[MovedSegment] | None]:
    features = fitted.features
    profiles = [dict(zip(features, row, strict=True)) for row in fitted.kmeans.cluster_centers_]
    originals = [dict(zip(features, row, strict=True)) for row in centroids]
    generated = label_segments(profiles, originals)
    if previous is None:
        return [CarriedLabel(label.name, label.description, False) for label in generated], None
    matches = match_segments(
        originals,
        [cluster["centroid"] for cluster in previous["clusters"]],
        dict(zip(features, fitted.scaler.scale_, strict=True)),
    )
    return carry_labels(generated, profiles, matches, previous["clusters"])


def build_document(
    fitted: FittedModel,
    values: np.ndarray,
    *,
    version: str,
    created_at: str,
    dataset_id: str,
    previous: ModelDocument | None = None,
    extra_metrics: dict[str, Any] | None = None,
) -> ModelDocument:
    """The portable model document; names carried over from ``previous`` where segments match."""
    k = fitted.n_clusters
    features = fitted.features
    standardized = fitted.scaler.transform(values)
    centers = fitted.kmeans.cluster_centers_
    centroids = fitted.scaler.inverse_transform(centers)
    sizes, means, deviations = _cluster_statistics(values, fitted.labels, k)
    rows = len(values)
    labels, moved = _labels(fitted, centroids, previous)
    clusters: list[Cluster] = [
        {
            "cluster_id": index,
            "name": labels[index].name,
            "description": labels[index].description,
            "renamed": labels[index].renamed,
            "size": int(sizes[index]),
            "share": _rounded(sizes[index] / rows),
            "centroid": _by_feature(features, centroids[index]),
            **cluster_averages(features, [_rounded(v) for v in means[index]]),
            "std": _by_feature(features, deviations[index]),
        }
        for index in range(k)
    ]
    priors = np.maximum(sizes, 1) / np.maximum(sizes, 1).sum()
    inertia = float(fitted.kmeans.inertia_)
    selection = fitted.selection
    rng = np.random.default_rng([fitted.options.seed, 1])
    return {
        "version": version,
        "format_version": FORMAT_VERSION,
        "created_at": created_at,
        "dataset_id": dataset_id,
        "rows": rows,
        "features": list(features),
        "scaler": {"mean": fitted.scaler.mean_.tolist(), "scale": fitted.scaler.scale_.tolist()},
        "centroids": centers.tolist(),
        "clusters": clusters,
        "variance": max(inertia / (rows * len(features)), 1e-12),
        "priors": priors.tolist(),
        "elbow": {
            "k_range": selection.k_range,
            "inertias": selection.inertias,
            "silhouette_scores": selection.silhouette_scores,
            "optimal_k": selection.optimal_k,
        },
        "metrics": {
            "silhouette_score": fitted.silhouette_score,
            "inertia": inertia,
            "davies_bouldin": fitted.davies_bouldin,
            "calinski_harabasz": fitted.calinski_harabasz,
            "n_iter": int(fitted.kmeans.n_iter_),
            "n_init": FINAL_N_INIT,
            "silhouette_sample_size": fitted.silhouette_sample_size,
            **(extra_metrics or {}),
        },
        "projection": _projection(fitted, standardized, rng),
        "drift_bins": {name: quantile_bins(values[:, j]) for j, name in enumerate(features)},
        "moved": moved,
        "previous_version": previous["version"] if previous else None,
        "seed": fitted.options.seed,
        "k_selection": {
            "method": selection.method,
            "k_min": fitted.options.k_min,
            "k_max": fitted.options.k_max,
            "chosen_k": selection.chosen_k,
            "silhouette_sample_size": fitted.silhouette_sample_size,
            "selection_sample_size": fitted.selection_sample_size,
            "selection_n_init": SELECTION_N_INIT,
            "final_n_init": FINAL_N_INIT,
        },
    }
