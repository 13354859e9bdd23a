"""Datasets (uploads, profiles) and scoring jobs: request and response schemas."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field

from chalicelib.schemas.common import Schema, StrictBody
from segcore import jobs


class UploadBody(StrictBody):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=True)

    filename: str = Field(min_length=1, max_length=1024)
    size_bytes: int = Field(ge=0, description=f"at most {jobs.MAX_UPLOAD_BYTES} (5 GiB)")
    kind: Literal["customers", "transactions"] = "customers"


class InlineUploadQuery(Schema):
    model_config = ConfigDict(extra="ignore")

    filename: str = Field(default="upload.csv", min_length=1, max_length=1024)
    kind: Literal["customers", "transactions"] = "customers"


class PresignedUpload(Schema):
    url: str
    method: Literal["POST", "PUT"]
    fields: dict[str, str] | None = None
    headers: dict[str, str] | None = None


class UploadOut(Schema):
    dataset_id: str
    upload: PresignedUpload
    expires_at: str


class ColumnProfileOut(Schema):
    model_config = ConfigDict(extra="allow")

    name: str
    type: Literal["numeric", "categorical", "id", "date", "text"]
    missing: int
    distinct: int
    distinct_exact: bool = True
    min: float | str | None = None
    max: float | str | None = None
    mean: float | None = None
    std: float | None = None
    integer: bool | None = None
    skewness: float | None = None
    quantiles: dict[str, float] | None = Field(default=None, description="p05, p25, p50, p75, p95")
    histogram: dict[str, Any] | None = Field(
        default=None, description="{edges, counts, sampled}: 20 equal-width bins between min and max"
    )
    top_values: list[dict[str, Any]] | None = Field(
        default=None, description="[{value, count}], most frequent first"
    )
    suggested: Literal["feature", "id", "ignore"]
    suggested_transform: Literal["none", "log"] | None = None


class DatasetOut(Schema):
    model_config = ConfigDict(extra="allow")

    dataset_id: str
    filename: str
    kind: str
    status: Literal["uploading", "profiling", "ready", "failed"]
    size_bytes: int
    rows: int | None
    rejected_rows: int | None
    columns: list[ColumnProfileOut]
    errors: list[dict[str, Any]]
    id_column: str | None = None
    error: str | None = None
    created_at: str
    uploaded_by: str | None


class DatasetList(Schema):
    datasets: list[DatasetOut]


class ScoringJobBody(StrictBody):
    dataset_id: str = Field(min_length=1, max_length=128)
    model_version: str | None = Field(
        default=None,
        min_length=1,
        max_length=128,
        description="Score with this model version (analyst or admin); default: the active model",
    )


class ScoringJobOut(Schema):
    model_config = ConfigDict(extra="allow")

    job_id: str
    status: Literal["queued", "running", "succeeded", "failed"]
    progress: float
    rows: int
    failed: int
    summary: dict[str, int]
    dataset_id: str
    model_version: str
    download_url: str | None = None
    expires_at: str | None = None
    error: str | None = None
    created_at: str
    finished_at: str | None = None


class ScoringJobList(Schema):
    jobs: list[ScoringJobOut]
