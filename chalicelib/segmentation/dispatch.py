"""Starting the trainer: an async Lambda invoke in AWS, a separate process locally."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

TRAINING_DIR = Path(__file__).resolve().parents[2] / "training"


class TrainerDispatcher(Protocol):
    def dispatch(self, event: dict[str, Any]) -> None: ...


class LambdaDispatcher:
    """Invokes the trainer asynchronously; the Lambda client is made on the first dispatch, so a
    container that never starts a training job never pays for it."""

    def __init__(self, lambda_client: Callable[[], Any], function_name: str) -> None:
        self.client = lambda_client
        self.function_name = function_name

    def dispatch(self, event: dict[str, Any]) -> None:
        self.client().invoke(
            FunctionName=self.function_name, InvocationType="Event", Payload=json.dumps(event).encode()
        )


class LocalProcessDispatcher:
    """`chalice local` has no async Lambda endpoint: run the trainer as its own process."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir

    def dispatch(self, event: dict[str, Any]) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"train-{event['job_id']}.log", "ab")  # noqa: SIM115 - child owns it
        subprocess.Popen(
            [sys.executable, "local_invoke.py", json.dumps(event)],
            cwd=TRAINING_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
