"""Training: standardize, choose K, fit K-Means, and describe the model as a portable document.

K selection: every K is fitted on the same subsample of at most ``SELECTION_SAMPLE_SIZE`` rows
and measured by cluster_quality (inertia, Calinski-Harabasz and Davies-Bouldin on all rows, a
silhouette stratified by segment, bootstrap stability); its documented rule picks K unless the
analyst fixed one. The chosen K is then fitted on all rows with ``FINAL_N_INIT`` k-means++
restarts. Everything random is drawn from ``seed``, so a seed gives the same model.

Large files: above ``FIT_SAMPLE_SIZE`` rows, the scaler is computed on every row, but K
selection and the final K-Means are fitted on a uniform sample of ``FIT_SAMPLE_SIZE`` rows
drawn from ``seed``; every row is then assigned to its nearest centre once (a block at a time),
which gives the segments' sizes, averages, category shares, the inertia and the drift bins.
The map, typicality and calibration data come from the fit sample. The design matrix is never
held whole (``segtrainer.design``). The document's ``k_selection`` says how many rows the
model was fitted on (``fit_sample_size``).

No I/O here: jobs.py loads the data and stores what this returns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

from segcore.document import (
    FORMAT_VERSION,
    Cluster,
    ModelDocument,
    MovedSegment,
    Projection,
    cluster_averages,
    schema_of,
)
from segcore.drift import FeatureBins, category_bins, quantile_bins
from segcore.matching import CarriedLabel, carry_labels, match_segments
from segcore.naming import SegmentShape, label_schema_segments
from segcore.schema import Schema, fit_scaler
from segtrainer.cluster_quality import (
    SILHOUETTE_SAMPLE_SIZE,
    STABILITY_SAMPLE_SIZE,
    Assessment,
    assess,
    choose_k,
    sample_rows,
)
from segtrainer.design import Design, as_design, block_scaler
from segtrainer.errors import TrainingError
from segtrainer.segment_profiles import add_profiles, separating_plane

SELECTION_SAMPLE_SIZE = 20_000
FIT_SAMPLE_SIZE = 250_000
SELECTION_N_INIT = 3
FINAL_N_INIT = 4
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
    optimal_k: int  # what the rule in cluster_quality picks
    chosen_k: int  # optimal_k, or the fixed k asked for
    method: str  # "rule" or "fixed"
    assessments: list[Assessment]  # every measure, one per K of k_range


@dataclass(frozen=True)
class DesignScaler:
    """Per design column mean and scale (``segcore.schema.fit_scaler``): z = (x - mean) / scale."""

    mean: np.ndarray
    scale: np.ndarray

    @classmethod
    def fit(cls, schema: Schema, design: np.ndarray) -> DesignScaler:
        return cls(*fit_scaler(schema, design))

    def transform(self, design: np.ndarray) -> np.ndarray:
        standardized: np.ndarray = (np.asarray(design, dtype=np.float64) - self.mean) / self.scale
        return standardized

    def inverse_transform(self, standardized: np.ndarray) -> np.ndarray:
        design: np.ndarray = np.asarray(standardized, dtype=np.float64) * self.scale + self.mean
        return design


@dataclass(frozen=True)
class FittedModel:
    schema: Schema
    options: TrainingOptions
    scaler: DesignScaler
    kmeans: KMeans
    selection: KSelection
    labels: np.ndarray
    silhouette_score: float
    davies_bouldin: float
    calinski_harabasz: float
    silhouette_sample_size: int
    assessment: Assessment  # the final model's measures (on the fit sample)
    selection_sample_size: int
    fit_rows: np.ndarray  # the rows the model was fitted on (all rows up to FIT_SAMPLE_SIZE)
    inertia: float  # over every row
    labels_all: np.ndarray  # every row's segment (``labels`` is the fit sample's)

    @property
    def n_clusters(self) -> int:
        return int(self.kmeans.n_clusters)

    @property
    def features(self) -> tuple[str, ...]:
        return self.schema.names


def select_k(
    standardized: np.ndarray,
    options: TrainingOptions,
    *,
    stability_points: np.ndarray,
    selection_rows: np.ndarray,
    on_progress: ProgressCallback = _ignore_progress,
) -> KSelection:
    """Every quality measure (cluster_quality) for each candidate K, and the rule's choice."""
    fit_points = standardized[selection_rows]
    subsampled = len(selection_rows) < len(standardized)
    candidates = options.candidates()
    assessments: list[Assessment] = []
    for done, k in enumerate(candidates):
        model = KMeans(
            n_clusters=k, init="k-means++", n_init=SELECTION_N_INIT, random_state=options.seed
        ).fit(fit_points)
        labels, squared = (None, None) if subsampled else (model.labels_, _squared_to_own(fit_points, model))
        assessments.append(
            assess(
                standardized,
                model.cluster_centers_,
                stability_points=stability_points,
                seed=options.seed,
                labels=labels,
                squared_distances=squared,
            )
        )
        on_progress("selecting_k", (done + 1) / len(candidates))
    optimal_k = choose_k(assessments, options.k_min, options.k_max)
    return KSelection(
        k_range=candidates,
        inertias=[a.inertia for a in assessments],
        silhouette_scores=[a.silhouette for a in assessments],
        optimal_k=optimal_k,
        chosen_k=options.k if options.k is not None else optimal_k,
        method="fixed" if options.k is not None else "rule",
        assessments=assessments,
    )


def _squared_to_own(points: np.ndarray, model: KMeans) -> np.ndarray:
    offsets = points - model.cluster_centers_[model.labels_]
    squared: np.ndarray = np.einsum("nd,nd->n", offsets, offsets)
    return squared


def check_trainable(rows: int, options: TrainingOptions) -> None:
    needed = max(MIN_TRAINING_ROWS, max(options.candidates()) + 1)
    if rows < needed:
        raise TrainingError(
            f"The dataset has {rows} valid rows; training with K up to "
            f"{max(options.candidates())} needs at least {needed}."
        )


def fit_model(
    values: np.ndarray | Design,
    schema: Schema,
    options: TrainingOptions,
    *,
    on_progress: ProgressCallback = _ignore_progress,
) -> FittedModel:
    """Scale, choose K and fit the final K-Means on the design matrix ``values``."""
    check_trainable(as_design(values).rows, options)
    # BLAS on one thread whatever TRAINING_THREADS: scikit-learn's K-Means does so itself inside
    # its threads, and the quality measures then sum in the same order on every run.
    with threadpool_limits(limits=TRAINING_THREADS), threadpool_limits(limits=1, user_api="blas"):
        return _fit_model(values, schema, options, on_progress)


def _fit_rows(rows: int, seed: int) -> np.ndarray:
    """The rows K-Means is fitted on: all of them, or a uniform sample drawn from ``seed``."""
    return sample_rows(rows, FIT_SAMPLE_SIZE, np.random.default_rng([seed, 4]))


def _fit_model(
    values: np.ndarray | Design,
    schema: Schema,
    options: TrainingOptions,
    on_progress: ProgressCallback,
) -> FittedModel:
    on_progress("scaling", 0.0)
    design = as_design(values)
    fit_rows = _fit_rows(design.rows, options.seed)
    sampled = len(fit_rows) < design.rows
    fit_values = design.take(fit_rows)
    scaler = DesignScaler(*block_scaler(schema, design)) if sampled else DesignScaler.fit(schema, fit_values)
    standardized = scaler.transform(fit_values)
    del fit_values
    rng = np.random.default_rng(options.seed)
    stability_points = standardized[sample_rows(len(standardized), STABILITY_SAMPLE_SIZE, rng)]
    selection_rows = sample_rows(len(standardized), SELECTION_SAMPLE_SIZE, rng)
    on_progress("selecting_k", 0.0)
    selection = select_k(
        standardized,
        options,
        stability_points=stability_points,
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
    labels_all, inertia = labels, float(kmeans.inertia_)
    if sampled:
        on_progress("fitting", 0.5)
        labels_all, inertia = design.assign(scaler.mean, scaler.scale, kmeans.cluster_centers_)
    final = assess(
        standardized,
        kmeans.cluster_centers_,
        stability_points=stability_points,
        seed=options.seed,
        labels=labels,
        squared_distances=_squared_to_own(standardized, kmeans),
    )
    return FittedModel(
        schema=schema,
        options=options,
        scaler=scaler,
        kmeans=kmeans,
        selection=selection,
        labels=labels,
        silhouette_score=final.silhouette,
        davies_bouldin=final.davies_bouldin,
        calinski_harabasz=final.calinski_harabasz,
        silhouette_sample_size=min(SILHOUETTE_SAMPLE_SIZE, len(standardized)),
        selection_sample_size=len(selection_rows),
        assessment=final,
        fit_rows=fit_rows,
        inertia=inertia,
        labels_all=labels_all,
    )


def _rounded(value: float) -> float:
    return round(float(value), DISPLAY_DECIMALS)


def _by_feature(features: Sequence[str], values: np.ndarray) -> dict[str, float]:
    return {name: _rounded(value) for name, value in zip(features, values, strict=True)}


def _projection(fitted: FittedModel, standardized: np.ndarray, rng: np.random.Generator) -> Projection:
    """The plane that separates the segments best (segment_profiles) with points and centroids."""
    center = standardized.mean(axis=0)
    components, ratio = separating_plane(standardized, fitted.labels, fitted.n_clusters)
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
    columns: Sequence[np.ndarray], labels: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sizes, per-feature means and standard deviations (original units) of each cluster."""
    sizes = np.bincount(labels, minlength=k)
    safe_sizes = np.maximum(sizes, 1)
    means = np.zeros((k, len(columns)))
    variances = np.zeros((k, len(columns)))
    for j, column in enumerate(columns):
        values = np.asarray(column, dtype=np.float64)
        means[:, j] = np.bincount(labels, weights=values, minlength=k) / safe_sizes
        deviations = (values - means[labels, j]) ** 2
        variances[:, j] = np.bincount(labels, weights=deviations, minlength=k) / safe_sizes
    return sizes, means, np.sqrt(variances)


def design_centroids(doc: ModelDocument) -> list[dict[str, float]]:
    """A model's centroids in design units (before scaling), keyed by design column."""
    schema = schema_of(doc)
    mean = np.asarray(doc["scaler"]["mean"])
    scale = np.asarray(doc["scaler"]["scale"])
    columns = schema.design_columns()
    return [
        dict(zip(columns, (np.asarray(row) * scale + mean).tolist(), strict=True)) for row in doc["centroids"]
    ]


def _shapes(
    fitted: FittedModel, centroids: np.ndarray, shares: list[dict[str, dict[str, float]]]
) -> list[SegmentShape]:
    """What naming needs of each segment: numeric z-scores and centroids, category shares."""
    schema = fitted.schema
    numeric = [(feature, block.start) for feature, block in schema.blocks() if not feature.categorical]
    return [
        SegmentShape(
            z={feature.name: float(center[column]) for feature, column in numeric},
            centroid={
                feature.name: schema.decode_numeric(feature.name, float(original[column]))
                for feature, column in numeric
            },
            shares=shares[index],
        )
        for index, (center, original) in enumerate(
            zip(fitted.kmeans.cluster_centers_, centroids, strict=True)
        )
    ]


def _labels(
    fitted: FittedModel,
    shapes: list[SegmentShape],
    population: dict[str, dict[str, float]],
    previous: ModelDocument | None,
) -> tuple[list[CarriedLabel], list[MovedSegment] | None]:
    generated = label_schema_segments(fitted.schema, shapes, population)
    profiles = [shape.z for shape in shapes]
    if previous is None:
        return [CarriedLabel(label.name, label.description, False) for label in generated], None
    if not fitted.schema.compatible_with(schema_of(previous)):
        # Other features: nothing to match or carry; every segment is new.
        return [CarriedLabel(label.name, label.description, False) for label in generated], None
    columns = fitted.schema.design_columns()
    originals = [
        dict(zip(columns, row.tolist(), strict=True))
        for row in fitted.scaler.inverse_transform(fitted.kmeans.cluster_centers_)
    ]
    matches = match_segments(
        originals,
        design_centroids(previous),
        dict(zip(columns, fitted.scaler.scale.tolist(), strict=True)),
    )
    carried: tuple[list[CarriedLabel], list[MovedSegment] | None] = carry_labels(
        generated, profiles, matches, previous["clusters"]
    )
    return carried


def _category_shares(
    schema: Schema, columns: Mapping[str, np.ndarray], labels: np.ndarray, k: int
) -> tuple[list[dict[str, dict[str, float]]], dict[str, dict[str, float]]]:
    """Per segment and overall, each categorical feature's category shares."""
    per_segment: list[dict[str, dict[str, float]]] = [{} for _ in range(k)]
    population: dict[str, dict[str, float]] = {}
    sizes = np.maximum(np.bincount(labels, minlength=k), 1)
    for feature in schema.model_features:
        if not feature.categorical:
            continue
        m = len(feature.categories)
        codes = category_codes(columns[feature.name], feature.categories)
        known = codes >= 0
        overall = np.bincount(codes[known], minlength=m)
        population[feature.name] = {
            c: _rounded(overall[i] / max(len(codes), 1)) for i, c in enumerate(feature.categories)
        }
        counts = np.bincount(labels[known] * m + codes[known], minlength=k * m).reshape(k, m)
        for index in range(k):
            per_segment[index][feature.name] = {
                c: _rounded(counts[index, i] / sizes[index]) for i, c in enumerate(feature.categories)
            }
    return per_segment, population


def category_codes(values: Sequence[object] | np.ndarray, categories: Sequence[str]) -> np.ndarray:
    """Integer codes into ``categories`` of a categorical column (texts, or codes already); -1
    for a text that is none of them."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        return values
    index = {category: code for code, category in enumerate(categories)}
    return np.array([index.get(str(value), -1) for value in values], dtype=np.int64)


def _averages(
    schema: Schema, means: dict[str, np.ndarray], shares: dict[str, dict[str, float]], index: int
) -> dict[str, float | str]:
    """Mean of each numeric feature; the most common category of each categorical one."""
    out: dict[str, float | str] = {}
    for feature in schema.model_features:
        if feature.categorical:
            found = shares[feature.name]
            out[feature.name] = max(feature.categories, key=lambda c: (found.get(c, 0.0), c))
        else:
            out[feature.name] = _rounded(means[feature.name][index])
    return out


def _drift_bins(schema: Schema, columns: Mapping[str, np.ndarray]) -> dict[str, FeatureBins]:
    return {
        feature.name: (
            category_bins(columns[feature.name], feature.categories)
            if feature.categorical
            else quantile_bins(np.asarray(columns[feature.name], dtype=np.float64))
        )
        for feature in schema.model_features
    }


def build_document(
    fitted: FittedModel,
    values: np.ndarray | Design,
    *,
    version: str,
    created_at: str,
    dataset_id: str,
    columns: Mapping[str, np.ndarray] | None = None,
    previous: ModelDocument | None = None,
    extra_metrics: dict[str, Any] | None = None,
) -> ModelDocument:
    """The portable model document; names carried over from ``previous`` where segments match.

    ``values`` is the design matrix the model was fitted on and ``columns`` the same rows'
    values per feature (own units; categories as text or as codes into the feature's
    categories); without ``columns`` every feature must be numeric without a transform, and the
    design columns are the values. Sizes, averages, shares and drift bins count every row; the
    map, typicality and calibration data use the rows the model was fitted on.
    """
    k = fitted.n_clusters
    schema = fitted.schema
    design = as_design(values)
    if columns is None:
        matrix = design.take(np.arange(design.rows))
        columns = {name: matrix[:, j] for j, name in enumerate(schema.names)}
    numeric = [f.name for f in schema.model_features if not f.categorical]
    fit_values = design.take(fitted.fit_rows)
    standardized = fitted.scaler.transform(fit_values)
    centers = fitted.kmeans.cluster_centers_
    centroids = fitted.scaler.inverse_transform(centers)
    sizes, means, deviations = _cluster_statistics([columns[name] for name in numeric], fitted.labels_all, k)
    mean_by_feature = {name: means[:, j] for j, name in enumerate(numeric)}
    shares, population = _category_shares(schema, columns, fitted.labels_all, k)
    shapes = _shapes(fitted, centroids, shares)
    rows = design.rows
    labels, moved = _labels(fitted, shapes, population, previous)
    clusters: list[Cluster] = []
    for index in range(k):
        averages = cluster_averages(numeric, [_rounded(v) for v in means[index]])
        cluster: Cluster = {
            "cluster_id": index,
            "name": labels[index].name,
            "description": labels[index].description,
            "renamed": labels[index].renamed,
            "size": int(sizes[index]),
            "share": _rounded(sizes[index] / rows),
            "centroid": {name: _rounded(value) for name, value in shapes[index].centroid.items()},
            "avg_age": averages["avg_age"],
            "avg_income": averages["avg_income"],
            "avg_spending_score": averages["avg_spending_score"],
            "avg_purchase_frequency": averages["avg_purchase_frequency"],
            "std": _by_feature(numeric, deviations[index]),
            "averages": _averages(schema, mean_by_feature, shares[index], index),
        }
        if shares[index]:
            cluster["category_shares"] = shares[index]
        clusters.append(cluster)
    priors = np.maximum(sizes, 1) / np.maximum(sizes, 1).sum()
    inertia = fitted.inertia
    selection = fitted.selection
    rng = np.random.default_rng([fitted.options.seed, 1])
    doc: ModelDocument = {
        "version": version,
        "format_version": FORMAT_VERSION,
        "created_at": created_at,
        "dataset_id": dataset_id,
        "rows": rows,
        "features": list(schema.names),
        "schema": schema.to_json(),
        "scaler": {"mean": fitted.scaler.mean.tolist(), "scale": fitted.scaler.scale.tolist()},
        "centroids": centers.tolist(),
        "clusters": clusters,
        "variance": max(inertia / (rows * design.width), 1e-12),
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
        "drift_bins": _drift_bins(schema, columns),
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
            "fit_sample_size": len(fitted.fit_rows),
        },
    }
    add_profiles(
        doc,
        standardized=standardized,
        values=fit_values,
        labels=fitted.labels,
        centers=centers,
        selection=selection.assessments,
        final=fitted.assessment,
        previous=previous,
        seed=fitted.options.seed,
    )
    return doc
