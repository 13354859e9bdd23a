"""Runs the trainer function's profile and score tasks in this process, against in-process moto.

The trainer's package (`segtrainer`) is importable beside the API's `chalicelib`; its `app.py`
is not needed (the tasks are called directly, as `training/app.py` routes them).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import boto3

TRAINING_DIR = Path(__file__).resolve().parents[2] / "training"


def _trainer_modules() -> tuple[Any, Any, Any, Any]:
    if str(TRAINING_DIR) not in sys.path:
        sys.path.append(str(TRAINING_DIR))
    from segtrainer.jobs import utc_now
    from segtrainer.profile_task import run_profile
    from segtrainer.score_task import run_scoring
    from segtrainer.storage import ArtifactStore

    return run_profile, run_scoring, ArtifactStore, utc_now


class InlineTrainer:
    """A dispatcher that runs each task at once and keeps the events it was given."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.paused = False

    def load(self) -> None:
        """Make ``segtrainer`` importable (tests patch its modules)."""
        _trainer_modules()

    def dispatch(self, event: dict[str, Any]) -> None:
        self.events.append(event)
        if not self.paused:
            self.run(event)

    def run(self, event: dict[str, Any]) -> dict[str, Any]:
        run_profile, run_scoring, store_class, clock = _trainer_modules()
        from chalicelib.services import services

        # The API's bucket (chalice.test applies the stage's environment during a call).
        store = store_class(boto3.client("s3", region_name="us-east-1"), services().settings.artifacts_bucket)
        if event.get("task") == "profile":
            result: dict[str, Any] = run_profile(event, store=store, clock=clock)
        else:
            result = run_scoring(event, store=store, clock=clock)
        return result


def install_inline_trainer(monkeypatch: Any) -> InlineTrainer:
    """The API's datasets and scoring jobs dispatch to an InlineTrainer for this test."""
    from chalicelib.services import services

    inline = InlineTrainer()
    inline.load()
    monkeypatch.setattr(services().datasets, "dispatcher", inline)
    monkeypatch.setattr(services().scoring_jobs, "dispatcher", inline)
    return inline
