"""The whole training flow on the real local stack: upload, train with the real trainer, activate,
predict with the features the new model has, roll back."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support.stack import ROOT, LocalStack, wait_until_serving

ADMIN_PASSWORD = "integration trainer secret 9"
HEADERS = ("Gender", "Age", "Annual Income (k$)", "Spending Score (1-100)")
SOURCE_COLUMNS = ("Sex", "Age", "Annual_Income", "Spending_Score")
ROWS = 1500


def user_csv() -> str:
    """The first rows of the bundled data as a user exports them: other headers, no frequency."""
    with open(ROOT / "data" / "customers.csv", newline="") as source:
        rows = list(csv.DictReader(source))[:ROWS]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows([row[column] for column in SOURCE_COLUMNS] for row in rows)
    return buffer.getvalue()


def wait_for_job(stack: LocalStack, job_id: str, token: str, timeout: float = 180) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, job = stack.call("GET", f"/train/{job_id}", token=token)
        assert status == 200, job
        if job["status"] in ("succeeded", "failed"):
            metrics = job.get("metrics") or {}
            return {
                **job,
                "message": job.get("error") or "trained",
                **{k: metrics.get(k) for k in ("n_clusters", "silhouette_score", "inertia")},
            }
        time.sleep(1)
    raise AssertionError(f"training job {job_id} did not finish in {timeout} s")


def post_csv(stack: LocalStack, path: str, text: str, token: str) -> tuple[int, Any]:
    return stack.call("POST", path, token=token, data=text.encode(), content_type="text/csv")


@pytest.fixture()
def stack(tmp_path: Path):
    running = LocalStack(tmp_path / "state", admin_password=ADMIN_PASSWORD)
    yield running
    running.stop()


def test_upload_train_activate_predict_and_roll_back(stack: LocalStack) -> None:
    stack.start()
    status, login = stack.call("POST", "/auth/login", {"username": "admin", "password": ADMIN_PASSWORD})
    assert status == 200, login
    token = login["access_token"]
    status, before = stack.call("GET", "/models", token=token)
    assert status == 200, before
    old_version = before["active_version"]
    assert old_version and len(before["models"]) == 1

    status, dataset = post_csv(stack, "/datasets", user_csv(), token)
    assert status == 201, dataset
    assert dataset["status"] == "ready"
    assert dataset["rows"] == ROWS and dataset["rejected_rows"] == 0
    assert [c["name"] for c in dataset["columns"]] == list(HEADERS)
    assert [c["type"] for c in dataset["columns"]] == ["categorical", "numeric", "numeric", "numeric"]

    # The profile suggests Gender too (a two-valued category); this flow trains the replaced
    # system's three numbers, chosen by the dataset's own headers.
    chosen = list(HEADERS[1:])
    status, trained = stack.call(
        "POST",
        "/train?wait=25",
        {"dataset_id": dataset["dataset_id"], "features": chosen, "activate": False},
        token=token,
    )
    assert status in (200, 202), trained
    if status == 202:  # a slow machine: the job goes on; follow it as the SPA does
        trained = wait_for_job(stack, trained["job_id"], token)
    assert trained["status"] == "succeeded", trained
    new_version = trained["model_version"]
    assert new_version and new_version != old_version
    assert trained["n_clusters"] >= 2 and trained["silhouette_score"] > 0 and trained["inertia"] > 0
    assert trained["message"]

    status, job = stack.call("GET", f"/train/{trained['job_id']}", token=token)
    assert status == 200, job
    assert (job["status"], job["model_version"], job["progress"]) == ("succeeded", new_version, 1.0)
    assert job["started_at"] and job["finished_at"] and job["error"] is None
    assert job["metrics"]["features"] == ["age", "annual_income", "spending_score"]

    status, models = stack.call("GET", "/models", token=token)
    assert status == 200
    assert models["active_version"] == old_version
    assert {m["version"] for m in models["models"]} == {old_version, new_version}
    status, detail = stack.call("GET", f"/models/{new_version}", token=token)
    assert status == 200, detail
    assert detail["dataset_id"] == dataset["dataset_id"] and detail["rows"] == ROWS
    assert detail["features"] == ["age", "annual_income", "spending_score"]

    status, activated = stack.call("POST", f"/models/{new_version}/activate", token=token)
    assert status == 200, activated
    assert activated["active_version"] == new_version
    wait_until_serving(stack, new_version, token)
    without_frequency = {"sex": "Female", "age": 30, "annual_income": 120, "spending_score": 85}
    status, prediction = stack.call("POST", "/predict", without_frequency, token=token)
    assert status == 200, prediction
    assert prediction["model_version"] == new_version
    assert {c["feature"] for c in prediction["explanation"]["contributions"]} == {
        "age",
        "annual_income",
        "spending_score",
    }
    status, clusters = stack.call("GET", "/clusters", token=token)
    assert clusters["model_version"] == new_version and clusters["total_customers"] == ROWS

    status, rolled_back = stack.call("POST", f"/models/{old_version}/activate", token=token)
    assert status == 200 and rolled_back["active_version"] == old_version
    wait_until_serving(stack, old_version, token)
    status, error = stack.call("POST", "/predict", without_frequency, token=token)
    assert status == 422, error
    assert "purchase_frequency" in {d["field"] for d in error["details"]}
    status, prediction = stack.call(
        "POST", "/predict", {**without_frequency, "purchase_frequency": 20}, token=token
    )
    assert status == 200 and prediction["model_version"] == old_version
