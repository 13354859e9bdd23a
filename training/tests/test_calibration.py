"""The shared diagonal variances behind the confidence, and scoring with them, by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from segtrainer.calibration import tied_diagonal_variances

from segcore.document import ModelDocument
from segcore.scoring import Scorer


def test_em_recovers_each_columns_variance_of_well_separated_segments() -> None:
    # Two segments 40 apart along x; within each, variance 4 along x and 0.25 along y.
    rng = np.random.default_rng(0)
    centers = np.array([[0.0, 0.0], [40.0, 0.0]])
    points = np.vstack([rng.normal(center, [2.0, 0.5], size=(20_000, 2)) for center in centers])
    variances = tied_diagonal_variances(points, centers, np.array([0.5, 0.5]))
    assert variances == pytest.approx([4.0, 0.25], rel=0.03)


def test_em_undoes_the_k_means_cut_at_the_boundary_of_overlapping_segments() -> None:
    # Two unit-variance segments 2 apart: hard labels cut each at the midpoint, so the pooled
    # variance of hard-labelled members along x is well below 1; EM brings it back near 1.
    rng = np.random.default_rng(1)
    centers = np.array([[-1.0], [1.0]])
    points = np.vstack([rng.normal(center, 1.0, size=(20_000, 1)) for center in centers])
    labels = (points[:, 0] > 0).astype(int)
    hard = float(((points - centers[labels]) ** 2).mean())
    variances = tied_diagonal_variances(points, centers, np.array([0.5, 0.5]))
    assert hard < 0.8
    assert variances[0] == pytest.approx(1.0, abs=0.05)


def test_scorer_weighs_each_column_by_its_variance(tiny_document: ModelDocument) -> None:
    # z = (1, 1); centroids (-1, 0) and (1, 0); variances (2, 0.5):
    # logits -((1+1)^2/4 + 1/1) = -2 and -(0/4 + 1/1) = -1.
    tiny_document["variances"] = [2.0, 0.5]
    scorer = Scorer(tiny_document)
    prediction = scorer.predict_one({"age": 50, "annual_income": 70})
    expected = 1 / (1 + math.exp(-1))
    assert prediction["confidence"] == pytest.approx(expected, abs=1e-12)
    assert scorer.classify_one({"age": 50, "annual_income": 70})[1] == pytest.approx(expected, abs=1e-12)
    batch = scorer.score_batch(np.array([[50.0, 70.0]]))
    assert batch.confidence[0] == pytest.approx(expected, abs=1e-6)
    # Contributions are each feature's part of the log-odds (1 = -1 - (-2)): age (2^2 - 0) / 4,
    # income (1 - 1) / 1.
    contributions = {c["feature"]: c["contribution"] for c in prediction["explanation"]["contributions"]}
    assert contributions == {"age": pytest.approx(1.0), "annual_income": pytest.approx(0.0)}
    assert sum(contributions.values()) == pytest.approx(math.log(expected / (1 - expected)))
