"""A CRM export of 1,000,000 rows through the real local stack: presigned upload straight to the
bucket (as the SPA sends it, CORS included), then profiling by the trainer process."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import requests

from data.generate_crm import CATEGORICAL_COLUMNS, NUMERIC_COLUMNS, write
from tests.support.stack import LocalStack

ADMIN_PASSWORD = "integration customer data 7"
ROWS = 1_000_000


@pytest.fixture()
def stack(tmp_path: Path):
    running = LocalStack(tmp_path / "state", admin_password=ADMIN_PASSWORD)
    running.start()
    yield running
    running.stop()


def wait_for_dataset(stack: LocalStack, dataset_id: str, token: str, timeout: float = 600) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, dataset = stack.call("GET", f"/datasets/{dataset_id}", token=token)
        assert status == 200, dataset
        if dataset["status"] in ("ready", "failed"):
            return dict(dataset)
        time.sleep(2)
    raise AssertionError(f"dataset {dataset_id} was not profiled in {timeout} s")


def test_a_million_row_crm_export_uploads_straight_to_storage_and_is_profiled(stack, tmp_path):
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
    dataset = wait_for_dataset(stack, started["dataset_id"], token)
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
