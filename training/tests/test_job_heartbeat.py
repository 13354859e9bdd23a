"""A running job beats (rewrites its status) and stops when the API has finished it from outside."""

from __future__ import annotations

import dataclasses
import json
import time
from typing import Any

import pytest
import segtrainer.jobs
from conftest import Trainer
from segtrainer.jobs import JobCancelled, JobStatus, parse_params, run_job, utc_now
from segtrainer.settings import ConfigurationError, load_settings
from segtrainer.storage import ArtifactStore

from segcore.layout import job_key


def test_a_running_job_refreshes_its_heartbeat(trainer: Trainer, monkeypatch) -> None:
    beats: list[float] = []
    real_fit = segtrainer.jobs.fit_model

    def next_heartbeat(after: float) -> float:
        """The stored heartbeat once it is newer than ``after`` (given up after 10 s)."""
        deadline = time.monotonic() + 10
        beat = trainer.job("beating")["heartbeat_at"]
        while beat <= after and time.monotonic() < deadline:
            time.sleep(0.02)
            beat = trainer.job("beating")["heartbeat_at"]
        return float(beat)

    def slow_fit(*args: Any, **kwargs: Any) -> Any:
        for _ in range(3):  # the fit blocks the job's thread: only the heartbeat thread writes
            beats.append(next_heartbeat(after=beats[-1] if beats else trainer.job("beating")["heartbeat_at"]))
        return real_fit(*args, **kwargs)

    monkeypatch.setattr(segtrainer.jobs, "fit_model", slow_fit)
    settings = dataclasses.replace(trainer.settings, heartbeat_seconds=0.05)
    status = run_job({"job_id": "beating", "k": 3}, s3_client=trainer.s3, settings=settings)
    assert status["status"] == "succeeded"
    assert beats == sorted(beats) and len(set(beats)) == 3  # a new heartbeat between each look
    assert trainer.job("beating")["heartbeat_at"] >= beats[-1]


def test_a_job_failed_from_outside_stops_and_keeps_that_verdict(trainer: Trainer, monkeypatch) -> None:
    real_fit = segtrainer.jobs.fit_model
    verdict = "Cancelled by admin."

    def fit_then_get_cancelled(*args: Any, **kwargs: Any) -> Any:
        fitted = real_fit(*args, **kwargs)
        stored = trainer.job("cancelled")
        stored.update(status="failed", error=verdict, stage="cancelled")
        trainer.put_raw(job_key("cancelled"), json.dumps(stored).encode())
        time.sleep(0.3)  # several heartbeats: refused, the heartbeat thread adopts the verdict
        return fitted

    monkeypatch.setattr(segtrainer.jobs, "fit_model", fit_then_get_cancelled)
    before = trainer.active_version()
    settings = dataclasses.replace(trainer.settings, heartbeat_seconds=0.05)
    status = run_job({"job_id": "cancelled", "k": 3}, s3_client=trainer.s3, settings=settings)
    assert (status["status"], status["error"]) == ("failed", verdict)
    stored = trainer.job("cancelled")
    assert (stored["status"], stored["stage"], stored["error"]) == ("failed", "cancelled", verdict)
    assert trainer.active_version() == before  # never activated


class CancelBeforeNextWrite:
    """An artifact store on which an admin's cancel lands just before the trainer's next write:
    the interleaving in which an unconditional heartbeat wrote "running" over the verdict."""

    def __init__(self, store: ArtifactStore, trainer: Trainer, job_id: str, verdict: str) -> None:
        self._store, self._trainer, self._job_id, self._verdict = store, trainer, job_id, verdict
        self.landed = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def write_record(self, key: str, value: Any, *, version: str | None) -> str:
        if not self.landed:
            self.landed = True
            stored = self._trainer.job(self._job_id)
            stored.update(status="failed", error=self._verdict, stage="cancelled")
            self._trainer.put_raw(job_key(self._job_id), json.dumps(stored).encode())
        return self._store.write_record(key, value, version=version)


def test_a_cancel_landing_between_a_heartbeats_read_and_write_is_kept(trainer: Trainer) -> None:
    store = ArtifactStore(trainer.s3, trainer.bucket)
    status = JobStatus(store, "raced", {"k": 3}, utc_now)
    status.start(parse_params({"k": 3}))
    assert trainer.job("raced")["status"] == "running"
    raced = CancelBeforeNextWrite(store, trainer, "raced", "Cancelled by admin.")
    status._store = raced  # type: ignore[assignment]

    status.beat()

    assert raced.landed
    assert status.stopped == "Cancelled by admin."
    stored = trainer.job("raced")
    verdict = (stored["status"], stored["stage"], stored["error"])
    assert verdict == ("failed", "cancelled", "Cancelled by admin.")
    with pytest.raises(JobCancelled):
        status.stage("naming")
    status.beat()  # later beats stay silent
    assert trainer.job("raced") == stored


def test_a_lost_answer_to_the_trainers_own_write_is_not_taken_for_a_cancel(
    trainer: Trainer, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = {"k": 3, "features": ["recency_days", "annual_income"]}  # params hold tuples
    store = ArtifactStore(trainer.s3, trainer.bucket)
    status = JobStatus(store, "retried", event, utc_now)
    status.start(parse_params(event))
    stale_version = status._version
    monkeypatch.setattr(time, "time", lambda: 1.0)  # the retried write carries the same body
    status.record.update(status="succeeded", stage="done")
    status.beat()  # lands...
    status._version = stale_version  # ...but its answer was lost: the retry names the old version
    status.beat()
    assert status.stopped is None
    assert trainer.job("retried")["status"] == "succeeded"


def test_a_job_cancelled_while_queued_is_not_run(trainer: Trainer) -> None:
    before = trainer.active_version()
    queued = {"job_id": "early", "status": "failed", "stage": "cancelled", "error": "Cancelled by ada."}
    trainer.put_raw(job_key("early"), json.dumps(queued).encode())
    status = run_job({"job_id": "early", "k": 3}, s3_client=trainer.s3, settings=trainer.settings)
    assert (status["status"], status["error"]) == ("failed", "Cancelled by ada.")
    assert trainer.job("early") == queued  # untouched: no "running", no heartbeat
    assert trainer.active_version() == before


def test_a_second_delivery_of_a_finished_job_does_not_train_again(trainer: Trainer) -> None:
    first = run_job({"job_id": "twice", "k": 3}, s3_client=trainer.s3, settings=trainer.settings)
    assert first["status"] == "succeeded"
    again = run_job({"job_id": "twice", "k": 3}, s3_client=trainer.s3, settings=trainer.settings)
    assert again == trainer.job("twice") == first
    assert again["model_version"] == first["model_version"]


def test_of_two_deliveries_running_at_once_the_later_one_stops(trainer: Trainer) -> None:
    store = ArtifactStore(trainer.s3, trainer.bucket)
    queued = {"job_id": "dup", "status": "queued", "created_at": "2026-12-01T00:00:00.000Z"}
    trainer.put_raw(job_key("dup"), json.dumps(queued).encode())
    first = JobStatus(store, "dup", {"k": 3}, utc_now)
    second = JobStatus(store, "dup", {"k": 3}, utc_now)  # both read "queued"
    first.start(parse_params({"k": 3}))
    with pytest.raises(JobCancelled, match="Another run"):
        second.start(parse_params({"k": 3}))
    first.stage("fitting")
    second.beat()  # silent from now on
    stored = trainer.job("dup")
    assert (stored["stage"], stored["run"]) == ("fitting", first.record["run"])


def test_a_write_of_ours_that_landed_though_it_failed_is_written_over(trainer: Trainer) -> None:
    store = ArtifactStore(trainer.s3, trainer.bucket)
    status = JobStatus(store, "timeout", {"k": 3}, utc_now)
    status.start(parse_params({"k": 3}))
    landed = {**status.record, "progress": 0.01, "heartbeat_at": 1.0}  # then the call timed out
    store.write_record(job_key("timeout"), landed, version=status._version)
    status.stage("fitting")
    assert status.stopped is None
    assert trainer.job("timeout")["stage"] == "fitting"


def test_heartbeat_interval_comes_from_the_environment() -> None:
    env = {"ARTIFACTS_BUCKET": "b"}
    assert load_settings(env).heartbeat_seconds == 10.0
    assert load_settings({**env, "TRAINER_HEARTBEAT_SECONDS": "0.5"}).heartbeat_seconds == 0.5
    for bad in ("0", "-1", "soon"):
        with pytest.raises(ConfigurationError):
            load_settings({**env, "TRAINER_HEARTBEAT_SECONDS": bad})
