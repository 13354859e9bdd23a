from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, field_validator

from chalicelib.schemas.common import PageQuery, StrictBody, Whole
from segcore.features import FEATURES, NUMERIC_FEATURES, FeatureValueError, normalise_sex


def _range(name: str) -> Any:
    """The feature's bounds and label from segcore, the one place they are defined."""
    spec = FEATURES[name]
    return Field(ge=spec.minimum, le=spec.maximum, description=spec.label)


# The smallest magnitude DynamoDB can store (numbers range over 1e-130 .. 1e126): a non-zero
# value below it is refused (422) rather than silently rounded to 0.
SMALLEST_STORABLE = 1e-130


def _storable(value: float) -> float:
    if 0 < abs(value) < SMALLEST_STORABLE:
        raise ValueError(f"must be 0 or at least {SMALLEST_STORABLE:g} in magnitude")
    return value


# Strict: booleans, strings and non-integral numbers are refused, never coerced (55.0 is 55).
Age = Annotated[Whole, _range("age")]
Income = Annotated[
    float,
    Strict(),
    Field(allow_inf_nan=False),
    _range("annual_income"),
    AfterValidator(_storable),
]
Spending = Annotated[Whole, _range("spending_score")]
Frequency = Annotated[Whole, _range("purchase_frequency")]


class CustomerFeatures(StrictBody):
    """A customer. Numeric features the active model was not trained on may be left out."""

    sex: str | None = Field(default=None, description="Male or Female (M/F, any case); display only")
    age: Age | None = None
    annual_income: Income | None = Field(default=None, description="Annual income in thousands")
    spending_score: Spending | None = None
    purchase_frequency: Frequency | None = Field(default=None, description="Purchases per year")

    @field_validator("sex")
    @classmethod
    def _sex(cls, value: str | None) -> str | None:
        try:
            return normalise_sex(value)
        except FeatureValueError as exc:
            raise ValueError(exc.message) from None

    def values(self) -> dict[str, Any]:
        return self.model_dump(include={"sex", *NUMERIC_FEATURES})


class ClusterProbability(BaseModel):
    cluster: int
    cluster_name: str
    probability: float


class Contribution(BaseModel):
    feature: str
    label: str
    value: float
    z_score: float
    contribution: float = Field(description="(z - runner-up)^2 - (z - segment)^2 in standardised units")
    direction: str


class ExplanationOut(BaseModel):
    summary: str
    runner_up: ClusterProbability | None
    contributions: list[Contribution]


class Point(BaseModel):
    x: float
    y: float


class PredictionOut(BaseModel):
    prediction_id: str
    cluster: int
    cluster_name: str
    confidence: float = Field(ge=0, le=1)
    probabilities: list[ClusterProbability]
    explanation: ExplanationOut
    customer_data: dict[str, Any]
    model_version: str
    created_at: str
    projection: Point


class BatchBody(StrictBody):
    customers: list[Any] = Field(min_length=1, max_length=1000)


class BatchOut(BaseModel):
    batch_id: str
    model_version: str
    count: int
    failed: int
    summary: dict[str, int]
    results: list[dict[str, Any]]


class SegmentOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    cluster_id: int
    cluster_name: str
    description: str
    size: int
    share: float
    avg_age: float | None
    avg_income: float | None
    avg_spending_score: float | None
    avg_purchase_frequency: float | None
    centroid: dict[str, float]


class ClustersOut(BaseModel):
    model_version: str
    total_customers: int
    n_clusters: int
    features: list[str]
    metrics: dict[str, Any]
    clusters: list[SegmentOut]


class ElbowOut(BaseModel):
    model_version: str
    optimal_k: int
    k_range: list[int]
    inertias: list[float]
    silhouette_scores: list[float]


class ProjectionOut(BaseModel):
    model_version: str
    explained_variance_ratio: list[float]
    points: list[dict[str, Any]]
    centroids: list[dict[str, Any]]


class HistoryQuery(PageQuery):
    cluster: int | None = Field(default=None, ge=0)
    min_confidence: float | None = Field(default=None, ge=0, le=1)
    max_confidence: float | None = Field(default=None, ge=0, le=1)
    from_: str | None = Field(default=None, alias="from", description="ISO 8601 date or time")
    to: str | None = Field(default=None, description="ISO 8601 date or time")


class HistoryEntry(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    kind: str
    customer_data: dict[str, Any] | None
    cluster: int | None
    cluster_name: str | None
    confidence: float | None
    model_version: str
    profile_id: str | None
    created_at: str


class HistoryPage(BaseModel):
    history: list[HistoryEntry]
    total: int
    next_cursor: str | None


class TrainBody(StrictBody):
    # Strict types: "4" for k or "yes" for activate are 422, not coerced.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=True)

    k: Whole | None = Field(default=None, ge=2, le=15)
    k_min: Whole = Field(default=2, ge=2, le=15)
    k_max: Whole = Field(default=10, ge=2, le=15)
    features: list[str] | None = Field(default=None, min_length=2, max_length=4)
    dataset_id: str | None = Field(default=None, max_length=128)
    activate: bool | None = Field(
        default=None,
        description="Put the model live when done; default true for an admin, false for an analyst",
    )

    @field_validator("features")
    @classmethod
    def _known(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return value
        unknown = [f for f in value if f not in NUMERIC_FEATURES]
        if unknown:
            raise ValueError(f"unknown features {unknown}; choose from {list(NUMERIC_FEATURES)}")
        if len(set(value)) != len(value):
            raise ValueError("features must not repeat")
        return value


class TrainQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    wait: float = Field(default=0, ge=0, le=25)


class JobOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    job_id: str
    status: str
    stage: str | None = None
    progress: float | None = None
    created_at: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    model_version: str | None = None
    metrics: dict[str, Any] | None = None
    error: str | None = None


class DatasetOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    dataset_id: str
    rows: int
    rejected_rows: int
    columns: dict[str, str]
    features: list[str]
    created_at: str


class DatasetUploadOut(DatasetOut):
    errors: list[dict[str, Any]]


class DatasetList(BaseModel):
    datasets: list[DatasetOut]


class ModelSummary(BaseModel):
    version: str
    created_at: str
    n_clusters: int
    features: list[str]
    silhouette_score: float | None
    inertia: float | None
    dataset_id: str
    rows: int
    active: bool


class ModelList(BaseModel):
    active_version: str | None
    models: list[ModelSummary]


class ModelDetail(ModelSummary):
    model_config = ConfigDict(extra="allow")

    metrics: dict[str, Any]
    clusters: list[dict[str, Any]]
    elbow: dict[str, Any]
    moved: list[dict[str, Any]] | None


class RenameBody(StrictBody):
    name: str | None = Field(default=None, min_length=1, max_length=60)
    description: str | None = Field(default=None, max_length=300)
