"""Datasets (uploads, profiles) and scoring jobs: request and response schemas."""

from typing import Literal

from pydantic import ConfigDict, Field

from chalicelib.schemas.common import ErrorDetail, Out, Schema, StrictBody
from segcore import jobs
from segcore.encoding import Encoding


class UploadBody(StrictBody):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=True)

    filename: str = Field(min_length=1, max_length=1024)
    size_bytes: int = Field(ge=0, description=f"at most {jobs.MAX_UPLOAD_BYTES} (5 GiB)")
    kind: Literal["customers", "transactions"] = "customers"


class InlineUploadQuery(Schema):
    model_config = ConfigDict(extra="ignore")

    filename: str = Field(default="upload.csv", min_length=1, max_length=1024)
    kind: Literal["customers", "transactions"] = "customers"


class PresignedUpload(Out):
    url: str
    method: Literal["POST", "PUT"]
    fields: dict[str, str] | None = None
    headers: dict[str, str] | None = None


class UploadOut(Out):
    dataset_id: str
    upload: PresignedUpload
    expires_at: str


class Histogram(Out):
    edges: list[float]
    counts: list[int] = Field(description="Scaled to every row when sampled")
    sampled: bool


class TopValue(Out):
    value: str
    count: int


class ColumnProfileOut(Out):
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
    histogram: Histogram | None = Field(default=None, description="20 equal-width bins between min and max")
    top_values: list[TopValue] | None = Field(default=None, description="Most frequent first")
    suggested: Literal["feature", "id", "ignore"]
    suggested_transform: Literal["none", "log"] | None = None


class Dialect(Out):
    delimiter: Literal[",", ";", "\t"]
    decimal_comma: bool
    encoding: Encoding = Field(
        default="utf-8", description="The file's text encoding, as detected; the results are written as UTF-8"
    )


class RowError(Out):
    row: int
    customer_id: str | None = None
    errors: list[ErrorDetail]


class DatasetOut(Out):
    dataset_id: str
    filename: str
    kind: Literal["customers", "transactions"]
    status: Literal["uploading", "profiling", "ready", "failed"]
    progress: float | None = Field(default=None, description="While profiling: the share done")
    size_bytes: int
    rows: int | None
    rejected_rows: int | None
    columns: list[ColumnProfileOut]
    errors: list[RowError] = Field(description="The first rows refused, with why")
    id_column: str | None = None
    features: list[str] | None = Field(default=None, description="The columns suggested as features")
    dialect: Dialect | None = None
    error: str | None = None
    created_at: str
    updated_at: str | None = None
    upload_expires_at: str | None = Field(default=None, description="While uploading: the link's expiry")
    profiled_at: str | None = None
    uploaded_by: str | None


class DatasetList(Out):
    datasets: list[DatasetOut]


class ScoringJobBody(StrictBody):
    dataset_id: str = Field(min_length=1, max_length=128)
    model_version: str | None = Field(
        default=None,
        min_length=1,
        max_length=128,
        description="Score with this model version (analyst or admin); default: the active model",
    )


class ScoringJobOut(Out):
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
    started_at: str | None = None
    finished_at: str | None = None
    updated_at: str | None = None
    requested_by: str | None = None
    history_id: str | None = Field(default=None, description="The batch's history entry, once it succeeded")
    history_recorded: bool | None = None


class ScoringJobList(Out):
    jobs: list[ScoringJobOut]
