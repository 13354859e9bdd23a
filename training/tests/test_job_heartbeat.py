"""A running job beats (rewrites its status) and stops when the API has finished it from outside."""

from __future__ import annotations

import dataclasses
import json
import time
from typing import Any

import pytest
import segtrainer.jobs
from conftest import Trainer
from segtrainer.jobs import run_job
from segtrainer.settings import ConfigurationError, load_settings

from segcore.layout import job_key


def test_a_running_job_refreshes_its_heartbeat(trainer: Trainer, monkeypatch) -> None:
    beats: list[float] = []
    real_fit = segtrainer.jobs.fit_model

    def slow_fit(*args: Any, **kwargs: Any) -> Any:
        for _ in range(3):
            time.sleep(0.25)
            beats.append(trainer.job("beating")["heartbeat_at"])
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
        time.sleep(0.3)  # several heartbeats: the trainer reads the verdict
        return fitted

    monkeypatch.setattr(segtrainer.jobs, "fit_model", fit_then_get_cancelled)
    before = trainer.active_version()
    settings = dataclasses.replace(trainer.settings, heartbeat_seconds=0.05)
    status = run_job({"job_id": "cancelled", "k": 3}, s3_client=trainer.s3, settings=settings)
    assert (status["status"], status["error"]) == ("failed", verdict)
    stored = trainer.job("cancelled")
    assert (stored["status"], stored["stage"], stored["error"]) == ("failed", "cancelled", verdict)
    assert trainer.active_version() == before  # never activated


def test_heartbeat_interval_comes_from_the_environment() -> None:
    env = {"ARTIFACTS_BUCKET": "b"}
    assert load_settings(env).heartbeat_seconds == 10.0
    assert load_settings({**env, "TRAINER_HEARTBEAT_SECONDS": "0.5"}).heartbeat_seconds == 0.5
    for bad in ("0", "-1", "soon"):
        with pytest.raises(ConfigurationError):
            load_settings({**env, "TRAINER_HEARTBEAT_SECONDS": bad})
