"""The real trainer process is killed mid-job: the job is failed and a new one starts within 2 minutes."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.support.stack import LocalStack

ADMIN_PASSWORD = "integration trainer secret 9"


def trainer_pid(job_id: str) -> int | None:
    """The local dispatcher's process for this job (`python local_invoke.py <event>`)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(part.endswith(b"local_invoke.py") for part in cmdline) and job_id.encode() in b" ".join(
            cmdline
        ):
            return int(entry.name)
    return None


@pytest.fixture()
def stack(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("JOB_HEARTBEAT_TIMEOUT_SECONDS", "20")  # the trainer imports sklearn first
    monkeypatch.setenv("TRAINER_HEARTBEAT_SECONDS", "1")
    running = LocalStack(tmp_path / "state", admin_password=ADMIN_PASSWORD)
    yield running
    running.stop()


def test_a_killed_trainer_fails_its_job_and_frees_the_lock(stack: LocalStack) -> None:
    stack.start()
    status, login = stack.call("POST", "/auth/login", {"username": "admin", "password": ADMIN_PASSWORD})
    assert status == 200, login
    token = login["access_token"]
    status, job = stack.call("POST", "/train", {"k_min": 2, "k_max": 15, "activate": False}, token=token)
    assert status == 202, job
    job_id = job["job_id"]
    deadline = time.monotonic() + 60
    pid = None
    while time.monotonic() < deadline:  # kill it once it is really running
        _, seen = stack.call("GET", f"/train/{job_id}", token=token)
        pid = trainer_pid(job_id)
        if seen["status"] == "running" and pid:
            break
        assert seen["status"] in ("queued", "running"), seen
        time.sleep(0.05)
    assert pid, "the trainer process was not found while running"
    os.kill(pid, signal.SIGKILL)
    killed_at = time.monotonic()

    status, blocked = stack.call("POST", "/train", {"activate": False}, token=token)
    assert (status, blocked["code"]) == (409, "training_in_progress")
    while time.monotonic() - killed_at < 120:
        status, started = stack.call("POST", "/train", {"activate": False}, token=token)
        if status == 202:
            break
        assert status == 409, started
        time.sleep(1)
    assert status == 202, "no new job could start within 2 minutes of the kill"
    _, dead = stack.call("GET", f"/train/{job_id}", token=token)
    assert dead["status"] == "failed" and "heartbeat" in dead["error"]
    _, health = stack.call("GET", "/health")
    assert health["training"]["job_id"] == started["job_id"]
