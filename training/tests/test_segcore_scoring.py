"""segcore.scoring on a model small enough to compute by hand, and batch == single."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import make_document
from hypothesis import given, settings
from hypothesis import strategies as st

from segcore.document import ModelDocument
from segcore.scoring import Scorer


def test_customer_at_a_centroid_gets_the_hand_computed_probability(
    tiny_document: ModelDocument,
) -> None:
    # z = (1, 0): squared distances 4 and 0; logits -4 / (2 * 0.5) = -4 and 0.
    prediction = Scorer(tiny_document).predict_one({"age": 50, "annual_income": 50})
    expected = 1 / (1 + math.exp(-4))
    assert prediction["cluster"] == 1
    assert prediction["cluster_name"] == "Older"
    assert prediction["confidence"] == pytest.approx(expected, abs=1e-12)
    assert [p["cluster"] for p in prediction["probabilities"]] == [1, 0]
    assert prediction["probabilities"][1]["probability"] == pytest.approx(1 - expected, abs=1e-12)
    assert prediction["point"] == {"x": pytest.approx(1.0), "y": pytest.approx(0.0)}


def test_explanation_names_the_feature_that_separates_best_from_runner_up(
    tiny_document: ModelDocument,
) -> None:
    explanation = Scorer(tiny_document).predict_one({"age": 50, "annual_income": 70})["explanation"]
    # age: (1 - (-1))^2 - (1 - 1)^2 = 4; income: (1 - 0)^2 - (1 - 0)^2 = 0.
    assert [(c["feature"], c["contribution"]) for c in explanation["contributions"]] == [
        ("age", pytest.approx(4.0)),
        ("annual_income", pytest.approx(0.0)),
    ]
    assert explanation["contributions"][0]["z_score"] == pytest.approx(1.0)
    assert explanation["runner_up"] is not None
    assert explanation["runner_up"]["cluster_name"] == "Younger"
    assert explanation["text"] == (
        "Age (50, +1.0 SD above average) puts this customer closer to Older than to Younger."
    )


def test_halfway_point_splits_by_the_segment_priors(tiny_document: ModelDocument) -> None:
    tiny_document["priors"] = [0.8, 0.2]
    scorer = Scorer(tiny_document)
    cluster, confidence = scorer.classify_one({"age": 40, "annual_income": 50})
    assert (cluster, confidence) == (0, pytest.approx(0.8))
    text = scorer.predict_one({"age": 40, "annual_income": 50})["explanation"]["text"]
    assert text == ("This customer is about as close to Younger as to Older; Younger is the larger segment.")


def test_nearest_centroid_is_the_k_means_label_even_where_priors_tip_the_posterior(
    tiny_document: ModelDocument,
) -> None:
    tiny_document["priors"] = [0.8, 0.2]
    scorer = Scorer(tiny_document)
    slightly_older = np.array([[40.5, 50.0]])  # z = 0.05: nearer to centroid 1
    assert scorer.nearest_centroid(slightly_older).tolist() == [1]
    assert scorer.score_batch(slightly_older).labels.tolist() == [0]


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(18, 100), st.floats(0, 10_000)),
        min_size=1,
        max_size=20,
    )
)
def test_batch_scores_equal_one_by_one_scores(rows: list[tuple[float, float]]) -> None:
    document = _three_segment_document()
    scorer = Scorer(document)
    values = np.array(rows)
    batch = scorer.score_batch(values)
    probabilities = scorer.probabilities(values)
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    for index, (age, income) in enumerate(rows):
        cluster, confidence = scorer.classify_one({"age": age, "annual_income": income})
        full = scorer.predict_one({"age": age, "annual_income": income})
        assert batch.labels[index] == cluster == full["cluster"]
        assert batch.confidence[index] == pytest.approx(confidence, rel=1e-6)
        assert full["confidence"] == pytest.approx(confidence, rel=1e-9)
        assert probabilities[index].max() == pytest.approx(confidence, rel=1e-9)


def _three_segment_document() -> ModelDocument:
    return make_document(
        names=["Segment 0", "Segment 1", "Segment 2"],
        mean=[45.0, 80.0],
        scale=[12.0, 35.0],
        centroids=[[-1.2, 0.3], [0.8, 1.1], [0.4, -1.3]],
        variance=0.3,
        priors=[0.5, 0.3, 0.2],
        components=[[0.6, 0.8], [-0.8, 0.6]],
        projection_mean=[0.1, -0.1],
    )


def test_projection_of_one_customer_matches_the_batch_projection() -> None:
    scorer = Scorer(_three_segment_document())
    point = scorer.predict_one({"age": 30, "annual_income": 150})["point"]
    batch = scorer.project(np.array([[30.0, 150.0]]))[0]
    assert (point["x"], point["y"]) == (pytest.approx(batch[0]), pytest.approx(batch[1]))


def test_nearest_centroid_agrees_with_brute_force_distances() -> None:
    scorer = Scorer(_three_segment_document())
    values = np.random.default_rng(0).uniform([18, 0], [100, 300], size=(500, 2))
    standardized = scorer.standardize(values)
    distances = ((standardized[:, None, :] - scorer.centroids[None]) ** 2).sum(axis=2)
    assert np.array_equal(scorer.nearest_centroid(values), distances.argmin(axis=1))


def _categorical_document() -> ModelDocument:
    """Numeric x and channel (online/store), two segments: all online and all store.

    Shares 1/2 each: the channel block is centred on 0.5 and scaled by sqrt(1 - 1/2) = sqrt(1/2),
    so online is z = (+r, -r) and store (-r, +r) with r = 0.5 / sqrt(1/2) = sqrt(1/2).
    """
    from segcore.schema import CATEGORICAL, Feature, Schema

    schema = Schema(
        (
            Feature(name="x", label="Visits"),
            Feature(name="channel", label="Channel", type=CATEGORICAL, categories=("online", "store")),
        )
    )
    r = math.sqrt(0.5)
    document = make_document(
        names=["Online", "In store"],
        mean=[10.0, 0.5, 0.5],
        scale=[2.0, r, r],
        centroids=[[0.0, r, -r], [0.0, -r, r]],
        variance=0.5,
        priors=[0.5, 0.5],
        components=[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]],
        projection_mean=[0.0, 0.0, 0.0],
    )
    document["format_version"] = 2
    document["features"] = ["x", "channel"]
    document["schema"] = schema.to_json()
    return document


def test_a_categorical_feature_is_scored_one_hot_and_explained_as_one_feature() -> None:
    scorer = Scorer(_categorical_document())
    prediction = scorer.predict_one({"x": 12, "channel": "online"})
    # z = (1, r, -r): distances 0 + 0 = 0 to Online, and 0 + (2r)^2 * 2 = 4 to In store.
    assert prediction["cluster_name"] == "Online"
    assert prediction["confidence"] == pytest.approx(1 / (1 + math.exp(-4)), abs=1e-12)
    contributions = {c["feature"]: c for c in prediction["explanation"]["contributions"]}
    assert contributions["channel"]["contribution"] == pytest.approx(4.0)
    assert (contributions["channel"]["value"], contributions["channel"]["z_score"]) == ("online", None)
    assert contributions["x"]["contribution"] == pytest.approx(0.0)
    text = prediction["explanation"]["text"]
    assert text.startswith("Channel (online) puts this customer closer to Online")
    rows = [{"x": 12, "channel": "online"}, {"x": 3, "channel": "store"}]
    assert scorer.score_batch(scorer.matrix(rows)).labels.tolist() == [0, 1]
    assert scorer.classify_one(rows[1])[0] == 1
