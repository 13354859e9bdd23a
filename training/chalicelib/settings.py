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


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    bucket = env.get("ARTIFACTS_BUCKET", "").strip()
    if not bucket:
        raise ConfigurationError("ARTIFACTS_BUCKET is not set")
    return Settings(
        artifacts_bucket=bucket,
        aws_region=env.get("AWS_DEFAULT_REGION", "").strip() or "us-east-1",
        aws_endpoint_url=env.get("AWS_ENDPOINT_URL", "").strip() or None,
    )
