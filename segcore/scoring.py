"""Score customers against a model document (numpy; plain Python for one customer).

Probability model: the K-Means fit read as a mixture of Gaussians centred on the centroids,
with one shared diagonal variance ``sigma_j^2`` per standardized column and mixing weights
equal to the segments' training shares:

    p_k(z) = prior_k * exp(-sum_j (z_j - mu_kj)^2 / (2 sigma_j^2)) / sum_l (same for l)

computed with log-sum-exp. The trainer fits ``sigma_j^2`` by EM with the centroids and shares
held fixed (``variances`` in the document; documents without it have one spherical
``variance``, used for every column). The predicted segment is the most probable one and
``confidence`` is its probability (bench/bench_calibration.py measures that it is calibrated).
Near the segments this is the nearest centroid (the K-Means label); the size weighting moves a
boundary by about ``sigma^2 * ln(prior_a / prior_b) / ||mu_a - mu_b||`` standardized units, and
the per-column variances can change the answer for customers far from every centre (3 of
10,000 fresh bundled customers, all flagged atypical). ``Scorer.nearest_centroid`` gives the
K-Means label.

Customers are encoded by the model's schema (``segcore.schema``): numeric features as they are
(``log1p`` where the schema says ``log``), categorical features one-hot. Everything above works
on that design matrix; an explanation adds up the columns of each feature.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import mul
from typing import TypedDict

import numpy as np

from segcore.document import ModelDocument, schema_of
from segcore.quality import (
    ATYPICAL_TYPICALITY,
    Fit,
    FitSummary,
    fit_one,
    is_atypical,
    outside_range,
    typicality_of,
)
from segcore.schema import Feature, format_value


class ClusterProbability(TypedDict):
    cluster: int
    cluster_name: str
    probability: float


class FeatureContribution(TypedDict):
    feature: str
    label: str
    value: float | str  # a category for a categorical feature
    z_score: float | None  # None for a categorical feature
    # sum over the feature's columns of ((z - mu_runner_up)^2 - (z - mu_best)^2) / (2 sigma^2):
    # the feature's part of the log-odds of the segment against the runner-up; > 0 pulls toward it
    contribution: float


class Explanation(TypedDict):
    runner_up: ClusterProbability | None
    contributions: list[FeatureContribution]
    text: str


class Point(TypedDict):
    x: float
    y: float


class Prediction(TypedDict):
    cluster: int
    cluster_name: str
    confidence: float
    probabilities: list[ClusterProbability]  # most probable first
    explanation: Explanation
    point: Point
    fit: Fit | None  # None for documents without typicality data (older formats)


@dataclass(frozen=True)
class BatchScores:
    labels: np.ndarray  # (n,) int64, most probable segment
    confidence: np.ndarray  # (n,) float64, its probability


@dataclass(frozen=True)
class BatchFit:
    typicality: np.ndarray  # (n,) float64
    atypical: np.ndarray  # (n,) bool


def _softmax(logits: Sequence[float]) -> list[float]:
    top = max(logits)
    weights = [math.exp(value - top) for value in logits]
    total = sum(weights)
    return [weight / total for weight in weights]


# Rows scored at a time: a block's (K, rows) intermediates stay in the CPU cache.
BLOCK_ROWS = 16_384


def _blocks(rows: int) -> list[slice]:
    return [slice(start, min(start + BLOCK_ROWS, rows)) for start in range(0, rows, BLOCK_ROWS)]


def _top_per_column(scores: np.ndarray, *, lowest: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Row index and value of the largest (or smallest) entry of each column of (K, n) scores.

    A loop over the K rows of whole-column operations: numpy reduces a short last axis slowly.
    Ties go to the lower index, as ``argmax`` does.
    """
    best = scores[0].copy()
    labels = np.zeros(scores.shape[1], dtype=np.int64)
    better = np.empty(scores.shape[1], dtype=bool)
    compare = np.less if lowest else np.greater
    for index in range(1, scores.shape[0]):
        compare(scores[index], best, out=better)
        np.copyto(labels, index, where=better)
        np.copyto(best, scores[index], where=better)
    return labels, best


class Scorer:
    """A model document prepared for scoring: arrays for batches, tuples for one customer."""

    def __init__(self, doc: ModelDocument) -> None:
        self.schema = schema_of(doc)
        self.features: tuple[str, ...] = self.schema.names
        self._blocks = [(feature, block.start, block.stop) for feature, block in self.schema.blocks()]
        self._plain_numeric = self.schema.plain_numeric
        self.cluster_names: tuple[str, ...] = tuple(c["name"] for c in doc["clusters"])
        self.mean = np.asarray(doc["scaler"]["mean"], dtype=np.float64)
        self.scale = np.asarray(doc["scaler"]["scale"], dtype=np.float64)
        self.centroids = np.asarray(doc["centroids"], dtype=np.float64)
        self.variance = float(doc["variance"])
        self.variances = np.asarray(doc.get("variances") or [self.variance] * len(self.mean), np.float64)
        self.log_priors = np.log(np.asarray(doc["priors"], dtype=np.float64))
        self.projection_mean = np.asarray(doc["projection"]["mean"], dtype=np.float64)
        self.projection_components = np.asarray(doc["projection"]["components"], np.float64)
        self.fit_summary: FitSummary | None = doc.get("fit_summary")
        # With z = (x - mean) / scale, ||z - mu_k||^2 = ||z||^2 + (x . a_k + c_k) where
        # a_k = -2 mu_k / scale and c_k = ||mu_k||^2 + 2 mean . (mu_k / scale). ||z||^2 is the
        # same for every k, so both the nearest centroid and the posterior are linear in x.
        scaled_centroids = self.centroids / self.scale
        centroid_norms = np.einsum("kd,kd->k", self.centroids, self.centroids)
        self._distance_weights = -2.0 * scaled_centroids  # (K, d)
        self._distance_bias = centroid_norms + 2.0 * (scaled_centroids @ self.mean)
        # With a variance per column the distance terms are weighted by 1 / (2 sigma_j^2).
        half_precision = 1.0 / (2.0 * self.variances)  # (d,)
        self._logit_weights = -half_precision * self._distance_weights
        self._logit_bias = self.log_priors - (
            (self.centroids**2) @ half_precision + 2.0 * (scaled_centroids * half_precision) @ self.mean
        )
        # Plain-Python copies: one customer is faster without numpy's per-call overhead.
        self._linear_logits = tuple(
            (tuple(weights), bias)
            for weights, bias in zip(self._logit_weights.tolist(), self._logit_bias.tolist(), strict=True)
        )
        self._mean_tuple = tuple(self.mean.tolist())
        self._scale_tuple = tuple(self.scale.tolist())
        self._centroid_tuples = tuple(tuple(row) for row in self.centroids.tolist())
        self._log_prior_tuple = tuple(self.log_priors.tolist())
        self._half_precision = tuple(half_precision.tolist())
        self._projection_mean_tuple = tuple(self.projection_mean.tolist())
        self._projection_axes = tuple(tuple(axis) for axis in self.projection_components.tolist())

    @property
    def n_clusters(self) -> int:
        return len(self.cluster_names)

    # ---- batches (numpy) -------------------------------------------------------------------

    def matrix(self, rows: Sequence[Mapping[str, object]]) -> np.ndarray:
        """(n, d) design matrix of validated ``rows`` (numeric as given, categorical one-hot)."""
        return self.schema.encode_rows(rows)

    def standardize(self, x: np.ndarray) -> np.ndarray:
        return (np.asarray(x, dtype=np.float64) - self.mean) / self.scale

    def _by_cluster(self, x: np.ndarray, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
        """(K, n) values of ``x . weights_k + bias_k`` for (n, d) original values ``x``."""
        values = weights @ np.asarray(x, dtype=np.float64).T
        values += bias[:, None]
        return values

    def nearest_centroid(self, x: np.ndarray) -> np.ndarray:
        """K-Means labels (what scikit-learn's ``predict`` gives) for (n, d) original values."""
        x = np.asarray(x, dtype=np.float64)
        labels = np.empty(len(x), dtype=np.int64)
        for block in _blocks(len(x)):
            distances = self._by_cluster(x[block], self._distance_weights, self._distance_bias)
            labels[block] = _top_per_column(distances, lowest=True)[0]
        return labels

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """(n, K) posterior probabilities; rows sum to 1."""
        logits = self._by_cluster(x, self._logit_weights, self._logit_bias)
        logits -= logits.max(axis=0)
        np.exp(logits, out=logits)
        logits /= logits.sum(axis=0)
        return logits.T

    def score_batch(self, x: np.ndarray) -> BatchScores:
        """Most probable segment and its probability for (n, d) original values."""
        x = np.asarray(x, dtype=np.float64)
        labels = np.empty(len(x), dtype=np.int64)
        confidence = np.empty(len(x), dtype=np.float64)
        for block in _blocks(len(x)):
            logits = self._by_cluster(x[block], self._logit_weights, self._logit_bias)
            labels[block], top = _top_per_column(logits)
            logits -= top
            # float32 halves the cost of exp; the confidence keeps ~7 significant digits.
            relative = np.exp(logits, dtype=np.float32)
            confidence[block] = 1.0 / relative.sum(axis=0, dtype=np.float64)
        return BatchScores(labels=labels, confidence=confidence)

    def fit_batch(self, x: np.ndarray, labels: np.ndarray) -> BatchFit | None:
        """Typicality in the given segments and the atypical flag for (n, d) original values."""
        if self.fit_summary is None:
            return None
        z = self.standardize(x)
        values = typicality_of(z, labels, self.centroids, self.fit_summary)
        return BatchFit(typicality=values, atypical=is_atypical(values, outside_range(z, self.fit_summary)))

    def project(self, x: np.ndarray) -> np.ndarray:
        """(n, 2) coordinates in the model's projection plane."""
        return (self.standardize(x) - self.projection_mean) @ self.projection_components.T

    # ---- one customer (plain Python) -------------------------------------------------------

    def standardize_one(self, record: Mapping[str, object]) -> list[float]:
        return [
            (value - mean) / scale
            for value, mean, scale in zip(
                self.schema.encode_one(record), self._mean_tuple, self._scale_tuple, strict=True
            )
        ]

    def probabilities_one(self, z: Sequence[float]) -> list[float]:
        """Posterior probabilities of one customer's standardized values ``z``."""
        logits = []
        for centroid, log_prior in zip(self._centroid_tuples, self._log_prior_tuple, strict=True):
            weighted = 0.0
            for value, center, weight in zip(z, centroid, self._half_precision, strict=True):
                weighted += (value - center) * (value - center) * weight
            logits.append(log_prior - weighted)
        return _softmax(logits)

    def classify_one(self, record: Mapping[str, object]) -> tuple[int, float]:
        """Most probable segment and its probability for one customer (the fast path)."""
        values = (
            [record[name] for name in self.features]
            if self._plain_numeric
            else self.schema.encode_one(record)
        )
        logits = [bias + sum(map(mul, values, weights)) for weights, bias in self._linear_logits]
        top = max(logits)
        best = logits.index(top)
        return best, 1.0 / sum([math.exp(logit - top) for logit in logits])

    def predict_one(self, record: Mapping[str, object]) -> Prediction:
        """Segment, probabilities, explanation and projected point of one customer."""
        z = self.standardize_one(record)
        probabilities = self.probabilities_one(z)
        ranked = sorted(range(len(probabilities)), key=lambda k: (-probabilities[k], k))
        best = ranked[0]
        runner_up = ranked[1] if len(ranked) > 1 else None
        listed = [self._cluster_probability(k, probabilities[k]) for k in ranked]
        fit = None
        if self.fit_summary is not None:
            fit = fit_one(z, best, probabilities, self._centroid_tuples[best], self.fit_summary)
        explanation = self._explain(record, z, best, runner_up, listed)
        if fit is not None:
            explanation["text"] = fit_text(fit, self.column_labels(), listed) + explanation["text"]
        return {
            "cluster": best,
            "cluster_name": self.cluster_names[best],
            "confidence": probabilities[best],
            "probabilities": listed,
            "explanation": explanation,
            "point": self._project_one(z),
            "fit": fit,
        }

    def column_labels(self) -> list[str]:
        """The feature label of each standardized column, for sentences."""
        return [feature.label for feature, start, stop in self._blocks for _ in range(start, stop)]

    def _cluster_probability(self, cluster: int, probability: float) -> ClusterProbability:
        return {
            "cluster": cluster,
            "cluster_name": self.cluster_names[cluster],
            "probability": probability,
        }

    def _project_one(self, z: Sequence[float]) -> Point:
        centered = [value - mean for value, mean in zip(z, self._projection_mean_tuple, strict=True)]
        x_axis, y_axis = self._projection_axes
        return {
            "x": sum(a * b for a, b in zip(centered, x_axis, strict=True)),
            "y": sum(a * b for a, b in zip(centered, y_axis, strict=True)),
        }

    def _explain(
        self,
        record: Mapping[str, object],
        z: Sequence[float],
        best: int,
        runner_up: int | None,
        listed: Sequence[ClusterProbability],
    ) -> Explanation:
        best_name = self.cluster_names[best]
        if runner_up is None:
            return {
                "runner_up": None,
                "contributions": [],
                "text": f"The model has one segment, {best_name}.",
            }
        best_centroid = self._centroid_tuples[best]
        other_centroid = self._centroid_tuples[runner_up]
        contributions: list[FeatureContribution] = []
        for feature, start, stop in self._blocks:
            pull = sum(
                ((z[i] - other_centroid[i]) ** 2 - (z[i] - best_centroid[i]) ** 2) * self._half_precision[i]
                for i in range(start, stop)
            )
            value = record[feature.name]
            contributions.append(
                {
                    "feature": feature.name,
                    "label": feature.label,
                    "value": value if isinstance(value, str) else float(value),  # type: ignore[arg-type]
                    "z_score": None if feature.categorical else z[start],
                    "contribution": pull,
                }
            )
        contributions.sort(key=lambda item: (-item["contribution"], item["feature"]))
        return {
            "runner_up": listed[1],
            "contributions": contributions,
            "text": explanation_text(
                contributions,
                best_name,
                self.cluster_names[runner_up],
                {f.name: f for f, _, _ in self._blocks},
            ),
        }


def _feature_phrase(item: FeatureContribution, feature: Feature) -> str:
    z = item["z_score"]
    if z is None:
        return f"{feature.label.lower()} ({item['value']})"
    relation = "about average" if abs(z) < 0.05 else f"{z:+.1f} SD {'above' if z > 0 else 'below'} average"
    return f"{feature.label.lower()} ({format_value(feature, float(item['value']))}, {relation})"


def explanation_text(
    contributions: Sequence[FeatureContribution],
    best_name: str,
    runner_up_name: str,
    features: Mapping[str, Feature],
) -> str:
    """One sentence naming the feature(s) that decide between the segment and the runner-up.

    The leading feature is always named; the next is added when it pulls at least half as hard.
    """
    pulling = [item for item in contributions if item["contribution"] > 0]
    if not pulling:
        return (
            f"This customer is about as close to {best_name} as to {runner_up_name}; "
            f"{best_name} is the larger segment."
        )
    named = pulling[:1]
    if len(pulling) > 1 and pulling[1]["contribution"] >= pulling[0]["contribution"] / 2:
        named.append(pulling[1])
    subject = " and ".join(_feature_phrase(item, features[item["feature"]]) for item in named)
    verb = "put" if len(named) > 1 else "puts"
    sentence = f"{subject} {verb} this customer closer to {best_name} than to {runner_up_name}."
    return sentence[0].upper() + sentence[1:]


def fit_text(fit: Fit, column_labels: Sequence[str], listed: Sequence[ClusterProbability]) -> str:
    """Sentence(s) put before the explanation when the customer fits no segment well or lies
    between two; empty otherwise."""
    best = listed[0]["cluster_name"]
    runner_up = listed[1] if len(listed) > 1 else None
    parts = []
    if fit["atypical"]:
        # One name per feature, in column order, even when a feature spans several columns.
        outside = list(dict.fromkeys(column_labels[i].lower() for i in fit["outside_range"]))
        reasons = []
        if fit["typicality"] < ATYPICAL_TYPICALITY:
            reasons.append(
                f"it lies farther from the centre of {best} than "
                f"{1 - fit['typicality']:.1%} of that segment's customers"
            )
        if outside:
            reasons.append(f"its {' and '.join(outside)} lies outside the range seen in training")
        closing = f"; the nearest segment is {best}" + (
            f", the runner-up {runner_up['cluster_name']}." if runner_up else "."
        )
        parts.append("This customer fits no segment well: " + " and ".join(reasons) + closing + " ")
    if fit["between_segments"] and runner_up is not None:
        parts.append(
            f"This customer lies between {best} ({listed[0]['probability']:.0%}) and "
            f"{runner_up['cluster_name']} ({runner_up['probability']:.0%}). "
        )
    return "".join(parts)
