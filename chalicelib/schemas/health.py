from __future__ import annotations

from pydantic import BaseModel


class Root(BaseModel):
    status: str
    message: str
    version: str


class DependencyStatus(BaseModel):
    status: str
    detail: str | None = None


class Health(BaseModel):
    status: str
    version: str
    api: DependencyStatus
    dynamodb: DependencyStatus
    s3: DependencyStatus
    model: DependencyStatus
    active_model_version: str | None
