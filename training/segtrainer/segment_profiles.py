"""What the model document says about its segments beyond centroids: every quality measure per
K, typicality data, colours, standout features, movement since the previous version, and the
map plane that separates the segments best.

The map plane is Fisher's discriminant plane (LDA) of the segments in standardized space: the
two directions that maximise between-segment spread relative to within-segment spread, so
no segment is drawn on top of another when some plane can show them apart (a PCA plane shows
where the data varies most, which can stack segments). With two segments there is one such
direction; the second axis is then the direction of largest remaining variance.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from segcore.document import ModelDocument, schema_of
from segcore.matching import MAX_CARRY_SHIFT
from segcore.profile import assign_colors, axis_label, defined_by, movement, standout, z_profile
from segcore.quality import fit_summary
from segcore.scoring import Scorer
from segtrainer.calibration import SAMPLE_SIZE as CALIBRATION_SAMPLE
from segtrainer.calibration import tied_diagonal_variances
from segtrainer.cluster_quality import RULE, Assessment, is_stable, sample_rows

RIDGE = 1e-6


def separating_plane(standardized: np.ndarray, labels: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Two unit-length axes (2 x d) of the discriminant plane and the share of between-segment
    separation each carries."""
    d = standardized.shape[1]
    sizes = np.bincount(labels, minlength=k).astype(np.float64)
    means = np.stack([np.bincount(labels, weights=col, minlength=k) for col in standardized.T], axis=1)
    means /= np.maximum(sizes, 1.0)[:, None]
    overall = standardized.mean(axis=0)
    offsets = standardized - means[labels]
    within = offsets.T @ offsets + RIDGE * len(standardized) * np.eye(d)
    spread = (means - overall) * np.sqrt(sizes)[:, None]
    between = spread.T @ spread
    lower = np.linalg.cholesky(within)
    inverse = np.linalg.inv(lower)
    eigenvalues, vectors = np.linalg.eigh(inverse @ between @ inverse.T)
    order = np.argsort(eigenvalues)[::-1]
    eigenvalues = np.maximum(eigenvalues[order], 0.0)
    axes = (inverse.T @ vectors[:, order]).T  # rows: directions in standardized space
    axes /= np.linalg.norm(axes, axis=1, keepdims=True)
    first = axes[0]
    if d > 1 and eigenvalues[1] > 1e-9 * max(eigenvalues[0], 1e-300):
        second = axes[1]
    else:
        # One discriminant direction: show the largest variance left once it is removed.
        centred = standardized - overall
        residual = centred - np.outer(centred @ first, first)
        # The top right singular vector of the residual rows: the top eigenvector of their
        # d x d scatter (cheaper than an SVD of every row).
        second = np.linalg.eigh(residual.T @ residual)[1][:, -1] if d > 1 else first
    plane = np.stack([first, second])
    signs = np.sign(plane[np.arange(2), np.abs(plane).argmax(axis=1)])
    plane *= np.where(signs == 0, 1.0, signs)[:, None]
    total = eigenvalues.sum()
    shares = eigenvalues[:2] / total if total > 0 else np.zeros(2)
    return plane, np.pad(shares, (0, 2 - len(shares)))


def column_names(doc: ModelDocument) -> list[str]:
    """The name of each design column of the model (``name=category`` for a category)."""
    return schema_of(doc).design_columns()


def column_words(doc: ModelDocument) -> list[str]:
    """Each design column in words: the feature's label, with the category for a category."""
    words = []
    for feature, block in schema_of(doc).blocks():
        if feature.categorical:
            words += [f"{feature.label} {category}" for category in feature.categories]
        else:
            words += [feature.label] * (block.stop - block.start)
    return words


def elbow_measures(assessments: list[Assessment], chosen_k: int) -> dict[str, Any]:
    return {
        "calinski_harabasz_scores": [a.calinski_harabasz for a in assessments],
        "davies_bouldin_scores": [a.davies_bouldin for a in assessments],
        "stability_scores": [a.stability for a in assessments],
        "min_segment_stability": [a.min_segment_stability for a in assessments],
        "chosen_k": chosen_k,
        "rule": RULE,
    }


def _inherited_colors(doc: ModelDocument, previous: ModelDocument | None) -> list[str | None]:
    inherited: list[str | None] = [None] * len(doc["clusters"])
    if previous is None or not doc["moved"]:
        return inherited
    for moved in doc["moved"]:
        old, shift = moved["previous_cluster_id"], moved["centroid_shift"]
        if old is not None and shift is not None and shift <= MAX_CARRY_SHIFT:
            inherited[moved["cluster_id"]] = previous["clusters"][old].get("color")
    return inherited


def add_profiles(
    doc: ModelDocument,
    *,
    standardized: np.ndarray,
    values: np.ndarray,
    labels: np.ndarray,
    centers: np.ndarray,
    selection: list[Assessment],
    final: Assessment,
    previous: ModelDocument | None,
    seed: int,
) -> None:
    """Add the quality, typicality, profile, movement and map sections to ``doc`` in place."""
    columns, words = column_names(doc), column_words(doc)
    k = len(centers)
    doc["elbow"].update(elbow_measures(selection, k))  # type: ignore[typeddict-item]
    doc["metrics"].update(
        silhouette_per_segment=final.silhouette_per_segment,
        stability=final.stability,
        stability_per_segment=final.stability_per_segment,
        min_segment_stability=final.min_segment_stability,
    )
    doc["k_selection"]["rule"] = RULE
    doc["k_selection"]["stable"] = is_stable(final)
    doc["fit_summary"] = fit_summary(standardized, labels, centers)
    rows = sample_rows(len(standardized), CALIBRATION_SAMPLE, np.random.default_rng([seed, 3]))
    variances = tied_diagonal_variances(standardized[rows], centers, np.asarray(doc["priors"]))
    doc["variances"] = variances.tolist()
    doc["variance"] = float(variances.mean())
    colors = assign_colors(_inherited_colors(doc, previous))
    for index, cluster in enumerate(doc["clusters"]):
        items = standout(centers[index], columns, words)
        cluster["color"] = colors[index]
        cluster["z_profile"] = z_profile(centers[index], columns)
        cluster["standout"] = [dict(item) for item in items]
        cluster["defined_by"] = defined_by(items)
        cluster["silhouette"] = round(final.silhouette_per_segment[index], 4)
        cluster["stability"] = round(final.stability_per_segment[index], 4)
    doc["movement"] = None
    # The previous model scores the new design matrix only when both encode customers alike.
    if (
        previous is not None
        and column_names(previous) == columns
        and schema_of(previous).compatible_with(schema_of(doc))
    ):
        doc["movement"] = movement(
            Scorer(previous).nearest_centroid(values),
            labels,
            [cluster["name"] for cluster in previous["clusters"]],
            [cluster["name"] for cluster in doc["clusters"]],
            previous["version"],
        )
    doc["projection"]["method"] = "lda"
    doc["projection"]["axis_labels"] = [
        axis_label(axis, columns, words) for axis in doc["projection"]["components"]
    ]
