"""The portable model document: everything the API needs to serve a model, as JSON.

The trainer writes it to ``models/<version>/model.json``; the API loads it with ``loads`` (no
unpickling). Centroids, the scaler and the projection live in standardized space: a customer
``x`` (original units, in ``features`` order) becomes ``z = (x - scaler.mean) / scaler.scale``.
Cluster ``i`` is row ``i`` of ``centroids`` and has ``cluster_id == i``.
"""

from __future__ import annotations

import itertools
import json
import math
import unicodedata
from collections.abc import Sequence
from typing import Any, NotRequired, TypedDict, cast

from segcore.drift import FeatureBins
from segcore.features import FEATURES, MIN_FEATURES, NUMERIC_FEATURES
from segcore.quality import QUANTILE_LEVELS, FitSummary
from segcore.schema import Schema, SchemaError, SchemaJson, bundled_schema

# 2: the document carries its schema (any columns, categorical features one-hot encoded);
# 1: the four numeric fields of the replaced system, no schema (still read).
FORMAT_VERSION = 2
READABLE_FORMAT_VERSIONS = (1, 2)
# Keys later formats added: documents written before them still load.
OPTIONAL_KEYS = frozenset({"schema", "fit_summary", "movement", "variances", "kind", "transactions"})
MAX_NAME_LENGTH = 60
MAX_DESCRIPTION_LENGTH = 300
MAX_PROJECTION_SAMPLE = 1000


class Scaler(TypedDict):
    mean: list[float]
    scale: list[float]


class ClusterAverages(TypedDict):
    avg_age: float | None
    avg_income: float | None
    avg_spending_score: float | None
    avg_purchase_frequency: float | None


class Cluster(ClusterAverages):
    cluster_id: int
    name: str
    description: str
    renamed: bool  # True once an analyst named it; carried across retrains with the name
    size: int
    share: float
    centroid: dict[str, float]  # numeric features, original units
    std: dict[str, float]  # numeric features, original units
    averages: NotRequired[dict[str, float | str]]  # mean per numeric feature; most common category
    category_shares: NotRequired[dict[str, dict[str, float]]]  # per categorical feature
    # Added by the segment profile (segcore.profile); absent from older documents.
    color: NotRequired[str]
    z_profile: NotRequired[dict[str, float]]
    standout: NotRequired[list[dict[str, Any]]]
    defined_by: NotRequired[str]
    silhouette: NotRequired[float]
    stability: NotRequired[float]


class Elbow(TypedDict):
    k_range: list[int]
    inertias: list[float]
    silhouette_scores: list[float]
    optimal_k: int
    # Every quality measure per K (absent from older documents); see training's k_metrics.
    calinski_harabasz_scores: NotRequired[list[float]]
    davies_bouldin_scores: NotRequired[list[float]]
    stability_scores: NotRequired[list[float]]
    min_segment_stability: NotRequired[list[float]]
    chosen_k: NotRequired[int]
    rule: NotRequired[str]


class ProjectionPoint(TypedDict):
    x: float
    y: float
    cluster: int


class ProjectedCentroid(TypedDict):
    cluster: int
    x: float
    y: float


class Projection(TypedDict):
    mean: list[float]
    components: list[list[float]]  # 2 x d, applied to standardized values
    explained_variance_ratio: list[float]
    sample: list[ProjectionPoint]
    centroids: list[ProjectedCentroid]
    method: NotRequired[str]  # "lda" (separates segments best) or "pca" in older documents
    axis_labels: NotRequired[list[str]]


class MovedSegment(TypedDict):
    cluster_id: int
    name: str
    previous_cluster_id: int | None
    previous_name: str | None
    centroid_shift: float | None  # distance in standardized units of the new model


class ModelDocument(TypedDict):
    version: str
    format_version: int
    created_at: str
    dataset_id: str
    rows: int
    features: list[str]  # the model features' names (schema order)
    schema: NotRequired[SchemaJson]
    scaler: Scaler
    centroids: list[list[float]]
    clusters: list[Cluster]
    variance: float
    variances: NotRequired[list[float]]  # per standardized column; absent: ``variance`` for all
    priors: list[float]
    elbow: Elbow
    metrics: dict[str, Any]
    projection: Projection
    drift_bins: dict[str, FeatureBins]
    moved: list[MovedSegment] | None
    previous_version: str | None
    seed: int
    k_selection: dict[str, Any]
    # Typicality data (segcore.quality) and customers moved since the previous version.
    fit_summary: NotRequired[FitSummary]
    movement: NotRequired[dict[str, Any] | None]
    # "transactions" for a model trained on RFM features computed from order lines (segcore.rfm);
    # absent for one row per customer.
    kind: NotRequired[str]
    # For kind "transactions": {columns: role -> header, as_of, report} (segcore.rfm's report).
    transactions: NotRequired[dict[str, Any]]


class DocumentError(ValueError):
    """The document is not a valid model document of this format."""


class SegmentNameTakenError(DocumentError):
    """Another segment of the model already has that name (names are unique, any case)."""


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise DocumentError(message)


# What an analyst may type as a segment's name or description. Names are shown everywhere and
# written into CSV files: no control or invisible formatting characters (bidi overrides, zero
# width), and no leading = + - @ that a spreadsheet would read as a formula. Descriptions may
# span lines but follow the same rules otherwise; CSV output neutralises cells in any case.
_FORMULA_STARTS = ("=", "+", "-", "@")


def check_segment_text(field: str, text: str, *, multiline: bool) -> None:
    """Raise ``DocumentError`` when ``text`` is not acceptable as a segment's ``field``."""
    allowed = {"\n"} if multiline else set()
    bad = [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf") and ch not in allowed]
    if bad:
        raise DocumentError(f"{field} must not contain control characters (found U+{ord(bad[0]):04X})")
    _require(
        field != "name" or not text.startswith(_FORMULA_STARTS),
        f"{field} must not start with {' '.join(_FORMULA_STARTS)}",
    )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _numbers(value: object, length: int, where: str) -> list[float]:
    _require(
        isinstance(value, list) and len(value) == length and all(_is_number(v) for v in value),
        f"{where} must be a list of {length} finite numbers",
    )
    return cast(list[float], value)


def _validate_clusters(doc: ModelDocument, k: int) -> None:
    clusters = doc["clusters"]
    _require(isinstance(clusters, list) and len(clusters) == k, f"clusters must have {k} entries")
    seen_names: set[str] = set()
    for index, cluster in enumerate(clusters):
        where = f"clusters[{index}]"
        _require(isinstance(cluster, dict), f"{where} must be an object")
        _require(cluster.get("cluster_id") == index, f"{where}.cluster_id must be {index}")
        name = cluster.get("name")
        _require(isinstance(name, str) and bool(name.strip()), f"{where}.name must be a string")
        _require(name.casefold() not in seen_names, f"segment name '{name}' is used twice")
        seen_names.add(name.casefold())
        _require(isinstance(cluster.get("description"), str), f"{where}.description missing")
        _require(isinstance(cluster.get("centroid"), dict), f"{where}.centroid must be an object")


def validate(doc: object) -> ModelDocument:
    """Check structure and shapes; return the document typed, or raise ``DocumentError``."""
    _require(isinstance(doc, dict), "the model document must be a JSON object")
    data = cast(dict[str, Any], doc)
    missing = [key for key in ModelDocument.__annotations__ if key not in data and key not in OPTIONAL_KEYS]
    _require(not missing, f"the model document lacks {', '.join(sorted(missing))}")
    model = cast(ModelDocument, data)
    _require(
        model["format_version"] in READABLE_FORMAT_VERSIONS,
        f"format_version {model['format_version']!r} is not one of {READABLE_FORMAT_VERSIONS}",
    )
    features = model["features"]
    if "schema" in model:
        try:
            schema = Schema.from_json(model["schema"])
        except SchemaError as error:
            raise DocumentError(f"schema: {error}") from None
        _require(features == list(schema.names), "features must be the schema's model features")
    else:
        _require(
            isinstance(features, list)
            and MIN_FEATURES <= len(features) <= len(NUMERIC_FEATURES)
            and len(set(features)) == len(features)
            and all(name in FEATURES for name in features),
            f"features must be {MIN_FEATURES}-{len(NUMERIC_FEATURES)} of {', '.join(FEATURES)}",
        )
        schema = bundled_schema(features)
    d = len(schema.design_columns())
    _numbers(model["scaler"].get("mean"), d, "scaler.mean")
    scale = _numbers(model["scaler"].get("scale"), d, "scaler.scale")
    _require(all(value > 0 for value in scale), "scaler.scale must be positive")
    centroids = model["centroids"]
    _require(isinstance(centroids, list) and len(centroids) >= 1, "centroids must be a list")
    k = len(centroids)
    for index, row in enumerate(centroids):
        _numbers(row, d, f"centroids[{index}]")
    _validate_clusters(model, k)
    variance = model["variance"]
    _require(_is_number(variance) and variance > 0, "variance must be a positive number")
    if "variances" in model:
        per_column = _numbers(model["variances"], d, "variances")
        _require(all(value > 0 for value in per_column), "variances must be positive")
    priors = _numbers(model["priors"], k, "priors")
    _require(
        all(value > 0 for value in priors) and abs(sum(priors) - 1) < 1e-6,
        "priors must be positive and sum to 1",
    )
    projection = model["projection"]
    _numbers(projection.get("mean"), d, "projection.mean")
    components = projection.get("components")
    _require(isinstance(components, list) and len(components) == 2, "projection needs 2 axes")
    for index, row in enumerate(components):
        _numbers(row, d, f"projection.components[{index}]")
    _require(
        len(projection.get("sample", [])) <= MAX_PROJECTION_SAMPLE,
        f"projection.sample holds at most {MAX_PROJECTION_SAMPLE} points",
    )
    if "fit_summary" in model:
        _validate_fit_summary(model["fit_summary"], k, d)
    return model


def _validate_fit_summary(summary: object, k: int, d: int) -> None:
    _require(isinstance(summary, dict), "fit_summary must be an object")
    data = cast(dict[str, Any], summary)
    quantiles = data.get("distance_quantiles")
    _require(isinstance(quantiles, list) and len(quantiles) == k, f"fit_summary needs {k} segments")
    for index, row in enumerate(cast(list[Any], quantiles)):
        values = _numbers(row, QUANTILE_LEVELS, f"fit_summary.distance_quantiles[{index}]")
        _require(
            all(a <= b for a, b in itertools.pairwise(values)),
            f"fit_summary.distance_quantiles[{index}] must not decrease",
        )
    _numbers(data.get("z_min"), d, "fit_summary.z_min")
    _numbers(data.get("z_max"), d, "fit_summary.z_max")


def loads(text: str | bytes) -> ModelDocument:
    """Parse and validate a model document."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise DocumentError(f"the model document is not valid JSON: {error}") from None
    return validate(data)


def dumps(doc: ModelDocument) -> str:
    """Validate and serialise (floats round-trip exactly; NaN is refused)."""
    validate(doc)
    return json.dumps(doc, allow_nan=False, separators=(",", ":"))


def schema_of(doc: ModelDocument) -> Schema:
    """The model's schema; a format-1 document gets the bundled schema of its features."""
    if "schema" in doc:
        return Schema.from_json(doc["schema"])
    return bundled_schema(doc["features"])


def segment_names(doc: ModelDocument) -> list[str]:
    return [cluster["name"] for cluster in doc["clusters"]]


def rename_cluster(
    doc: ModelDocument,
    cluster_id: int,
    *,
    name: str | None = None,
    description: str | None = None,
) -> ModelDocument:
    """A copy of ``doc`` with one segment renamed and/or redescribed by an analyst.

    Raises ``KeyError`` for an unknown cluster, ``DocumentError`` for an empty or too long text
    and ``SegmentNameTakenError`` when another segment already has the name.
    """
    if not 0 <= cluster_id < len(doc["clusters"]):
        raise KeyError(cluster_id)
    renamed = cast(ModelDocument, json.loads(json.dumps(doc)))
    cluster = renamed["clusters"][cluster_id]
    if name is not None:
        name = name.strip()
        _require(0 < len(name) <= MAX_NAME_LENGTH, f"name must be 1-{MAX_NAME_LENGTH} characters")
        check_segment_text("name", name, multiline=False)
        taken = {other["name"].casefold() for other in renamed["clusters"] if other is not cluster}
        if name.casefold() in taken:
            raise SegmentNameTakenError(f"Another segment is already named '{name}'.")
        cluster["name"] = name
        cluster["renamed"] = True
    if description is not None:
        description = description.strip()
        _require(
            len(description) <= MAX_DESCRIPTION_LENGTH,
            f"description must be at most {MAX_DESCRIPTION_LENGTH} characters",
        )
        check_segment_text("description", description, multiline=True)
        cluster["description"] = description
        cluster["renamed"] = True
    return renamed


def model_summary(doc: ModelDocument) -> dict[str, Any]:
    """The registry line of a model (``models/<version>/summary.json``)."""
    return {
        "version": doc["version"],
        "created_at": doc["created_at"],
        "n_clusters": len(doc["clusters"]),
        "features": list(doc["features"]),
        "silhouette_score": doc["metrics"].get("silhouette_score"),
        "inertia": doc["metrics"].get("inertia"),
        "dataset_id": doc["dataset_id"],
        "rows": doc["rows"],
    }


def cluster_averages(features: Sequence[str], values: Sequence[float]) -> ClusterAverages:
    """``avg_age`` ... ``avg_purchase_frequency`` for the features present, None for the rest."""
    by_feature = {name: float(value) for name, value in zip(features, values, strict=True)}
    return {
        "avg_age": by_feature.get("age"),
        "avg_income": by_feature.get("annual_income"),
        "avg_spending_score": by_feature.get("spending_score"),
        "avg_purchase_frequency": by_feature.get("purchase_frequency"),
    }
