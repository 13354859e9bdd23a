"""Typicality, atypical and between-segments flags on a model small enough to compute by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import make_document

from segcore.document import DocumentError, ModelDocument, validate
from segcore.quality import QUANTILE_LEVELS, fit_summary, typicality, typicality_of, typicality_one
from segcore.scoring import Scorer

# The customer of the issue: average on every feature.
BORDERLINE = {"age": 40, "annual_income": 60, "spending_score": 50, "purchase_frequency": 15}


@pytest.fixture
def shop_document() -> ModelDocument:
    """Three segments on the four bundled features.

    Scaler mean (40, 60, 50, 15) and scale (10, 30, 25, 10), so BORDERLINE is z = 0.
    Centroids in z: Budget (1, -1, -1, -1), Loyal (1, 1, 1, 1.5), High-Value (-1, 2, 2, 1);
    squared distances from z = 0: 4, 5.25, 10. sigma^2 = 0.25, equal priors, so the logits are
    -2 d^2 = -8, -10.5, -20. Every segment's member distances are spread evenly over [0, 1]
    (101 quantiles 0, 0.01, ..., 1). Training range: z in [-3, 3] on every feature.
    """
    doc = make_document(
        names=["Budget Shoppers", "Loyal Customers", "High-Value Customers"],
        mean=[40.0, 60.0, 50.0, 15.0],
        scale=[10.0, 30.0, 25.0, 10.0],
        centroids=[[1.0, -1.0, -1.0, -1.0], [1.0, 1.0, 1.0, 1.5], [-1.0, 2.0, 2.0, 1.0]],
        variance=0.25,
        priors=[1 / 3, 1 / 3, 1 / 3],
        components=[[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]],
        projection_mean=[0.0, 0.0, 0.0, 0.0],
    )
    doc["features"] = ["age", "annual_income", "spending_score", "purchase_frequency"]
    doc["fit_summary"] = {
        "distance_quantiles": [np.linspace(0.0, 1.0, QUANTILE_LEVELS).tolist()] * 3,
        "z_min": [-3.0] * 4,
        "z_max": [3.0] * 4,
    }
    return validate(doc)


def test_borderline_customer_is_flagged_with_nearest_segment_and_runner_up(
    shop_document: ModelDocument,
) -> None:
    prediction = Scorer(shop_document).predict_one(BORDERLINE)
    expected = 1 / (1 + math.exp(-2.5) + math.exp(-12))
    assert prediction["cluster_name"] == "Budget Shoppers"
    assert prediction["confidence"] == pytest.approx(expected, abs=1e-12)  # about 0.924
    assert prediction["fit"] is not None
    # Distance 2 from Budget's centre; its farthest member is at 1: no member is farther.
    assert prediction["fit"]["typicality"] == 0.0
    assert prediction["fit"]["atypical"] is True
    assert prediction["fit"]["between_segments"] is False
    text = prediction["explanation"]["text"]
    assert text.startswith(
        "This customer fits no segment well: it lies farther from the centre of Budget Shoppers "
        "than 100.0% of that segment's customers; the nearest segment is Budget Shoppers, "
        "the runner-up Loyal Customers. "
    )


def test_customer_near_a_centre_is_typical_by_the_hand_computed_share(shop_document: ModelDocument) -> None:
    # z = (1, -1, -1, -0.75): distance 0.25 from Budget's centre; 75 % of members are farther.
    customer = {"age": 50, "annual_income": 30, "spending_score": 25, "purchase_frequency": 7.5}
    prediction = Scorer(shop_document).predict_one(customer)
    assert prediction["cluster_name"] == "Budget Shoppers"
    assert prediction["fit"] is not None
    assert prediction["fit"]["typicality"] == pytest.approx(0.75)
    assert prediction["fit"]["atypical"] is False
    assert not prediction["explanation"]["text"].startswith("This customer fits no segment")


def test_value_outside_the_training_range_is_atypical_and_named(shop_document: ModelDocument) -> None:
    # Age 81 is z = 4.1, beyond the training maximum of 3; the rest sits on Budget's centre.
    customer = {"age": 81, "annual_income": 30, "spending_score": 25, "purchase_frequency": 5}
    prediction = Scorer(shop_document).predict_one(customer)
    assert prediction["fit"] is not None
    assert prediction["fit"]["outside_range"] == [0]
    assert prediction["fit"]["atypical"] is True
    assert "its age lies outside the range seen in training" in prediction["explanation"]["text"]


def test_customer_halfway_between_two_centres_is_between_segments(shop_document: ModelDocument) -> None:
    # z = (1, 0, 0, 0.25): equally far (squared 1.5625) from Budget and Loyal: 50 % each.
    customer = {"age": 50, "annual_income": 60, "spending_score": 50, "purchase_frequency": 17.5}
    prediction = Scorer(shop_document).predict_one(customer)
    assert prediction["confidence"] == pytest.approx(0.5, abs=1e-6)
    assert prediction["fit"] is not None
    assert prediction["fit"]["between_segments"] is True
    assert (
        "This customer lies between Budget Shoppers (50%) and Loyal Customers (50%)."
        in (prediction["explanation"]["text"])
    )


def test_batch_fit_matches_one_by_one(shop_document: ModelDocument) -> None:
    scorer = Scorer(shop_document)
    customers = [
        BORDERLINE,
        {"age": 50, "annual_income": 30, "spending_score": 25, "purchase_frequency": 7.5},
        {"age": 81, "annual_income": 30, "spending_score": 25, "purchase_frequency": 5},
    ]
    x = scorer.matrix(customers)
    fit = scorer.fit_batch(x, scorer.score_batch(x).labels)
    assert fit is not None
    singles = [scorer.predict_one(c)["fit"] for c in customers]
    assert fit.typicality.tolist() == pytest.approx([s["typicality"] for s in singles if s])
    assert fit.atypical.tolist() == [True, False, True]


def test_typicality_is_one_at_the_centre_and_zero_beyond_the_farthest_member() -> None:
    quantiles = np.linspace(0.0, 2.0, QUANTILE_LEVELS)
    assert typicality(np.array([0.0, 0.5, 1.0, 2.0, 5.0]), quantiles).tolist() == pytest.approx(
        [1.0, 0.75, 0.5, 0.0, 0.0]
    )


def test_fit_summary_quantiles_come_from_each_segments_members() -> None:
    # Segment 0: members at distances 0, 1, 2 from (0, 0); segment 1: one member on its centre.
    z = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, -2.0], [10.0, 10.0]])
    labels = np.array([0, 0, 0, 1])
    centroids = np.array([[0.0, 0.0], [10.0, 10.0]])
    summary = fit_summary(z, labels, centroids)
    assert summary["distance_quantiles"][0][0] == 0.0
    assert summary["distance_quantiles"][0][50] == pytest.approx(1.0)
    assert summary["distance_quantiles"][0][-1] == pytest.approx(2.0)
    assert summary["distance_quantiles"][1] == [0.0] * QUANTILE_LEVELS
    assert summary["z_min"] == [0.0, -2.0] and summary["z_max"] == [10.0, 10.0]
    # Its own members: the farthest of segment 0 has typicality 0, the centre 1.
    assert typicality_of(z, labels, centroids, summary).tolist() == pytest.approx([1.0, 0.5, 0.0, 1.0])


def test_document_with_decreasing_quantiles_is_refused(shop_document: ModelDocument) -> None:
    shop_document["fit_summary"]["distance_quantiles"][1] = list(reversed(np.linspace(0, 1, 101)))
    with pytest.raises(DocumentError, match="must not decrease"):
        validate(shop_document)


def test_document_without_typicality_data_still_scores(shop_document: ModelDocument) -> None:
    del shop_document["fit_summary"]
    prediction = Scorer(validate(shop_document)).predict_one(BORDERLINE)
    assert prediction["fit"] is None
    assert prediction["cluster_name"] == "Budget Shoppers"


def test_one_customer_typicality_equals_the_batch_one_with_ties_and_extremes() -> None:
    rng = np.random.default_rng(3)
    quantiles = np.sort(np.round(rng.gamma(2.0, size=QUANTILE_LEVELS), 1))  # rounded: many ties
    distances = np.concatenate(
        [[0.0, quantiles[0], quantiles[-1], quantiles[-1] + 1], rng.uniform(0, 8, 500)]
    )
    batch = typicality(distances, quantiles)
    one = [typicality_one(float(d), quantiles.tolist()) for d in distances]
    assert one == pytest.approx(batch.tolist(), abs=1e-12)
