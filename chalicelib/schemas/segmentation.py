from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator

from chalicelib.schemas.common import ErrorDetail, FeatureValue, Out, PageQuery, Schema, StrictBody, Whole
from chalicelib.schemas.datasets import RowError


class CustomerBody(Schema):
    """A customer: the active model's features by name (see `GET /schema`), and optionally
    `customer_id` (or the schema's id column). Values are checked against the schema; an
    unknown field is 422."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={"additionalProperties": {"type": ["number", "string", "null"]}},
    )

    customer_id: str | int | None = Field(default=None, description="Stored with the prediction and echoed")

    def record(self) -> dict[str, Any]:
        record = dict(self.model_extra or {})
        if "customer_id" in self.model_fields_set:
            record["customer_id"] = self.customer_id
        return record


class SchemaFeature(Out):
    name: str
    label: str
    type: Literal["numeric", "categorical"]
    unit: str | None = None
    min: float | None = Field(default=None, description="Hard lower bound")
    max: float | None = Field(default=None, description="Hard upper bound")
    integer: bool | None = None
    categories: list[str] | None = None
    transform: Literal["none", "log"] | None = None
    display_only: bool | None = Field(default=None, description="Accepted and stored, not modelled")
    required: bool | None = None


class SchemaOut(Out):
    model_version: str | None
    id_column: str | None
    features: list[SchemaFeature]


class ClusterProbability(Out):
    cluster: int
    cluster_name: str
    probability: float


class Contribution(Out):
    feature: str
    label: str
    value: float | str = Field(description="The customer's value (a category for a categorical feature)")
    z_score: float | None = Field(description="Standard deviations from the average; null for a category")
    contribution: float = Field(
        description="The feature's part of the log-odds of the segment against the runner-up: "
        "sum over its columns of ((z - runner-up)^2 - (z - segment)^2) / (2 sigma^2)"
    )
    direction: str


class ExplanationOut(Out):
    summary: str
    runner_up: ClusterProbability | None
    contributions: list[Contribution]


class Point(Out):
    x: float
    y: float


class PredictionOut(Out):
    prediction_id: str
    cluster: int
    cluster_name: str
    confidence: float = Field(ge=0, le=1)
    probabilities: list[ClusterProbability]
    typicality: float | None = Field(
        ge=0, le=1, description="Share of the segment's training customers farther from its centre"
    )
    atypical: bool = Field(description="Typicality below 0.025 or a value outside the training range")
    between_segments: bool = Field(description="The runner-up's probability is at least half the top one")
    explanation: ExplanationOut
    customer_data: dict[str, FeatureValue]
    customer_id: str | None = None
    model_version: str
    created_at: str
    projection: Point


class BatchBody(StrictBody):
    customers: list[Any] = Field(min_length=1, max_length=1000)


class BatchRowOk(Out):
    row: int = Field(description="1-based position in the request (or the CSV's data rows)")
    customer_id: str | int | None = None
    cluster: int
    cluster_name: str
    confidence: float
    typicality: float | None = None
    atypical: bool | None = None


class BatchRowError(Out):
    row: int = Field(description="1-based position in the request (or the CSV's data rows)")
    customer_id: str | int | None = None
    errors: list[ErrorDetail] = Field(description="Why the row was not scored")


# One input row: its segment, or its errors.
BatchRow = BatchRowOk | BatchRowError


class BatchOut(Out):
    batch_id: str
    model_version: str
    count: int
    failed: int
    summary: dict[str, int]
    results: list[BatchRow]


class Standout(Out):
    feature: str
    label: str
    z: float = Field(description="The centre's distance from the average, in standard deviations")


class SegmentOut(Out):
    cluster_id: int
    cluster_name: str
    description: str
    size: int
    share: float
    color: str = Field(description="The segment's one colour in every chart")
    averages: dict[str, float | str] = Field(description="Mean of each numeric feature; most common category")
    category_shares: dict[str, dict[str, float]] | None = None
    avg_age: float | None
    avg_income: float | None
    avg_spending_score: float | None
    avg_purchase_frequency: float | None
    centroid: dict[str, float]
    renamed: bool | None = Field(default=None, description="True once an analyst named it")
    std: dict[str, float] | None = Field(default=None, description="Standard deviation per numeric feature")
    z_profile: dict[str, float] | None = Field(
        default=None, description="The centre per column, in standard deviations from the average"
    )
    standout: list[Standout] | None = Field(default=None, description="What sets it apart, most first")
    defined_by: str | None = Field(default=None, description="The standout features in words")
    silhouette: float | None = Field(default=None, description="Mean silhouette of its training customers")
    stability: float | None = Field(default=None, description="Bootstrap Jaccard stability")


class ModelMetrics(Out):
    """The final fit's quality, as the trainer measured it (segtrainer.pipeline.build_document)."""

    silhouette_score: float
    inertia: float
    davies_bouldin: float
    calinski_harabasz: float
    n_iter: int
    n_init: int
    silhouette_sample_size: int
    # Written by a training job (absent from a document built outside one).
    rejected_rows: int | None = Field(default=None, description="Rows of the dataset left out as invalid")
    training_seconds: float | None = None
    # The segment profile's measures (absent from older documents).
    silhouette_per_segment: list[float] | None = None
    stability: float | None = Field(default=None, description="Mean bootstrap adjusted Rand index")
    stability_per_segment: list[float] | None = Field(
        default=None, description="Bootstrap Jaccard stability per segment"
    )
    min_segment_stability: float | None = None


class ClustersOut(Out):
    model_version: str
    total_customers: int
    n_clusters: int
    features: list[str]
    metrics: ModelMetrics
    clusters: list[SegmentOut]


class Elbow(Out):
    optimal_k: int
    k_range: list[int]
    inertias: list[float]
    silhouette_scores: list[float]
    chosen_k: int | None = Field(
        default=None, description="The K of the model (the rule's optimal_k or the analyst's k)"
    )
    calinski_harabasz_scores: list[float] | None = None
    davies_bouldin_scores: list[float] | None = None
    stability_scores: list[float] | None = Field(
        default=None, description="Mean bootstrap adjusted Rand index"
    )
    min_segment_stability: list[float] | None = Field(
        default=None, description="Lowest per-segment bootstrap Jaccard stability"
    )
    rule: str | None = Field(default=None, description="How optimal_k was chosen")


class ElbowOut(Elbow):
    model_version: str
    chosen_k: int = Field(description="The K of the model (the rule's optimal_k or the analyst's k)")


class MapPoint(Point):
    cluster: int


class ProjectionOut(Out):
    model_version: str
    method: str = Field(description="lda: the plane separating segments best; pca in older models")
    axis_labels: list[str] | None
    explained_variance_ratio: list[float]
    points: list[MapPoint] = Field(description="A sample of the training customers (at most 1000)")
    centroids: list[MapPoint] = Field(description="Each segment's centre")


class HistoryQuery(PageQuery):
    cluster: int | None = Field(default=None, ge=0)
    min_confidence: float | None = Field(default=None, ge=0, le=1)
    max_confidence: float | None = Field(default=None, ge=0, le=1)
    from_: str | None = Field(default=None, alias="from", description="ISO 8601 date or time")
    to: str | None = Field(default=None, description="ISO 8601 date or time")


class HistoryEntry(Out):
    id: str
    kind: str
    customer_data: dict[str, FeatureValue] | None
    cluster: int | None
    cluster_name: str | None
    confidence: float | None
    typicality: float | None = None
    atypical: bool | None = None
    model_version: str
    profile_id: str | None
    created_at: str
    customer_id: str | None = None
    count: int | None = Field(default=None, description="Batches: every row received")
    failed: int | None = Field(default=None, description="Batches: the rows with errors")
    summary: dict[str, int] | None = Field(default=None, description="Batches: rows per segment name")
    results: list[BatchRow] | None = Field(default=None, description="Batches, one entry: every row's result")
    probabilities: list[ClusterProbability] | None = Field(
        default=None, description="Single entries, one entry: the probabilities given"
    )
    explanation: ExplanationOut | None = Field(default=None, description="Single entries, one entry: why")


class HistoryPage(Out):
    history: list[HistoryEntry]
    total: int
    next_cursor: str | None


# The roles of a transactions file's columns (segcore.rfm) and how its slashed dates read.
ColumnRole = Literal["customer", "date", "amount", "quantity", "unit_price", "order"]
DateOrder = Literal["day-first", "month-first"]


class FeatureChoice(StrictBody):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=True)

    name: str = Field(min_length=1, max_length=200)
    type: Literal["numeric", "categorical"] | None = None
    transform: Literal["none", "log"] | None = None
    label: str | None = Field(default=None, min_length=1, max_length=100)
    unit: str | None = Field(default=None, min_length=1, max_length=100)


def _feature_count_bounds(schema: dict[str, Any]) -> None:
    """The document's minItems/maxItems for `features`, from segcore's rules. segcore.schema
    (numpy behind it) is imported here and by the validator, when used: `import app` does not
    load numpy."""
    from segcore.schema import MAX_FEATURES, MIN_FEATURES

    for branch in schema.get("anyOf", [schema]):
        if branch.get("type") == "array":
            branch.update(minItems=MIN_FEATURES, maxItems=MAX_FEATURES)


class TrainBody(StrictBody):
    # Strict types: "4" for k or "yes" for activate are 422, not coerced.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=True)

    k: Whole | None = Field(default=None, ge=2, le=15)
    k_min: Whole = Field(default=2, ge=2, le=15)
    k_max: Whole = Field(default=10, ge=2, le=15)
    features: list[str | FeatureChoice] | None = Field(
        default=None,
        json_schema_extra=_feature_count_bounds,
        description="2+ column names of the dataset, or {name, type?, transform?, label?, unit?}; "
        "default: the dataset profile's suggestions",
    )
    id_column: str | None = Field(default=None, min_length=1, max_length=200)
    seed: Whole = Field(default=42, ge=0, le=2**32 - 1)
    dataset_id: str | None = Field(default=None, max_length=128)
    activate: bool | None = Field(
        default=None,
        description="Put the model live when done; default true for an admin, false for an analyst",
    )
    as_of: str | None = Field(
        default=None,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="Transactions datasets: the day recency and tenure are counted to "
        "(default: the last purchase in the file)",
    )
    date_order: DateOrder | None = Field(
        default=None,
        description="Transactions datasets: how slashed dates read (default: detected from the file)",
    )
    columns: dict[ColumnRole, str] | None = Field(
        default=None,
        description="Transactions datasets: the column of each role (default: found by header variants)",
    )

    @field_validator("features", mode="before")
    @classmethod
    def _valid(cls, value: Any) -> Any:
        # One message naming `features` (the segcore rules, the count included), before the
        # per-item types.
        from segcore.schema import SchemaError, parse_feature_requests

        if value is not None:
            try:
                parse_feature_requests(value)
            except SchemaError as exc:
                raise ValueError(str(exc)) from None
        return value

    def requests(self) -> list[str | dict[str, Any]] | None:
        """The chosen features as the trainer's job event carries them (names, or options)."""
        if self.features is None:
            return None
        return [
            item if isinstance(item, str) else item.model_dump(exclude_none=True) for item in self.features
        ]


class TrainQuery(Schema):
    model_config = ConfigDict(extra="ignore")

    wait: float = Field(default=0, ge=0, le=25)


class RequestedFeature(Out):
    """A chosen column as the job carries it: the request's, or the dataset profile's suggestion
    (any header, so without the request body's length limits)."""

    name: str
    type: Literal["numeric", "categorical"] | None = None
    transform: Literal["none", "log"] | None = None
    label: str | None = None
    unit: str | None = None


class JobParams(Out):
    """The trainer's event as the API sent it; once running, with the trainer's reading of it
    (every option filled in). A job started outside the API carries what its event had."""

    task: Literal["train"] | None = None
    job_id: str | None = None
    dataset_id: str | None = None
    k: int | None = None
    k_min: int | None = None
    k_max: int | None = None
    features: list[str | RequestedFeature] | None = Field(
        default=None, description="null: the dataset profile's suggestions"
    )
    id_column: str | None = None
    activate: bool | None = None
    seed: int | None = None
    kind: Literal["customers", "transactions"] | None = None
    columns: dict[ColumnRole, str] | None = Field(
        default=None, description="Transactions: the column of each role"
    )
    as_of: str | None = None
    date_order: DateOrder | None = None
    requested_by: str | None = None
    requested_by_username: str | None = None


class JobMetrics(Out):
    """A finished job's headline results (segtrainer.jobs)."""

    n_clusters: int | None = None
    silhouette_score: float | None = None
    inertia: float | None = None
    davies_bouldin: float | None = None
    rows: int | None = Field(default=None, description="Rows trained on")
    rejected_rows: int | None = None
    features: list[str] | None = None
    rejections: list[RowError] | None = Field(default=None, description="The first rows left out, with why")
    optimal_k: int | None = None
    activated: bool | None = None
    training_seconds: float | None = None


class JobOut(Out):
    job_id: str
    status: Literal["queued", "running", "succeeded", "failed"]
    stage: str | None = None
    progress: float | None = None
    created_at: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    model_version: str | None = None
    metrics: JobMetrics | None = None
    error: str | None = None
    params: JobParams | None = Field(default=None, description="The job as requested (the trainer's event)")
    requested_by: str | None = None
    heartbeat_at: float | None = Field(
        default=None, description="The trainer's last sign of life (epoch seconds)"
    )
    run: str | None = Field(
        default=None, description="The trainer run that owns the job (another delivery of it stops)"
    )
    stale: bool | None = Field(default=None, description="Failed because the trainer stopped beating")
    activation_audited: bool | None = Field(default=None, description="Its activation is in the audit log")
    # POST /train?wait when the job finished within the wait (200):
    message: str | None = None
    n_clusters: int | None = None
    silhouette_score: float | None = None
    inertia: float | None = None


class MovedSegment(Out):
    cluster_id: int
    name: str
    previous_cluster_id: int | None
    previous_name: str | None
    centroid_shift: float | None = Field(description="Distance in standardised units of the new model")


class Movement(Out):
    previous_version: str
    previous_names: list[str]
    names: list[str]
    matrix: list[list[int]] = Field(description="matrix[i][j]: in previous segment i, now in segment j")
    customers: int
    stayed: int
    moved_share: float


class ModelSummary(Out):
    version: str
    created_at: str
    n_clusters: int
    features: list[str]
    silhouette_score: float | None
    inertia: float | None
    dataset_id: str
    rows: int
    active: bool


class ModelList(Out):
    active_version: str | None
    models: list[ModelSummary]


class KSelection(Out):
    """How K was chosen (segtrainer.pipeline)."""

    method: Literal["rule", "fixed"] = Field(description="fixed: the analyst's k")
    k_min: int
    k_max: int
    chosen_k: int
    silhouette_sample_size: int
    selection_sample_size: int = Field(description="Rows each candidate K was fitted on")
    selection_n_init: int
    final_n_init: int
    fit_sample_size: int | None = Field(default=None, description="Rows the final model was fitted on")
    rule: str | None = Field(default=None, description="The rule in words")
    stable: bool | None = Field(
        default=None, description="Every segment's bootstrap stability reaches the rule's threshold"
    )


class RfmReport(Out):
    """What the aggregation of order lines read (segcore.rfm)."""

    lines: int
    used_lines: int
    rejected_lines: int
    rejected: dict[str, int] = Field(description="Lines left out per reason")
    examples: dict[str, list[int]] = Field(description="The first line numbers per reason")
    duplicate_lines: int
    cancellation_lines: int
    return_lines: int
    orders: int
    customers: int
    customers_without_purchases: int
    negative_net_customers: int
    date_order: Literal["day-first", "month-first", "iso"] = Field(description="How dates were read")
    as_of: str = Field(description="The day recency and tenure are counted to (YYYY-MM-DD)")


class TransactionsSummary(Out):
    columns: dict[ColumnRole, str] = Field(description="The column of each role (customer and date always)")
    as_of: str
    date_order: DateOrder | None = Field(
        default=None, description="The order the analyst chose; null (or absent): detected per file"
    )
    report: RfmReport


class ModelDetail(ModelSummary):
    metrics: ModelMetrics
    schema_: SchemaOut = Field(alias="schema", description="The model's schema")
    clusters: list[SegmentOut]
    elbow: Elbow
    moved: list[MovedSegment] | None
    movement: Movement | None = Field(
        default=None, description="Training customers per previous segment (rows) and new segment (columns)"
    )
    k_selection: KSelection
    previous_version: str | None = Field(default=None, description="The version active when it was trained")
    kind: Literal["customers", "transactions"] = Field(
        default="customers", description="transactions: trained on RFM features computed from order lines"
    )
    transactions: TransactionsSummary | None = Field(
        default=None, description="For kind transactions: the aggregation of the order lines"
    )


class RenameBody(StrictBody):
    name: str | None = Field(default=None, min_length=1, max_length=60)
    description: str | None = Field(default=None, max_length=300)
