from __future__ import annotations

from pydantic import Field

from chalicelib.schemas.common import Schema


class Root(Schema):
    status: str
    message: str
    version: str


class DependencyStatus(Schema):
    status: str
    detail: str | None = None


class TrainingHealth(Schema):
    status: str = Field(
        description="idle, queued, running, stuck (no heartbeat: failed, lock freed) or unknown"
    )
    job_id: str | None
    detail: str | None


class Health(Schema):
    status: str
    version: str
    api: DependencyStatus
    dynamodb: DependencyStatus
    s3: DependencyStatus
    model: DependencyStatus
    active_model_version: str | None
    training: TrainingHealth
