"""GET /health's checks: each dependency is asked once, in parallel, and never waited on for long.

DynamoDB and S3 are asked with their own clients (short connect and read timeouts, no retries);
every check, those included, also runs under a deadline on its own thread, so a dependency that
accepts a connection and never answers is reported ``down`` (``timeout``) within the bound.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from chalicelib.schemas.health import DependencyStatus, Health, TrainingHealth

if TYPE_CHECKING:
    from botocore.config import Config

Check = Callable[[], Any]


def health_client_config(timeout: float) -> Config:
    from botocore.config import Config

    return Config(connect_timeout=timeout, read_timeout=timeout, retries={"total_max_attempts": 1})


class _Outcome:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None


def _start(check: Check) -> _Outcome:
    outcome = _Outcome()

    def run() -> None:
        try:
            outcome.value = check()
        except BaseException as exc:  # reported as the dependency's state, never raised
            outcome.error = exc
        finally:
            outcome.done.set()

    threading.Thread(target=run, name="health-check", daemon=True).start()
    return outcome


class HealthChecker:
    def __init__(
        self,
        *,
        dynamodb: Check,
        s3: Check,
        model_version: Check,
        training: Check,
        timeout_seconds: float,
    ) -> None:
        self.checks = {"dynamodb": dynamodb, "s3": s3, "model": model_version, "training": training}
        self.timeout_seconds = timeout_seconds

    def run(self) -> dict[str, tuple[str, Any]]:
        """``{name: ("ok", value) | ("down", reason)}`` within about ``timeout_seconds``."""
        started = {name: _start(check) for name, check in self.checks.items()}
        deadline = time.monotonic() + self.timeout_seconds
        results: dict[str, tuple[str, Any]] = {}
        for name, outcome in started.items():
            if not outcome.done.wait(max(0.0, deadline - time.monotonic())):
                results[name] = ("down", "timeout")
            elif outcome.error is not None:
                results[name] = ("down", type(outcome.error).__name__)
            else:
                results[name] = ("ok", outcome.value)
        return results

    def report(self, version: str) -> Health:
        results = self.run()

        def dependency(name: str) -> DependencyStatus:
            state, value = results[name]
            return (
                DependencyStatus(status="ok")
                if state == "ok"
                else DependencyStatus(status="down", detail=value)
            )

        model_state, active_version = results["model"]
        if model_state != "ok":
            model = DependencyStatus(status="down", detail=active_version)
            active_version = None
        elif active_version:
            model = DependencyStatus(status="ok", detail=None)
        else:
            model = DependencyStatus(status="none", detail="No active model")
        training = _training_view(*results["training"])
        healthy = all(results[name][0] == "ok" for name in ("dynamodb", "s3")) and training.status != "stuck"
        return Health(
            status="healthy" if healthy else "degraded",
            version=version,
            api=DependencyStatus(status="ok"),
            dynamodb=dependency("dynamodb"),
            s3=dependency("s3"),
            model=model,
            active_model_version=active_version,
            training=training,
        )


def _training_view(state: str, job: Any) -> TrainingHealth:
    if state != "ok":
        return TrainingHealth(status="unknown", job_id=None, detail=f"not checked: {job}")
    if not job:
        return TrainingHealth(status="idle", job_id=None, detail=None)
    if job.get("stale"):
        return TrainingHealth(status="stuck", job_id=job["job_id"], detail=job.get("error"))
    if job["status"] in ("queued", "running"):
        return TrainingHealth(status=job["status"], job_id=job["job_id"], detail=job.get("stage"))
    return TrainingHealth(status="idle", job_id=job["job_id"], detail=f"last job {job['status']}")
