"""Model quality on the bundled data, and the trainer-to-API round trip through S3."""

from __future__ import annotations

import io
from collections import Counter

import joblib
import numpy as np
import pytest
from conftest import TrainedModel
from segtrainer.cluster_quality import SampleSilhouette
from sklearn.metrics import adjusted_rand_score, silhouette_score

from data.generate import PERSONAS, generate_customers
from segcore.layout import model_joblib_key
from segcore.scoring import Scorer


def _labels_of_bundled_rows(model: TrainedModel) -> np.ndarray:
    return Scorer(model.document).nearest_centroid(generate_customers().feature_matrix())


def test_bundled_data_chooses_as_many_segments_as_personas(bundled_model: TrainedModel) -> None:
    assert len(bundled_model.document["clusters"]) == len(PERSONAS)
    assert bundled_model.document["elbow"]["optimal_k"] == len(PERSONAS)
    assert bundled_model.document["k_selection"]["method"] == "rule"


def test_segments_recover_the_personas(bundled_model: TrainedModel, personas: list[str]) -> None:
    assert adjusted_rand_score(personas, _labels_of_bundled_rows(bundled_model)) >= 0.9


def test_each_segment_is_named_for_its_persona(bundled_model: TrainedModel, personas: list[str]) -> None:
    labels = _labels_of_bundled_rows(bundled_model)
    for cluster in bundled_model.document["clusters"]:
        members = Counter(
            p for p, label in zip(personas, labels, strict=True) if label == cluster["cluster_id"]
        )
        persona, _ = members.most_common(1)[0]
        assert cluster["name"] == persona


def test_a_customer_at_a_centroid_gets_confidence_above_0_9(bundled_model: TrainedModel) -> None:
    scorer = Scorer(bundled_model.document)
    for cluster in bundled_model.document["clusters"]:
        prediction = scorer.predict_one(cluster["centroid"])
        assert prediction["cluster"] == cluster["cluster_id"]
        assert prediction["confidence"] > 0.9


def test_a_customer_halfway_between_two_nearest_centroids_gets_0_4_to_0_6(
    bundled_model: TrainedModel,
) -> None:
    scorer = Scorer(bundled_model.document)
    centroids = scorer.centroids
    distances = ((centroids[:, None] - centroids[None]) ** 2).sum(axis=2)
    np.fill_diagonal(distances, np.inf)
    first, second = np.unravel_index(distances.argmin(), distances.shape)
    halfway_z = (centroids[first] + centroids[second]) / 2
    halfway = dict(zip(scorer.features, halfway_z * scorer.scale + scorer.mean, strict=True))
    prediction = scorer.predict_one(halfway)
    top_two = {p["cluster"] for p in prediction["probabilities"][:2]}
    assert top_two == {int(first), int(second)}
    assert 0.4 <= prediction["confidence"] <= 0.6


def test_probabilities_sum_to_one_and_confidence_is_the_top_one(
    bundled_model: TrainedModel,
) -> None:
    scorer = Scorer(bundled_model.document)
    values = generate_customers(2_000, seed=3).feature_matrix()
    probabilities = scorer.probabilities(values)
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert np.allclose(probabilities.max(axis=1), scorer.score_batch(values).confidence)
    one = scorer.predict_one(dict(zip(scorer.features, values[0], strict=True)))
    assert sum(p["probability"] for p in one["probabilities"]) == pytest.approx(1.0)


def test_what_the_trainer_writes_scores_like_the_fitted_sklearn_model_on_10000_rows(
    bundled_model: TrainedModel,
) -> None:
    trainer, version = bundled_model.trainer, bundled_model.status["model_version"]
    fitted = joblib.load(io.BytesIO(trainer.get_raw(model_joblib_key(version))))
    scorer = Scorer(trainer.document(version))  # loaded back from S3 by segcore.document
    values = generate_customers(10_000, seed=99).feature_matrix()
    expected = fitted["kmeans"].predict(fitted["scaler"].transform(values))
    assert fitted["features"] == list(scorer.features)
    assert np.array_equal(scorer.nearest_centroid(values), expected)
    # The most probable segment weighs columns by the fitted variances: it is the K-Means label
    # except for a few customers who fit no segment well (and are flagged so).
    labels = scorer.score_batch(values).labels
    differ = labels != expected
    assert differ.mean() < 0.001
    fit = scorer.fit_batch(values, labels)
    assert fit is not None and fit.atypical[differ].all()
    for row, label in zip(values[:200], labels[:200], strict=True):
        assert scorer.classify_one(dict(zip(scorer.features, row, strict=True)))[0] == label


def test_elbow_has_inertia_and_silhouette_for_every_k(bundled_model: TrainedModel) -> None:
    elbow = bundled_model.document["elbow"]
    assert elbow["k_range"] == list(range(2, 11))
    assert len(elbow["inertias"]) == len(elbow["silhouette_scores"]) == 9
    assert elbow["inertias"] == sorted(elbow["inertias"], reverse=True)
    assert max(elbow["silhouette_scores"]) == elbow["silhouette_scores"][len(PERSONAS) - 2]


def test_document_describes_segments_projection_and_drift(bundled_model: TrainedModel) -> None:
    doc = bundled_model.document
    assert sum(cluster["size"] for cluster in doc["clusters"]) == doc["rows"] == 5_000
    assert sum(doc["priors"]) == pytest.approx(1.0)
    assert all(cluster["description"].startswith("Average income") for cluster in doc["clusters"])
    projection = doc["projection"]
    assert len(projection["sample"]) == 1_000
    assert [c["cluster"] for c in projection["centroids"]] == list(range(len(doc["clusters"])))
    assert sum(projection["explained_variance_ratio"]) <= 1.0
    assert set(doc["drift_bins"]) == set(doc["features"])
    assert doc["moved"] is None
    assert doc["metrics"]["silhouette_score"] > 0.6


def test_sampled_silhouette_equals_scikit_learns() -> None:
    points = np.random.default_rng(5).normal(size=(300, 3))
    labels = np.random.default_rng(6).integers(0, 4, size=300)
    labels[0] = 3  # keep all four clusters; make one a singleton below
    labels[labels == 2] = 1
    labels[1] = 2
    ours = SampleSilhouette(points).score(labels, 4)
    assert ours == pytest.approx(silhouette_score(points, labels), abs=1e-6)
