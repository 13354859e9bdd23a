"""The one place that reads the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator

Stage = Literal["local", "dev", "prod", "test"]


class Settings(BaseModel):
    """Read from environment variables of the same name in upper case (see ``from_environ``)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    app_stage: Stage = "local"
    app_version: str = "1.0.0"
    aws_region: str = Field(default="us-east-1", validation_alias=AliasChoices("aws_default_region"))
    # Set to the moto server URL for local runs; unset in AWS and under in-process moto.
    aws_endpoint_url: str | None = None
    table_prefix: str = "segmentation-local"
    artifacts_bucket: str = "segmentation-local-artifacts"

    # JWT signing key: SSM parameter in AWS stages, env or local state file locally.
    jwt_secret: str | None = None
    jwt_secret_param: str | None = None
    local_state_dir: str = ".local"
    jwt_issuer: str = "customer-segmentation"
    jwt_audience: str = "customer-segmentation-api"
    access_token_ttl_seconds: int = 1800
    jwt_leeway_seconds: int = 30

    cors_origins: str = "http://127.0.0.1:5173,http://localhost:5173"

    # argon2id cost; OWASP minimum is m=19 MiB, t=2, p=1.
    argon2_memory_kib: int = 19456
    argon2_time_cost: int = 2
    argon2_parallelism: int = 1

    login_max_failures: int = 5
    login_lockout_base_seconds: int = 30

    # Account recovery: where reset links point (the SPA; default: the first CORS origin), who
    # sends the mail (an SES identity), and how long a link lives.
    app_base_url: str | None = None
    mail_sender: str = "no-reply@example.com"
    password_reset_ttl_seconds: int = 1800
    # POST /auth/forgot-password answers no sooner than this, whatever it did (no enumeration).
    forgot_password_min_seconds: float = 0.6
    # Forgot-password requests: per address and per client IP, then locked with a growing delay.
    forgot_password_max_per_address: int = 3
    forgot_password_max_per_client: int = 10
    forgot_password_lockout_seconds: int = 900

    trainer_function_name: str | None = None
    # Set by every chalice CLI command; `chalice package` imports app.py without AWS credentials.
    aws_chalice_cli_mode: bool = False
    model_refresh_seconds: float = 5.0
    # A training job whose trainer has not beaten for this long is failed and its lock released.
    job_heartbeat_timeout_seconds: float = Field(default=60.0, gt=0)
    # Every dependency check of GET /health gives up after this long (connect and read, no retry).
    health_timeout_seconds: float = Field(default=2.0, gt=0)

    @field_validator("argon2_memory_kib")
    @classmethod
    def _owasp_memory(cls, value: int) -> int:
        if value < 19456:
            raise ValueError("argon2 memory must be at least 19 MiB (OWASP minimum)")
        return value

    @property
    def allowed_origins(self) -> frozenset[str]:
        return frozenset(o.strip() for o in self.cors_origins.split(",") if o.strip())

    @property
    def dynamodb_host(self) -> str | None:
        """PynamoDB talks to moto server by URL locally; None means real AWS or mock_aws."""
        return self.aws_endpoint_url

    @property
    def spa_base_url(self) -> str:
        """The SPA's origin, for links in mails: APP_BASE_URL, else the first CORS origin."""
        if self.app_base_url:
            return self.app_base_url.rstrip("/")
        return next((o.strip() for o in self.cors_origins.split(",") if o.strip()), "").rstrip("/")

    @property
    def password_reset_template(self) -> str:
        """The SES template of the reset mail (created by make package, or at local start)."""
        return f"{self.table_prefix}-password-reset"

    def table_name(self, suffix: str) -> str:
        return f"{self.table_prefix}-{suffix}"

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        # pydantic-settings would do this too, but costs ~75 ms of every cold start to import.
        return cls.model_validate({key.lower(): value for key, value in environ.items()})


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.from_environ(os.environ)
