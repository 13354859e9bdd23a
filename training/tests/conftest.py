"""Fixtures: an in-process moto S3, a bucket per test, the bundled dataset and its model."""

from __future__ import annotations

import csv
import itertools
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest

# Before any boto3 client exists: fake credentials, and no moto server (in-process moto).
os.environ.update(
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_SESSION_TOKEN="testing",
    AWS_DEFAULT_REGION="us-east-1",
)
os.environ.pop("AWS_ENDPOINT_URL", None)

from moto import mock_aws
from segtrainer.jobs import run_job
from segtrainer.settings import Settings

from segcore.document import Cluster, ModelDocument, loads
from segcore.features import parse_csv, to_canonical_csv
from segcore.layout import (
    ACTIVE_POINTER_KEY,
    dataset_key,
    job_key,
    model_document_key,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
_bucket_numbers = itertools.count()


@dataclass
class Trainer:
    """A bucket and the trainer pointed at it."""

    s3: Any
    bucket: str

    @property
    def settings(self) -> Settings:
        return Settings(artifacts_bucket=self.bucket, aws_region="us-east-1", aws_endpoint_url=None)

    def upload_dataset(self, dataset_id: str, csv_text: str) -> None:
        """Store a dataset as the API does: parsed, then written with canonical headers."""
        parsed = parse_csv(csv_text)
        body = to_canonical_csv(parsed.rows, list(parsed.columns))
        self.s3.put_object(Bucket=self.bucket, Key=dataset_key(dataset_id), Body=body.encode())

    def put_raw(self, key: str, body: bytes) -> None:
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=body)

    def get_raw(self, key: str) -> bytes:
        return self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def train(self, **event: Any) -> dict[str, Any]:
        event.setdefault("job_id", f"job-{next(_bucket_numbers)}")
        return run_job(event, s3_client=self.s3, settings=self.settings)

    def document(self, version: str) -> ModelDocument:
        return loads(self.get_raw(model_document_key(version)))

    def active_version(self) -> str | None:
        try:
            return json.loads(self.get_raw(ACTIVE_POINTER_KEY))["version"]
        except self.s3.exceptions.NoSuchKey:
            return None

    def job(self, job_id: str) -> dict[str, Any]:
        return json.loads(self.get_raw(job_key(job_id)))


@pytest.fixture(scope="session")
def aws() -> Iterator[None]:
    with mock_aws():
        yield


def make_trainer() -> Trainer:
    s3 = boto3.client("s3", region_name="us-east-1")
    bucket = f"artifacts-{next(_bucket_numbers)}"
    s3.create_bucket(Bucket=bucket)
    return Trainer(s3=s3, bucket=bucket)


@pytest.fixture
def trainer(aws: None) -> Trainer:
    """A fresh bucket holding the bundled dataset."""
    fresh = make_trainer()
    fresh.upload_dataset("bundled", bundled_csv_text())
    return fresh


def bundled_csv_text() -> str:
    return (DATA_DIR / "customers.csv").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def personas() -> list[str]:
    with (DATA_DIR / "customers_personas.csv").open(encoding="utf-8") as handle:
        return [row["persona"] for row in csv.DictReader(handle)]


@dataclass
class TrainedModel:
    trainer: Trainer
    status: dict[str, Any]
    document: ModelDocument


@pytest.fixture(scope="session")
def bundled_model(aws: None) -> TrainedModel:
    """The default job on the bundled dataset, trained once for the session."""
    session_trainer = make_trainer()
    session_trainer.upload_dataset("bundled", bundled_csv_text())
    status = session_trainer.train(job_id="bundled-job")
    assert status["status"] == "succeeded", status["error"]
    return TrainedModel(session_trainer, status, session_trainer.document(status["model_version"]))


def make_cluster(cluster_id: int, name: str, *, description: str = "", renamed: bool = False) -> Cluster:
    """A segment entry with only what scoring and matching read filled in."""
    return {
        "cluster_id": cluster_id,
        "name": name,
        "description": description,
        "renamed": renamed,
        "size": 1,
        "share": 0.0,
        "centroid": {},
        "avg_age": None,
        "avg_income": None,
        "avg_spending_score": None,
        "avg_purchase_frequency": None,
        "std": {},
    }


def make_document(
    *,
    names: list[str],
    mean: list[float],
    scale: list[float],
    centroids: list[list[float]],
    variance: float,
    priors: list[float],
    components: list[list[float]],
    projection_mean: list[float],
) -> ModelDocument:
    """A valid model document on age and income from hand-chosen numbers."""
    return {
        "version": "v-hand-made",
        "format_version": 1,
        "created_at": "2026-01-01T00:00:00Z",
        "dataset_id": "hand-made",
        "rows": len(names),
        "features": ["age", "annual_income"],
        "scaler": {"mean": mean, "scale": scale},
        "centroids": centroids,
        "clusters": [make_cluster(index, name) for index, name in enumerate(names)],
        "variance": variance,
        "priors": priors,
        "elbow": {"k_range": [len(names)], "inertias": [2.0], "silhouette_scores": [0.9], "optimal_k": 2},
        "metrics": {"silhouette_score": 0.9, "inertia": 2.0},
        "projection": {
            "mean": projection_mean,
            "components": components,
            "explained_variance_ratio": [0.7, 0.3],
            "sample": [],
            "centroids": [],
        },
        "drift_bins": {},
        "moved": None,
        "previous_version": None,
        "seed": 0,
        "k_selection": {"method": "fixed"},
    }


@pytest.fixture
def tiny_document() -> ModelDocument:
    """Two segments on age and income, small enough to check by hand.

    Standardized: z = ((age - 40) / 10, (income - 50) / 20); centroids (-1, 0) and (1, 0);
    sigma^2 = 0.5; equal priors. Projection: the identity plane.
    """
    return make_document(
        names=["Younger", "Older"],
        mean=[40.0, 50.0],
        scale=[10.0, 20.0],
        centroids=[[-1.0, 0.0], [1.0, 0.0]],
        variance=0.5,
        priors=[0.5, 0.5],
        components=[[1.0, 0.0], [0.0, 1.0]],
        projection_mean=[0.0, 0.0],
    )
