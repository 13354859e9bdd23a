"""The one place in the trainer that reads the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


class ConfigurationError(RuntimeError):
    """A required environment variable is missing."""


@dataclass(frozen=True)
class Settings:
    artifacts_bucket: str
    aws_region: str
    # The moto server's URL in local mode; None in AWS and under in-process moto.
    aws_endpoint_url: str | None
    # How often a running job rewrites its status (its heartbeat); the API fails a job that is
    # silent for a minute, so this stays well below that.
    heartbeat_seconds: float = 10.0


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    bucket = env.get("ARTIFACTS_BUCKET", "").strip()
    if not bucket:
        raise ConfigurationError("ARTIFACTS_BUCKET is not set")
    return Settings(
        artifacts_bucket=bucket,
        aws_region=env.get("AWS_DEFAULT_REGION", "").strip() or "us-east-1",
        aws_endpoint_url=env.get("AWS_ENDPOINT_URL", "").strip() or None,
        heartbeat_seconds=_positive(env.get("TRAINER_HEARTBEAT_SECONDS", "10"), "TRAINER_HEARTBEAT_SECONDS"),
    )


def _positive(text: str, name: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ConfigurationError(f"{name} must be a number of seconds") from None
    if not value > 0:
        raise ConfigurationError(f"{name} must be positive")
    return value
