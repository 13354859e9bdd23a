"""A real trained model for API tests: the trainer runs once per session against a moto server.

`trained_model_objects` (session) starts a ThreadedMotoServer, uploads the bundled dataset (as
the API stores it), runs `training/local_invoke.py` as its own process (exactly as the local
dispatcher does) and keeps every object it wrote under `models/` plus the dataset objects.
`active_model` (function) copies them into the in-process moto S3 of the current test and makes
the API's model store re-read the active pointer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest

from segcore import jobs, layout
from segcore.profiling import profile_csv
from tests.support.stack import free_port

ROOT = Path(__file__).resolve().parents[2]
TRAINING_DIR = ROOT / "training"
FIXTURE_JOB_ID = "fixture"


@dataclass(frozen=True)
class TrainedObjects:
    """Everything the fixture training run left in the bucket, by key."""

    objects: dict[str, bytes]
    version: str
    status: dict[str, Any]

    def document(self) -> dict[str, Any]:
        return dict(json.loads(self.objects[layout.model_document_key(self.version)]))


def bundled_dataset_objects(dataset_id: str = layout.BUNDLED_DATASET_ID) -> dict[str, bytes]:
    """data/customers.csv as it came and its profiled record, as DatasetService.upload stores them."""
    body = (ROOT / "data" / "customers.csv").read_bytes()
    record = jobs.dataset_record(
        dataset_id=dataset_id,
        filename="customers.csv",
        kind="customers",
        size_bytes=len(body),
        uploaded_by=None,
        created_at="2024-01-01T00:00:00Z",
        status="profiling",
    )
    record = jobs.with_profile(record, profile_csv([body]).as_dict(), "2024-01-01T00:00:00Z")
    return {
        layout.dataset_key(dataset_id): body,
        layout.dataset_meta_key(dataset_id): json.dumps(record).encode(),
    }


def _read_all(s3: Any, bucket: str, prefix: str) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            found[item["Key"]] = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
    return found


def train_in_subprocess(objects: dict[str, bytes], event: dict[str, Any]) -> TrainedObjects:
    """Run the trainer as its own process against a moto server holding ``objects``; return
    every object it left under ``models/`` and ``datasets/``."""
    from moto.server import ThreadedMotoServer

    bucket = os.environ.get("ARTIFACTS_BUCKET", "test-artifacts")
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        endpoint = f"http://127.0.0.1:{port}"
        s3 = boto3.client(
            "s3",
            region_name="us-east-1",
            endpoint_url=endpoint,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        s3.create_bucket(Bucket=bucket)
        for key, body in objects.items():
            s3.put_object(Bucket=bucket, Key=key, Body=body)
        env = {
            **os.environ,
            "AWS_ENDPOINT_URL": endpoint,
            "ARTIFACTS_BUCKET": bucket,
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
        }
        result = subprocess.run(
            [sys.executable, "local_invoke.py", json.dumps(event)],
            cwd=TRAINING_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, f"the trainer failed:\n{result.stdout}\n{result.stderr}"
        status = json.loads(result.stdout.strip().splitlines()[-1])
        found = _read_all(s3, bucket, layout.MODELS_PREFIX)
        found.update(_read_all(s3, bucket, "datasets/"))
    finally:
        server.stop()
    assert status["status"] == "succeeded", status
    assert layout.ACTIVE_POINTER_KEY in found, sorted(found)
    version = json.loads(found[layout.ACTIVE_POINTER_KEY])["version"]
    return TrainedObjects(objects=found, version=version, status=status)


@pytest.fixture(scope="session")
def trained_model_objects() -> Iterator[TrainedObjects]:
    event = {"job_id": FIXTURE_JOB_ID, "dataset_id": layout.BUNDLED_DATASET_ID, "activate": True}
    yield train_in_subprocess(bundled_dataset_objects(), event)


MALL_DATASET_ID = "mall"


def mall_dataset_objects() -> dict[str, bytes]:
    """data/mall_customers.csv as it came, and a meta listing its columns."""
    text = (ROOT / "data" / "mall_customers.csv").read_bytes()
    header = text.decode().splitlines()[0].split(",")
    meta = {
        "dataset_id": MALL_DATASET_ID,
        "filename": "mall_customers.csv",
        "rows": 200,
        "rejected_rows": 0,
        "columns": [{"name": name} for name in header],
        "created_at": "2024-01-01T00:00:00Z",
        "uploaded_by": None,
    }
    return {
        layout.dataset_key(MALL_DATASET_ID): text,
        f"datasets/{MALL_DATASET_ID}/meta.json": json.dumps(meta).encode(),
    }


@pytest.fixture(scope="session")
def mall_model_objects() -> Iterator[TrainedObjects]:
    """A model trained by the real trainer on Mall Customers' income and spending."""
    event = {
        "job_id": "mall-fixture",
        "dataset_id": MALL_DATASET_ID,
        "features": ["annual_income_thousands", "spending_score"],
        "activate": True,
    }
    yield train_in_subprocess(mall_dataset_objects(), event)


@pytest.fixture(scope="session")
def mall_gender_model_objects() -> Iterator[TrainedObjects]:
    """Mall Customers with gender (categorical) beside income and spending, K fixed at 6."""
    event = {
        "job_id": "mall-gender-fixture",
        "dataset_id": MALL_DATASET_ID,
        "features": ["gender", "annual_income_thousands", "spending_score"],
        "k": 6,
        "activate": True,
    }
    yield train_in_subprocess(mall_dataset_objects(), event)


@pytest.fixture()
def mall_gender_model(aws: None, mall_gender_model_objects: TrainedObjects) -> Iterator[TrainedObjects]:
    yield from serve(mall_gender_model_objects)


@pytest.fixture()
def mall_model(aws: None, mall_model_objects: TrainedObjects) -> Iterator[TrainedObjects]:
    """The Mall Customers model, active in this test's in-process moto S3."""
    yield from serve(mall_model_objects)


def serve(trained: TrainedObjects) -> Iterator[TrainedObjects]:
    """Put a training run's objects into this test's in-process moto S3, its model active."""
    pointer = {"version": trained.version, "revision": 1}
    put_objects({**trained.objects, layout.ACTIVE_POINTER_KEY: json.dumps(pointer).encode()})
    reload_active_model()
    yield trained
    reload_active_model()


def reload_active_model() -> None:
    """Make the API's model store re-read the active pointer on its next use."""
    from chalicelib.services import services

    services().models.invalidate()


def put_objects(objects: dict[str, bytes]) -> None:
    s3 = boto3.client("s3", region_name="us-east-1")
    bucket = os.environ["ARTIFACTS_BUCKET"]
    for key, body in objects.items():
        s3.put_object(Bucket=bucket, Key=key, Body=body)


def add_model_copy(trained: TrainedObjects, version: str) -> str:
    """A second model version (the same fit under another version id), not activated."""
    doc = trained.document()
    doc["version"] = version
    summary = json.loads(trained.objects[layout.model_summary_key(trained.version)])
    summary.update(version=version, created_at="2000-01-01T00:00:00Z")
    put_objects(
        {
            layout.model_document_key(version): json.dumps(doc).encode(),
            layout.model_summary_key(version): json.dumps(summary).encode(),
        }
    )
    return version


@pytest.fixture()
def active_model(aws: None, trained_model_objects: TrainedObjects) -> Iterator[TrainedObjects]:
    """The trained model, active in this test's in-process moto S3 (with the bundled dataset)."""
    yield from serve(trained_model_objects)


@pytest.fixture()
def no_active_model(aws: None) -> Iterator[None]:
    """An empty bucket, and a model store that has forgotten any model of an earlier test."""
    from chalicelib.services import services

    reload_active_model()
    assert services().models.active_version() is None  # reads the (missing) pointer now
    yield
    reload_active_model()
