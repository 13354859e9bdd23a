"""The training job end to end against S3 (moto): status, artifacts, failures, retrains."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import segtrainer.jobs
from botocore.exceptions import ClientError
from conftest import TrainedModel, Trainer, bundled_csv_text
from segtrainer.jobs import JobStatus

from data.generate import generate_customers
from segcore.document import dumps, rename_cluster
from segcore.features import parse_csv
from segcore.layout import ACTIVE_POINTER_KEY, job_key, model_document_key, model_summary_key
from segcore.scoring import Scorer

TRAINING_DIR = Path(__file__).resolve().parents[1]
STAGES = [
    "loading",
    "validating",
    "scaling",
    "selecting_k",
    "fitting",
    "naming",
    "exporting",
    "activating",
]


def test_success_writes_the_model_the_summary_the_pointer_and_the_status(
    bundled_model: TrainedModel,
) -> None:
    trainer, status = bundled_model.trainer, bundled_model.status
    version = status["model_version"]
    assert status["status"] == "succeeded"
    assert (status["stage"], status["progress"], status["error"]) == ("done", 1.0, None)
    assert version.startswith("v") and len(version) == len("v20261123-230501-ab12")
    assert trainer.active_version() == version
    assert trainer.job("bundled-job") == status
    summary = json.loads(trainer.get_raw(model_summary_key(version)))
    assert summary == {
        "version": version,
        "created_at": bundled_model.document["created_at"],
        "n_clusters": 5,
        "features": ["age", "annual_income", "spending_score", "purchase_frequency"],
        "silhouette_score": status["metrics"]["silhouette_score"],
        "inertia": status["metrics"]["inertia"],
        "dataset_id": "bundled",
        "rows": 5000,
    }
    assert status["metrics"]["n_clusters"] == 5
    assert status["created_at"].endswith("Z") and status["finished_at"].endswith("Z")


def test_status_walks_through_every_stage_with_growing_progress(
    trainer: Trainer, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[dict[str, Any]] = []
    original_write = JobStatus._write

    def record(self: JobStatus) -> None:
        written.append(dict(self.record))
        original_write(self)

    monkeypatch.setattr(JobStatus, "_write", record)
    trainer.train(k_min=2, k_max=4)
    stages = [entry["stage"] for entry in written if entry["status"] == "running"]
    assert list(dict.fromkeys(stages)) == STAGES
    assert stages.count("selecting_k") >= 3  # progress reported per K
    progress = [entry["progress"] for entry in written]
    assert progress == sorted(progress)
    assert written[-1]["status"] == "succeeded"


def test_queued_status_from_the_api_keeps_its_created_at_and_params(trainer: Trainer) -> None:
    queued = {
        "job_id": "job-queued",
        "status": "queued",
        "created_at": "2026-01-02T03:04:05.000Z",
        "params": {"k": 3},
        "requested_by": "user-1",
    }
    trainer.put_raw(job_key("job-queued"), json.dumps(queued).encode())
    status = trainer.train(job_id="job-queued", k=3)
    assert status["status"] == "succeeded"
    assert status["created_at"] == "2026-01-02T03:04:05.000Z"
    assert status["requested_by"] == "user-1"
    assert status["params"]["k"] == 3 and status["params"]["dataset_id"] == "bundled"


def test_a_csv_with_other_headers_trains_on_its_features_and_predicts_with_them(
    trainer: Trainer,
) -> None:
    customers = generate_customers(1_500, seed=11)
    lines = ["Gender,Age,Annual Income (k$),Spending Score (1-100)"]
    lines += [
        f"{sex},{age},{income},{spending}"
        for sex, age, income, spending in zip(
            customers.sex,
            customers.age,
            customers.annual_income,
            customers.spending_score,
            strict=True,
        )
    ]
    trainer.upload_dataset("mall", "\n".join(lines) + "\n")
    status = trainer.train(dataset_id="mall")
    assert status["status"] == "succeeded", status["error"]
    document = trainer.document(status["model_version"])
    assert document["features"] == ["age", "annual_income", "spending_score"]
    assert all(c["avg_purchase_frequency"] is None for c in document["clusters"])
    batch = parse_csv("Age,Income,Spending Score\n25,30,85\n45,125,15\n", features=document["features"])
    scorer = Scorer(document)
    predictions = [scorer.predict_one(row) for row in batch.rows]  # type: ignore[arg-type]
    names = [p["cluster_name"] for p in predictions]
    assert len(set(names)) == 2
    assert all(p["confidence"] > 0.5 for p in predictions)


def test_training_on_a_chosen_subset_of_features(trainer: Trainer) -> None:
    status = trainer.train(features=["spending_score", "annual_income"], k=5)
    document = trainer.document(status["model_version"])
    assert document["features"] == ["annual_income", "spending_score"]
    assert len(document["scaler"]["mean"]) == 2
    assert document["k_selection"]["method"] == "fixed"
    assert len(document["clusters"]) == 5


def _train_once_and_then_fail(trainer: Trainer, **failing_event: Any) -> tuple[str, dict[str, Any]]:
    first = trainer.train(k=5)
    assert first["status"] == "succeeded"
    return first["model_version"], trainer.train(job_id="failing-job", **failing_event)


def test_a_missing_dataset_fails_with_the_reason_and_keeps_the_active_model(
    trainer: Trainer,
) -> None:
    active, failed = _train_once_and_then_fail(trainer, dataset_id="nope")
    assert failed["status"] == "failed"
    assert failed["error"] == "Dataset 'nope' was not found."
    assert failed["model_version"] is None and failed["finished_at"] is not None
    assert trainer.job("failing-job") == failed
    assert trainer.active_version() == active


@pytest.mark.parametrize(
    ("event", "error"),
    [
        ({"k_min": 6, "k_max": 3}, "k_max (3) must not be less than k_min (6)."),
        ({"k": 1}, "k must be an integer from 2 to 15."),
        ({"features": ["age"]}, "Features must be a list of 2-50 columns"),
        ({"features": ["age", "height"]}, "The dataset has no column 'height'"),
        ({"activate": "yes"}, "activate must be true or false."),
    ],
)
def test_invalid_job_parameters_fail_with_the_reason(
    trainer: Trainer, event: dict[str, Any], error: str
) -> None:
    failed = trainer.train(**event)
    assert failed["status"] == "failed"
    assert failed["error"].startswith(error)
    assert trainer.active_version() is None


def test_too_few_valid_rows_fail(trainer: Trainer) -> None:
    trainer.upload_dataset("small", "age,annual_income\n20,10\n30,20\n40,30\n")
    failed = trainer.train(dataset_id="small")
    assert failed["error"] == ("The dataset has 3 valid rows; training with K up to 10 needs at least 11.")


def test_a_storage_failure_while_exporting_keeps_the_active_model(
    trainer: Trainer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_save(*args: Any, **kwargs: Any) -> None:
        raise ClientError({"Error": {"Code": "SlowDown", "Message": "Slow down"}}, "PutObject")

    first = trainer.train(k=5)
    monkeypatch.setattr(segtrainer.jobs, "save_model", broken_save)
    failed = trainer.train(k=4)
    assert failed["status"] == "failed"
    assert failed["stage"] == "exporting"
    assert "the artifact store failed" in failed["error"] and "SlowDown" in failed["error"]
    assert trainer.active_version() == first["model_version"]


def test_rejected_rows_are_left_out_and_counted(trainer: Trainer) -> None:
    body = bundled_csv_text().splitlines()
    body[1] = "1,Male,12,50,50,10"  # age below 18
    trainer.put_raw("datasets/dirty/data.csv", ("\n".join(body) + "\n").encode())
    status = trainer.train(dataset_id="dirty", k=5)
    assert status["metrics"]["rejected_rows"] == 1
    assert status["metrics"]["rows"] == 4_999


def test_the_same_seed_gives_the_same_model(trainer: Trainer) -> None:
    first = trainer.document(trainer.train(seed=7, activate=False)["model_version"])
    second = trainer.document(trainer.train(seed=7, activate=False)["model_version"])
    for key in ("centroids", "clusters", "elbow", "projection", "priors", "variance"):
        assert first[key] == second[key], key  # type: ignore[literal-required]


def test_activate_false_leaves_the_pointer_alone(trainer: Trainer) -> None:
    active = trainer.train(k=5)["model_version"]
    status = trainer.train(k=4, activate=False)
    assert status["status"] == "succeeded" and status["metrics"]["activated"] is False
    assert trainer.active_version() == active


def test_a_retrain_carries_a_renamed_segment_and_records_how_segments_moved(
    trainer: Trainer,
) -> None:
    first_version = trainer.train(seed=1)["model_version"]
    first = trainer.document(first_version)
    high_value = next(c for c in first["clusters"] if c["name"] == "High-Value Customers")
    renamed = rename_cluster(first, high_value["cluster_id"], name="VIP", description="Our best")
    trainer.put_raw(model_document_key(first_version), dumps(renamed).encode())

    second = trainer.document(trainer.train(seed=2)["model_version"])
    vip = next(c for c in second["clusters"] if c["name"] == "VIP")
    assert (vip["description"], vip["renamed"]) == ("Our best", True)
    assert np.allclose(list(vip["centroid"].values()), list(high_value["centroid"].values()), rtol=0.05)
    assert second["previous_version"] == first_version
    assert second["moved"] is not None
    moved = {entry["name"]: entry for entry in second["moved"]}
    assert moved["VIP"]["previous_cluster_id"] == high_value["cluster_id"]
    assert moved["VIP"]["centroid_shift"] is not None and moved["VIP"]["centroid_shift"] < 0.2
    assert {entry["previous_name"] for entry in second["moved"]} == {c["name"] for c in renamed["clusters"]}
    # Colours go with the names; the movement matrix covers every training customer.
    colors = {c["name"]: c["color"] for c in renamed["clusters"]}
    assert {c["name"]: c["color"] for c in second["clusters"]} == colors
    assert len(set(colors.values())) == len(colors)
    movement = second["movement"]
    assert movement is not None and movement["previous_version"] == first_version
    assert sum(map(sum, movement["matrix"])) == movement["customers"] == second["rows"]
    assert movement["moved_share"] < 0.01


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_local_invoke_runs_a_job_in_its_own_process_against_a_moto_server() -> None:
    import boto3
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    try:
        endpoint = f"http://127.0.0.1:{port}"
        s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=endpoint)
        s3.create_bucket(Bucket="local-artifacts")
        Trainer(s3=s3, bucket="local-artifacts").upload_dataset("bundled", bundled_csv_text())
        env = {
            **os.environ,
            "ARTIFACTS_BUCKET": "local-artifacts",
            "AWS_ENDPOINT_URL": endpoint,
            "PYTHONPATH": "",
        }
        completed = subprocess.run(
            [sys.executable, "local_invoke.py", json.dumps({"job_id": "local-1", "k": 5})],
            cwd=TRAINING_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        status = json.loads(completed.stdout)
        assert status["status"] == "succeeded"
        pointer = json.loads(s3.get_object(Bucket="local-artifacts", Key=ACTIVE_POINTER_KEY)["Body"].read())
        assert pointer == {"version": status["model_version"]}
    finally:
        server.stop()
