"""Training on large files: the model fitted on a seeded sample, every row assigned from the
columns, and the streaming reader's dialects and row errors through a real job."""

from __future__ import annotations

import numpy as np
import pytest
import segtrainer.pipeline
from conftest import Trainer, make_trainer
from segtrainer.cluster_quality import nearest_centers
from segtrainer.design import ArrayDesign, ColumnDesign
from test_training_schemas import crm_csv

from segcore.schema import CATEGORICAL, Feature, Schema, fit_scaler
from segcore.scoring import Scorer

FEATURES = ["tenure_months", {"name": "avg_basket", "transform": "log"}, "channel"]


@pytest.fixture
def crm(aws: None) -> Trainer:
    trainer = make_trainer()
    trainer.put_raw("datasets/crm/data.csv", crm_csv(1_200).encode())
    return trainer


def test_above_the_fit_sample_size_the_model_is_fitted_on_a_seeded_sample_and_counts_every_row(
    crm: Trainer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(segtrainer.pipeline, "FIT_SAMPLE_SIZE", 400)
    first = crm.train(dataset_id="crm", features=FEATURES, k=3, activate=False)
    again = crm.train(dataset_id="crm", features=FEATURES, k=3, activate=False)
    assert first["status"] == again["status"] == "succeeded", first["error"]
    document = crm.document(first["model_version"])
    assert document["k_selection"]["fit_sample_size"] == 400
    assert document["rows"] == 1_200
    assert sum(cluster["size"] for cluster in document["clusters"]) == 1_200
    assert sum(document["drift_bins"]["channel"]["proportions"]) == pytest.approx(1.0)
    # Every row's segment is its nearest centre: what the API's scorer gives the same rows.
    sizes = [cluster["size"] for cluster in document["clusters"]]
    rows = [
        {"tenure_months": int(t), "avg_basket": float(b), "channel": c.lower()}
        for _, t, b, c, _ in (line.split(",") for line in crm_csv(1_200).splitlines()[1:])
    ]
    scorer = Scorer(document)
    labels = scorer.nearest_centroid(scorer.schema.encode_rows(rows))
    assert np.bincount(labels, minlength=3).tolist() == sizes
    # The same data, options and seed give the same document.
    other = crm.document(again["model_version"])
    for key in ("centroids", "clusters", "elbow", "projection", "priors", "variance", "drift_bins"):
        assert document[key] == other[key], key  # type: ignore[literal-required]


def test_up_to_the_fit_sample_size_every_row_is_fitted(crm: Trainer) -> None:
    status = crm.train(dataset_id="crm", features=FEATURES, k=3)
    assert status["status"] == "succeeded", status["error"]
    assert crm.document(status["model_version"])["k_selection"]["fit_sample_size"] == 1_200


def test_column_design_encodes_rows_and_finds_nearest_centres_as_the_whole_matrix_does() -> None:
    schema = Schema(
        (
            Feature("spend", "Spend", transform="log", min=0),
            Feature("visits", "Visits"),
            Feature("channel", "Channel", type=CATEGORICAL, categories=("app", "store", "web")),
        )
    )
    rng = np.random.default_rng(3)
    columns = {
        "spend": rng.exponential(50, 5_000),
        "visits": rng.normal(10, 3, 5_000),
        "channel": rng.integers(0, 3, 5_000).astype(np.int16),
    }
    texts = np.array(["app", "store", "web"], dtype=object)[columns["channel"]]
    matrix = schema.encode({**columns, "channel": texts})
    design = ColumnDesign(schema, columns)
    assert np.array_equal(design.take(np.arange(5_000)), matrix)
    mean, scale = fit_scaler(schema, matrix)
    assert np.allclose(np.concatenate(design.moments()), np.concatenate(ArrayDesign(matrix).moments()))
    centers = rng.normal(size=(4, matrix.shape[1]))
    labels, inertia = design.assign(mean, scale, centers)
    expected, squared = nearest_centers((matrix - mean) / scale, centers)
    assert np.array_equal(labels, expected)
    assert inertia == pytest.approx(float(squared.sum()))


def test_a_semicolon_export_with_decimal_commas_trains(aws: None) -> None:
    lines = crm_csv(300).splitlines()
    semicolons = [";".join(line.replace(".", ",").split(",", 4)) for line in lines]
    trainer = make_trainer()
    trainer.put_raw("datasets/crm/data.csv", ("\r\n".join(semicolons) + "\r\n").encode("utf-8-sig"))
    status = trainer.train(dataset_id="crm", features=FEATURES, k=3)
    assert status["status"] == "succeeded", status["error"]
    assert status["metrics"]["rows"] == 300 and status["metrics"]["rejected_rows"] == 0


def test_excel_exports_in_utf16_with_tabs_or_windows_1252_train_the_same_model(aws: None) -> None:
    text = crm_csv(300).replace("phone", "téléphone")  # a channel with accents
    trainer = make_trainer()
    exports = {
        "utf8": text.encode(),
        "unicode-text": text.replace(",", "\t").replace("\n", "\r\n").encode("utf-16"),
        "windows": text.encode("cp1252"),
    }
    documents = {}
    for name, data in exports.items():
        trainer.put_raw(f"datasets/{name}/data.csv", data)
        status = trainer.train(dataset_id=name, features=FEATURES, k=3, activate=False)
        assert status["status"] == "succeeded", status["error"]
        assert status["metrics"]["rows"] == 300 and status["metrics"]["rejected_rows"] == 0
        documents[name] = trainer.document(status["model_version"])
    assert "téléphone" in documents["utf8"]["drift_bins"]["channel"]["categories"]
    for name in ("unicode-text", "windows"):
        assert documents[name]["drift_bins"] == documents["utf8"]["drift_bins"]
        assert documents[name]["clusters"] == documents["utf8"]["clusters"]


def test_a_row_with_the_wrong_number_of_values_is_rejected_with_the_reason(aws: None) -> None:
    lines = crm_csv(120).splitlines()
    lines[7] = "C-short,12,30.5"
    trainer = make_trainer()
    trainer.put_raw("datasets/crm/data.csv", ("\n".join(lines) + "\n").encode())
    status = trainer.train(dataset_id="crm", features=FEATURES, k=3)
    assert status["status"] == "succeeded", status["error"]
    assert status["metrics"]["rejected_rows"] == 1
    assert status["metrics"]["rejections"] == [
        {
            "row": 7,
            "customer_id": "C-short",
            "errors": [{"field": "row", "message": "has 3 values; the header has 5"}],
        }
    ]


def test_a_file_that_is_not_csv_fails_the_job_with_the_reason(aws: None) -> None:
    trainer = make_trainer()
    trainer.put_raw("datasets/blob/data.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    status = trainer.train(dataset_id="blob", features=["a", "b"])
    assert status["status"] == "failed"
    assert status["error"] == "The file is not CSV text (it contains binary data)."
