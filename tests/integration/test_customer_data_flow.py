"""A CRM export of 1,000,000 rows through the real local stack, each step checked: presigned
upload straight to the bucket (as the SPA sends it, CORS included), profiling by the trainer
process, training on the profile's suggestions, activation, a prediction by the active schema,
and a scoring job over the whole file whose result is downloaded and read row by row."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from data.generate_crm import CATEGORICAL_COLUMNS, NUMERIC_COLUMNS, write
from tests.support.stack import LocalStack, wait_until_serving

ADMIN_PASSWORD = "integration customer data 7"
ROWS = 1_000_000


@pytest.fixture()
def stack(tmp_path: Path):
    running = LocalStack(tmp_path / "state", admin_password=ADMIN_PASSWORD)
    running.start()
    yield running
    running.stop()


def wait_for(
    stack: LocalStack,
    path: str,
    token: str,
    done: tuple[str, ...] = ("succeeded", "failed"),
    timeout: float = 600,
) -> dict[str, Any]:
    """Poll a dataset or a job (training, scoring) until its status is one of ``done``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, job = stack.call("GET", path, token=token)
        assert status == 200, job
        if job["status"] in done:
            return dict(job)
        time.sleep(2)
    raise AssertionError(f"{path} did not finish in {timeout} s")


def suggested_features(dataset: dict[str, Any]) -> list[dict[str, str]]:
    """The training request the SPA builds from the profile: its suggested features, typed, with
    the suggested transform."""
    columns = {c["name"]: c for c in dataset["columns"]}
    return [
        {"name": name, "type": columns[name]["type"]}
        | ({"transform": "log"} if columns[name].get("suggested_transform") == "log" else {})
        for name in dataset["features"]
    ]


def customer_by_schema(schema: dict[str, Any], dataset: dict[str, Any]) -> dict[str, Any]:
    """One customer with a value for every feature of the active schema: the profile's median for
    a number, its most frequent value for a category."""
    columns = {c["name"]: c for c in dataset["columns"]}
    customer: dict[str, Any] = {}
    for feature in schema["features"]:
        column = columns[feature["name"]]
        if feature["type"] == "categorical":
            customer[feature["name"]] = column["top_values"][0]["value"]
        else:
            customer[feature["name"]] = column["quantiles"]["p50"]
    return customer


def test_a_million_row_crm_export_uploads_profiles_trains_predicts_and_is_scored(stack, tmp_path):
    path = write(tmp_path / "crm.csv", ROWS)
    status, login = stack.call("POST", "/auth/login", {"username": "admin", "password": ADMIN_PASSWORD})
    assert status == 200, login
    token = login["access_token"]
    size = path.stat().st_size
    status, started = stack.call(
        "POST", "/datasets/uploads", {"filename": "crm.csv", "size_bytes": size}, token=token
    )
    assert status == 201, started
    upload = started["upload"]
    origin = f"http://127.0.0.1:{stack.web_port}"
    preflight = requests.options(
        upload["url"],
        headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        timeout=30,
    )
    assert preflight.status_code == 200 and preflight.headers["Access-Control-Allow-Origin"] in (origin, "*")
    with open(path, "rb") as handle:
        sent = requests.post(
            upload["url"], data=upload["fields"], files={"file": ("crm.csv", handle)}, timeout=300
        )
    assert sent.status_code == 204, sent.text[:500]

    status, completed = stack.call("POST", f"/datasets/{started['dataset_id']}/complete", token=token)
    assert status == 202 and completed["status"] == "profiling", completed
    dataset = wait_for(stack, f"/datasets/{started['dataset_id']}", token, done=("ready", "failed"))
    assert dataset["status"] == "ready", dataset.get("error")
    assert (dataset["rows"], dataset["rejected_rows"], dataset["size_bytes"]) == (ROWS, 0, size)
    assert dataset["id_column"] == "customer_id"
    columns = {c["name"]: c for c in dataset["columns"]}
    assert columns["customer_id"]["suggested"] == "id"
    assert columns["signup_date"]["type"] == "date" and columns["signup_date"]["suggested"] == "ignore"
    for name in NUMERIC_COLUMNS:
        assert columns[name]["type"] == "numeric" and columns[name]["suggested"] == "feature", name
    for name in CATEGORICAL_COLUMNS:
        assert columns[name]["type"] == "categorical" and columns[name]["suggested"] == "feature", name
        assert sum(v["count"] for v in columns[name]["top_values"]) == ROWS
    assert columns["avg_basket"]["suggested_transform"] == "log"
    status, listed = stack.call("GET", "/datasets", token=token)
    assert listed["datasets"][0]["dataset_id"] == started["dataset_id"]
    assert listed["datasets"][0]["filename"] == "crm.csv"

    # Train on the profile's suggestions (5 numbers, 3 categories), without activating yet.
    features = suggested_features(dataset)
    assert {f["name"] for f in features} == {*NUMERIC_COLUMNS, *CATEGORICAL_COLUMNS}
    status, queued = stack.call(
        "POST",
        "/train",
        {"dataset_id": dataset["dataset_id"], "features": features, "activate": False},
        token=token,
    )
    assert status in (200, 202), queued
    job = wait_for(stack, f"/train/{queued['job_id']}", token)
    assert job["status"] == "succeeded", job.get("error")
    version = job["model_version"]
    assert job["metrics"]["rows"] == ROWS and job["metrics"]["rejected_rows"] == 0
    assert sorted(job["metrics"]["features"]) == sorted(f["name"] for f in features)
    status, detail = stack.call("GET", f"/models/{version}", token=token)
    assert status == 200, detail
    assert detail["rows"] == ROWS and detail["dataset_id"] == dataset["dataset_id"]

    # Activate it: the schema every page follows is now the CRM's.
    status, activated = stack.call("POST", f"/models/{version}/activate", token=token)
    assert status == 200 and activated["active_version"] == version, activated
    wait_until_serving(stack, version, token)
    status, schema = stack.call("GET", "/schema", token=token)
    assert status == 200, schema
    assert schema["model_version"] == version and schema["id_column"] == "customer_id"
    kinds = {f["name"]: f["type"] for f in schema["features"]}
    assert kinds == {
        **dict.fromkeys(NUMERIC_COLUMNS, "numeric"),
        **dict.fromkeys(CATEGORICAL_COLUMNS, "categorical"),
    }
    status, clusters = stack.call("GET", "/clusters", token=token)
    assert status == 200 and clusters["total_customers"] == ROWS, clusters
    segment_names = {c["cluster_name"] for c in clusters["clusters"]}

    # One customer predicted by the active schema.
    customer = customer_by_schema(schema, dataset)
    status, prediction = stack.call("POST", "/predict", {**customer, "customer_id": "C-probe"}, token=token)
    assert status == 200, prediction
    assert prediction["model_version"] == version and prediction["customer_id"] == "C-probe"
    assert prediction["cluster_name"] in segment_names and 0 <= prediction["confidence"] <= 1

    # Score the whole file with a job and read every row of its result.
    status, scoring = stack.call("POST", "/scoring-jobs", {"dataset_id": dataset["dataset_id"]}, token=token)
    assert status == 202, scoring
    scored = wait_for(stack, f"/scoring-jobs/{scoring['job_id']}", token)
    assert scored["status"] == "succeeded", scored.get("error")
    assert (scored["rows"], scored["failed"]) == (ROWS, 0)
    assert sum(scored["summary"].values()) == ROWS and set(scored["summary"]) <= segment_names
    result = requests.get(scored["download_url"], timeout=300)
    assert result.status_code == 200, result.text[:500]
    scored_rows = csv.reader(io.StringIO(result.content.decode("utf-8")))
    header = next(scored_rows)
    with open(path, newline="") as source:
        original = csv.reader(source)
        assert header == [*next(original), "segment_id", "segment_name", "confidence", "atypical", "error"]
        count = 0
        for count, (row, given) in enumerate(zip(scored_rows, original, strict=True), start=1):
            assert row[: len(given)] == given, count  # every input column as it came, in order
            assert row[len(given) + 1] in segment_names and row[-1] == "", row
    assert count == ROWS
