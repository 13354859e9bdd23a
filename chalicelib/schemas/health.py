from pydantic import Field

from chalicelib.schemas.common import Out


class Root(Out):
    status: str
    message: str
    version: str


class DependencyStatus(Out):
    status: str
    detail: str | None = None


class TrainingHealth(Out):
    status: str = Field(
        description="idle, queued, running, stuck (no heartbeat: failed, lock freed) or unknown"
    )
    job_id: str | None
    detail: str | None


class Health(Out):
    status: str
    version: str
    api: DependencyStatus
    dynamodb: DependencyStatus
    s3: DependencyStatus
    model: DependencyStatus
    active_model_version: str | None
    training: TrainingHealth
