"""segcore.document: validation, exact round trip, renames; segcore.drift bins and PSI."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from segcore.document import (
    DocumentError,
    ModelDocument,
    SegmentNameTakenError,
    dumps,
    loads,
    model_summary,
    rename_cluster,
)
from segcore.drift import bin_counts, drift_status, population_stability_index, quantile_bins


def test_floats_survive_the_round_trip_exactly(tiny_document: ModelDocument) -> None:
    tiny_document["scaler"]["mean"] = [40.123456789012345, 1 / 3]
    assert loads(dumps(tiny_document)) == tiny_document


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value

    return mutate


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (_set("format_version", 99), r"format_version 99 is not one of \(1, 2\)"),
        (_set("features", ["age", "height"]), "features must be 2-4 of"),
        (_set("features", ["age"]), "features must be 2-4 of"),
        (_set("scaler.scale", [1.0, 0.0]), "scaler.scale must be positive"),
        (_set("centroids", [[0.0, 0.0], [1.0]]), r"centroids\[1\] must be a list of 2"),
        (_set("clusters.1.name", "YOUNGER"), "segment name 'YOUNGER' is used twice"),
        (_set("clusters.1.cluster_id", 5), r"clusters\[1\].cluster_id must be 1"),
        (_set("priors", [0.5, 0.6]), "priors must be positive and sum to 1"),
        (_set("variance", 0), "variance must be a positive number"),
        (_set("projection.components", [[1.0, 0.0]]), "projection needs 2 axes"),
    ],
)
def test_invalid_documents_are_refused_with_the_reason(
    tiny_document: ModelDocument, mutate: Callable[[dict[str, Any]], None], message: str
) -> None:
    broken = json.loads(json.dumps(tiny_document))
    mutate(broken)
    with pytest.raises(DocumentError, match=message):
        loads(json.dumps(broken))


def test_missing_fields_and_bad_json_are_refused(tiny_document: ModelDocument) -> None:
    partial = {key: value for key, value in tiny_document.items() if key != "variance"}
    with pytest.raises(DocumentError, match="lacks variance"):
        loads(json.dumps(partial))
    with pytest.raises(DocumentError, match="not valid JSON"):
        loads("{")


def test_rename_marks_the_segment_and_keeps_names_unique(tiny_document: ModelDocument) -> None:
    renamed = rename_cluster(tiny_document, 1, name="  Gold  ", description="Best ones")
    assert renamed["clusters"][1]["name"] == "Gold"
    assert renamed["clusters"][1]["description"] == "Best ones"
    assert renamed["clusters"][1]["renamed"] is True
    assert tiny_document["clusters"][1]["name"] == "Older"  # the original is untouched
    with pytest.raises(SegmentNameTakenError):
        rename_cluster(renamed, 0, name="gold")
    assert rename_cluster(renamed, 1, name="GOLD")["clusters"][1]["name"] == "GOLD"
    with pytest.raises(KeyError):
        rename_cluster(renamed, 7, name="x")
    with pytest.raises(DocumentError, match="1-60 characters"):
        rename_cluster(renamed, 0, name=" ")


def test_summary_is_the_registry_line(tiny_document: ModelDocument) -> None:
    assert model_summary(tiny_document) == {
        "version": "v-hand-made",
        "created_at": "2026-01-01T00:00:00Z",
        "n_clusters": 2,
        "features": ["age", "annual_income"],
        "silhouette_score": 0.9,
        "inertia": 2.0,
        "dataset_id": "hand-made",
        "rows": 2,
    }


def test_quantile_bins_hold_a_tenth_each_and_psi_sees_a_shift() -> None:
    values = np.random.default_rng(1).normal(50, 10, size=10_000)
    bins = quantile_bins(values)
    assert len(bins["edges"]) == 11
    assert np.allclose(bins["proportions"], 0.1, atol=0.002)
    same = population_stability_index(bins, bin_counts(bins["edges"], values))
    shifted_values = values + 8
    shifted = population_stability_index(bins, bin_counts(bins["edges"], shifted_values))
    assert same < 1e-3 and drift_status(same) == "stable"
    assert shifted > 0.25 and drift_status(shifted) == "shifted"


def test_ties_give_fewer_bins() -> None:
    bins = quantile_bins(np.array([1.0] * 50 + [2.0] * 50))
    assert bins == {"edges": [1.0, 1.5, 2.0], "proportions": [0.5, 0.5]}
