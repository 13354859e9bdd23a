"""kill -9 of the whole local stack in the middle of a stream of writes loses nothing that was
acknowledged and restores a consistent state: no orphan, every counter equal to a recount."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.client import HTTPException
from pathlib import Path
from typing import Any

import pytest

from tests.support.api import STRONG_PASSWORD
from tests.support.stack import ROOT, LocalStack

ADMIN_PASSWORD = "integration durability secret 4"
WRITERS = 4
CUSTOMER = {"age": 41, "annual_income": 72.5, "spending_score": 38, "purchase_frequency": 9}


@dataclass
class Acknowledged:
    """What the API confirmed before the kill (a 2xx response), per kind."""

    users: dict[str, str] = field(default_factory=dict)  # username -> id
    profiles: dict[str, set[str]] = field(default_factory=dict)  # username -> profile ids
    predictions: dict[str, set[str]] = field(default_factory=dict)  # username -> history ids
    datasets: set[str] = field(default_factory=set)
    failures: list[Any] = field(default_factory=list)  # refusals before the kill (none expected)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Stopped(Exception):
    """The stack is being killed: a failed call now is the kill's doing."""


def _expect(status: int, wanted: int, reply: Any, acked: Acknowledged, killing: threading.Event) -> None:
    if status == wanted:
        return
    if not killing.is_set():
        with acked.lock:
            acked.failures.append((status, reply))
    raise _Stopped()


def _writer(stack: LocalStack, acked: Acknowledged, killing: threading.Event) -> None:
    """Register, sign in, then save profiles and predict until the stack goes away."""
    try:
        while True:
            name = f"w_{uuid.uuid4().hex[:10]}"
            status, user = stack.call(
                "POST",
                "/auth/register",
                {"username": name, "email": f"{name}@example.com", "password": STRONG_PASSWORD},
            )
            _expect(status, 201, user, acked, killing)
            with acked.lock:
                acked.users[name] = user["id"]
                acked.profiles[name], acked.predictions[name] = set(), set()
            status, login = stack.call("POST", "/auth/login", {"username": name, "password": STRONG_PASSWORD})
            _expect(status, 200, login, acked, killing)
            token = login["access_token"]
            for n in range(3):
                status, profile = stack.call("POST", "/profiles", {"name": f"p{n}", **CUSTOMER}, token)
                _expect(status, 201, profile, acked, killing)
                with acked.lock:
                    acked.profiles[name].add(profile["id"])
                status, prediction = stack.call("POST", "/predict", CUSTOMER, token)
                _expect(status, 200, prediction, acked, killing)
                with acked.lock:
                    acked.predictions[name].add(prediction["prediction_id"])
    except (OSError, HTTPException, _Stopped):
        return  # the stack was killed: what was acknowledged is recorded


def _uploader(stack: LocalStack, acked: Acknowledged, token: str, killing: threading.Event) -> None:
    csv_text = (ROOT / "data" / "customers.csv").read_text()[:60_000].rsplit("\n", 1)[0] + "\n"
    try:
        while True:
            status, dataset = stack.call(
                "POST", "/datasets", token=token, data=csv_text.encode(), content_type="text/csv"
            )
            _expect(status, 201, dataset, acked, killing)
            with acked.lock:
                acked.datasets.add(dataset["dataset_id"])
    except (OSError, HTTPException, _Stopped):
        return


def _recount(stack: LocalStack) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.recount"],
        cwd=ROOT,
        env=stack.aws_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.fixture()
def stack(tmp_path: Path):
    running = LocalStack(tmp_path / "state", admin_password=ADMIN_PASSWORD)
    yield running
    running.stop()


def test_sigkill_mid_stream_loses_no_acknowledged_write_and_restores_consistent_counters(
    stack: LocalStack,
) -> None:
    stack.start()
    status, admin = stack.call("POST", "/auth/login", {"username": "admin", "password": ADMIN_PASSWORD})
    assert status == 200, admin
    acked = Acknowledged()
    killing = threading.Event()
    threads = [threading.Thread(target=_writer, args=(stack, acked, killing)) for _ in range(WRITERS)]
    threads.append(threading.Thread(target=_uploader, args=(stack, acked, admin["access_token"], killing)))
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with acked.lock:
            enough = len(acked.users) >= 12 and len(acked.datasets) >= 2
        if enough:
            break
        time.sleep(0.05)
    killing.set()
    stack.kill()  # the writers are still sending: the kill lands mid-stream
    for thread in threads:
        thread.join(timeout=60)
    assert not acked.failures, acked.failures
    assert len(acked.users) >= 12, "the stream did not get going before the kill"

    stack.start()

    status, admin = stack.call("POST", "/auth/login", {"username": "admin", "password": ADMIN_PASSWORD})
    assert status == 200, admin
    missing: dict[str, Any] = {}
    for name, user_id in acked.users.items():
        status, login = stack.call("POST", "/auth/login", {"username": name, "password": STRONG_PASSWORD})
        if status != 200 or login["user"]["id"] != user_id:
            missing[name] = ("user", status)
            continue
        token = login["access_token"]
        _, profiles = stack.call("GET", "/profiles?limit=200", token=token)
        _, history = stack.call("GET", "/history?limit=200", token=token)
        lost_profiles = acked.profiles[name] - {p["id"] for p in profiles["profiles"]}
        lost_predictions = acked.predictions[name] - {h["id"] for h in history["history"]}
        if lost_profiles or lost_predictions:
            missing[name] = (sorted(lost_profiles), sorted(lost_predictions))
    status, datasets = stack.call("GET", "/datasets", token=admin["access_token"])
    assert status == 200, datasets
    lost_datasets = acked.datasets - {d["dataset_id"] for d in datasets["datasets"]}
    if lost_datasets:
        missing["datasets"] = sorted(lost_datasets)
    assert not missing, f"acknowledged writes lost by kill -9: {missing}"

    report = _recount(stack)
    assert report["orphans"] == {"history": [], "profiles": [], "guards": []}
    assert report["differences"] == {}, report["differences"]
    status, stats = stack.call("GET", "/admin/stats", token=admin["access_token"])
    assert status == 200, stats
    assert stats["users"]["total"] >= len(acked.users) + 1
