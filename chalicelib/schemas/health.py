from __future__ import annotations

from pydantic import BaseModel, Field


class Root(BaseModel):
    status: str
    message: str
    version: str


class DependencyStatus(BaseModel):
    status: str
    detail: str | None = None


class TrainingHealth(BaseModel):
    status: str = Field(
        description="idle, queued, running, stuck (no heartbeat: failed, lock freed) or unknown"
    )
    job_id: str | None
    detail: str | None


class Health(BaseModel):
    status: str
    version: str
    api: DependencyStatus
    dynamodb: DependencyStatus
    s3: DependencyStatus
    model: DependencyStatus
    active_model_version: str | None
    training: TrainingHealth
