"""Same dataset, options and seed give the same model document, whatever the thread count."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import segtrainer.pipeline
from segtrainer.pipeline import TrainingOptions, build_document, fit_model

from data.generate import generate_customers
from segcore.document import ModelDocument
from segcore.schema import BUNDLED_SCHEMA

# Fields that record when and how long, not what was learnt.
TIMING = ("training_seconds",)


def _train(values: np.ndarray, seed: int) -> ModelDocument:
    fitted = fit_model(values, BUNDLED_SCHEMA, TrainingOptions(seed=seed))
    return build_document(fitted, values, version="v1", created_at="2026-01-01T00:00:00Z", dataset_id="d")


def _without_timing(doc: ModelDocument) -> dict[str, Any]:
    copy: dict[str, Any] = dict(doc)
    copy["metrics"] = {k: v for k, v in doc["metrics"].items() if k not in TIMING}
    return copy


def assert_same(first: Any, second: Any, where: str = "document") -> None:
    """Equal structure and text; numbers equal to 1e-9 (threads may sum in another order)."""
    if isinstance(first, dict):
        assert isinstance(second, dict) and first.keys() == second.keys(), where
        for key in first:
            assert_same(first[key], second[key], f"{where}.{key}")
    elif isinstance(first, list):
        assert isinstance(second, list) and len(first) == len(second), where
        for index, (a, b) in enumerate(zip(first, second, strict=True)):
            assert_same(a, b, f"{where}[{index}]")
    elif isinstance(first, float):
        assert second == pytest.approx(first, rel=1e-9, abs=1e-9), where
    else:
        assert first == second, where


@pytest.mark.parametrize("threads", [2])
def test_same_seed_gives_the_same_document_with_one_or_more_threads(
    monkeypatch: pytest.MonkeyPatch, threads: int
) -> None:
    values = generate_customers(3_000, seed=11).feature_matrix()
    one_thread = _train(values, seed=5)
    monkeypatch.setattr(segtrainer.pipeline, "TRAINING_THREADS", threads)
    more_threads = _train(values, seed=5)
    assert len(one_thread["clusters"]) == len(more_threads["clusters"])
    assert np.allclose(one_thread["centroids"], more_threads["centroids"], rtol=0, atol=1e-9)
    assert [c["name"] for c in one_thread["clusters"]] == [c["name"] for c in more_threads["clusters"]]
    assert_same(_without_timing(one_thread), _without_timing(more_threads))


def test_another_seed_is_recorded_and_still_finds_the_same_segments() -> None:
    values = generate_customers(3_000, seed=11).feature_matrix()
    first, second = _train(values, seed=5), _train(values, seed=6)
    assert (first["seed"], second["seed"]) == (5, 6)
    assert sorted(c["name"] for c in first["clusters"]) == sorted(c["name"] for c in second["clusters"])
