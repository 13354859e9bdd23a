"""Scoring customers with the active model and recording it in the user's history.

Customers are checked against the active model's schema (``segcore.schema``): its features by
name, an optional ``customer_id`` (or the schema's id column), nothing else. A batch checks a
CSV a column at a time; each bad row is reported with its row number and customer id and does
not stop the others.
"""

from __future__ import annotations

import csv
import io
from collections import Counter as Tally
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pynamodb.exceptions import DoesNotExist

from chalicelib.db.models import HistoryRecord, UserRecord
from chalicelib.db.transactions import ConditionFailed, CounterDelta, Transaction
from chalicelib.errors import Conflict, ValidationFailed
from chalicelib.ids import time_ordered_id
from chalicelib.schemas.segmentation import (
    BatchOut,
    ClusterProbability,
    Contribution,
    ExplanationOut,
    Point,
    PredictionOut,
    SchemaOut,
)
from chalicelib.segmentation.artifacts import ArtifactStore
from chalicelib.segmentation.model_store import LoadedModel, ModelStore
from chalicelib.segmentation.transactions import customer_features, feature_text, is_transactions_model
from chalicelib.stats.counters import prediction_deltas, record_segment_names
from chalicelib.timeutil import iso, utcnow
from segcore.csv_output import SCORE_COLUMNS, score_cells, to_csv
from segcore.document import ModelDocument
from segcore.drift import outside_training_range
from segcore.features import FeatureValueError, FieldError
from segcore.quality import Fit
from segcore.schema import CUSTOMER_ID, HeaderError, Schema, customer_id_of, input_schema
from segcore.scoring import Explanation

MAX_BATCH_ROWS = 1000
MAX_CSV_ROWS = MAX_BATCH_ROWS * 100
RESULT_COLUMNS = ("row", "cluster", "cluster_name", "confidence", "errors")

# Extra counter deltas for recorded inputs (drift bins): (model, values per feature) -> deltas.
InputCounters = Callable[[LoadedModel, Mapping[str, Sequence[Any]]], list[CounterDelta]]


def explanation_view(explanation: Explanation) -> ExplanationOut:
    runner_up = explanation["runner_up"]
    return ExplanationOut(
        summary=explanation["text"],
        runner_up=None if runner_up is None else ClusterProbability(**runner_up),
        contributions=[
            Contribution(**item, direction="toward" if item["contribution"] > 0 else "away")
            for item in explanation["contributions"]
        ],
    )


def fit_fields(fit: Fit | None) -> dict[str, Any]:
    """Typicality and flags of one prediction; a model without typicality data flags nothing."""
    if fit is None:
        return {"typicality": None, "atypical": False, "between_segments": False}
    return {
        "typicality": round(fit["typicality"], 4),
        "atypical": fit["atypical"],
        "between_segments": fit["between_segments"],
    }


@dataclass(frozen=True)
class ScoredBatch:
    """A scored and recorded batch: ``out()`` is its JSON answer, ``csv()`` its CSV one.

    The rows stay the dicts stored for the history entry (up to 100,000 from a CSV). The JSON
    answer checks the whole body in one pydantic-core call, as the router did before (1000 rows:
    2.0 ms); building a model per row first cost another 1.1 ms. The CSV answer builds none."""

    batch_id: str
    model_version: str
    scored: int
    summary: dict[str, int]
    results: list[dict[str, Any]]
    headers: list[str]
    cells: list[list[str]]
    score_rows: list[list[object]]

    def out(self) -> BatchOut:
        return BatchOut.model_validate(
            {
                "batch_id": self.batch_id,
                "model_version": self.model_version,
                "count": len(self.results),
                "failed": len(self.results) - self.scored,
                "summary": self.summary,
                "results": self.results,
            }
        )

    def csv(self) -> str:
        """The rows as they came plus ``segcore.csv_output.SCORE_COLUMNS``."""
        return to_csv(
            [
                [*self.headers, *SCORE_COLUMNS],
                *([*cells, *score] for cells, score in zip(self.cells, self.score_rows, strict=True)),
            ]
        )


def results_csv(results: Sequence[Mapping[str, Any]]) -> str:
    rows: list[Sequence[object]] = [RESULT_COLUMNS]
    for result in results:
        errors = "; ".join(f"{e['field']}: {e['message']}" for e in result.get("errors", []))
        confidence = "" if "confidence" not in result else f"{result['confidence']:.4f}"
        rows.append(
            [result["row"], result.get("cluster", ""), result.get("cluster_name", ""), confidence, errors]
        )
    return to_csv(rows)


def _error_text(errors: Sequence[FieldError]) -> str:
    return "; ".join(f"{e['field']}: {e['message']}" for e in errors)


@dataclass
class ParsedBatch:
    """Rows of a batch: numbers, customer ids and errors per row; values of the valid rows.

    ``headers`` and ``cells`` are the input as it came, for the CSV output.
    """

    row_numbers: list[int]
    customer_ids: list[str | None]
    errors: list[list[FieldError]]
    columns: dict[str, list[Any]]  # per schema feature, valid rows only, in row order
    headers: list[str] = field(default_factory=list)
    cells: list[list[str]] = field(default_factory=list)

    @property
    def valid(self) -> list[bool]:
        return [not errors for errors in self.errors]


def id_keys(schema: Schema) -> tuple[str, ...]:
    """Keys a JSON customer may carry its id under: ``customer_id`` and the schema's id column."""
    names = {f.name for f in schema.features}
    extra = (schema.id_column,) if schema.id_column and schema.id_column not in names else ()
    return (CUSTOMER_ID, *extra)


def check_customer(
    schema: Schema, record: Mapping[str, Any]
) -> tuple[dict[str, Any], str | None, list[FieldError]]:
    """Normalised values, customer id and errors of one JSON customer."""
    keys = id_keys(schema)
    values, errors = input_schema(schema).validate_record(record, extra=keys)
    customer_id = None
    present = [key for key in keys if record.get(key) is not None]
    if present:
        try:
            customer_id = customer_id_of(record[present[0]])
        except FeatureValueError as error:
            errors.append({"field": present[0], "message": error.message})
    return values, customer_id, errors


def parse_json_batch(schema: Schema, customers: Sequence[Any]) -> ParsedBatch:
    batch = ParsedBatch([], [], [], {f.name: [] for f in input_schema(schema).features})
    for number, customer in enumerate(customers, start=1):
        batch.row_numbers.append(number)
        if not isinstance(customer, dict):
            batch.customer_ids.append(None)
            batch.errors.append([{"field": "row", "message": "must be an object"}])
            continue
        values, customer_id, errors = check_customer(schema, customer)
        batch.customer_ids.append(customer_id)
        batch.errors.append(errors)
        if not errors:
            for name, column in batch.columns.items():
                column.append(values.get(name))
    seen: dict[str, None] = {}
    for customer in customers:
        if isinstance(customer, dict):
            seen.update(dict.fromkeys(map(str, customer)))
    batch.headers = list(seen)
    batch.cells = [
        [_cell(customer.get(key)) for key in batch.headers] if isinstance(customer, dict) else []
        for customer in customers
    ]
    return batch


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def parse_csv_batch(schema: Schema, text: str) -> ParsedBatch:
    """Check a CSV a column at a time against the schema (headers matched by name or variant).

    The delimiter is chosen as for an uploaded dataset (comma, semicolon or tab), and numbers in
    semicolon files may use a decimal comma."""
    # The dataset reader's dialect rule, loaded with the first CSV batch, not with every cold start.
    from segcore.table import HEADER_LIMIT_BYTES, TableError, dialect_of

    text = text.lstrip("\ufeff")
    try:
        dialect = dialect_of(text[:HEADER_LIMIT_BYTES].encode("utf-8"), "utf-8")
    except TableError as error:
        raise ValidationFailed(str(error), details=[{"field": "body", "message": str(error)}]) from None
    # newline="": the csv module splits rows itself, so CR, LF and CRLF endings all work.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect.delimiter)
    try:
        headers = next(reader, None)
        rows = [row for row in reader if "".join(row).strip()]
    except csv.Error as error:
        raise ValidationFailed(
            f"The CSV cannot be read at line {reader.line_num}: {error}.",
            details=[{"field": "body", "message": str(error)}],
        ) from None
    if headers is None or not any(cell.strip() for cell in headers):
        raise ValidationFailed(
            "The CSV is empty; it needs a header row.", details=[{"field": "body", "message": "no header"}]
        )
    accepted = input_schema(schema)
    try:
        found = accepted.resolve_headers(headers)
    except HeaderError as exc:
        raise ValidationFailed(
            f"{exc} The active model needs: {', '.join(schema.names)}.",
            details=[{"field": "columns", "message": str(exc)}],
        ) from None
    if not rows:
        raise ValidationFailed("The CSV has no data rows.", details=[{"field": "body", "message": "no rows"}])
    if len(rows) > MAX_CSV_ROWS:
        raise ValidationFailed(f"A CSV may have at most {MAX_CSV_ROWS} rows; use a scoring job for more.")
    id_index = schema.id_index(headers, used=found.values())
    width = len(headers)
    errors: list[list[FieldError]] = [
        [{"field": "row", "message": f"has {len(row)} values; the header has {width}"}]
        if len(row) > width
        else []
        for row in rows
    ]
    parsed: dict[str, np.ndarray] = {}
    for feature in accepted.features:
        if feature.name not in found:
            continue
        index = found[feature.name]
        cells = [row[index] if index < len(row) else "" for row in rows]
        read = cells
        if dialect.decimal_comma and not feature.categorical:
            read = [cell.replace(",", ".") if "." not in cell else cell for cell in cells]
        values, valid = feature.parse_column(read)
        parsed[feature.name] = values
        for position in np.flatnonzero(~valid).tolist():
            cell_error = feature.cell_error(cells[position])
            if cell_error is not None:
                errors[position].append(cell_error)
    valid_rows = np.array([not row_errors for row_errors in errors], dtype=bool)
    columns: dict[str, list[Any]] = {}
    for name, values in parsed.items():
        feature = accepted.feature(name)
        kept = values[valid_rows]
        if feature.categorical:
            columns[name] = kept.tolist()
        elif feature.integer:
            columns[name] = [None if np.isnan(v) else int(v) for v in kept.tolist()]
        else:
            columns[name] = [None if np.isnan(v) else v for v in kept.tolist()]
    customer_ids = [
        (row[id_index].strip() or None) if id_index is not None and id_index < len(row) else None
        for row in rows
    ]
    return ParsedBatch(
        row_numbers=list(range(1, len(rows) + 1)),
        customer_ids=customer_ids,
        errors=errors,
        columns=columns,
        headers=[header.replace("\ufeff", "") for header in headers],
        cells=rows,
    )


def parse_transactions_batch(doc: ModelDocument, text: str) -> ParsedBatch:
    """Order lines for a model trained on RFM features: one valid row per customer."""
    result = customer_features(doc, text, MAX_CSV_ROWS)
    names = list(result.features)
    columns = {name: result.features[name].tolist() for name in names}
    return ParsedBatch(
        row_numbers=list(range(1, result.customers + 1)),
        customer_ids=list(result.customer_ids),
        errors=[[] for _ in result.customer_ids],
        columns=columns,
        headers=[CUSTOMER_ID, *names],
        cells=[
            [customer_id, *(feature_text(columns[name][index]) for name in names)]
            for index, customer_id in enumerate(result.customer_ids)
        ],
    )


class PredictionService:
    def __init__(
        self, *, models: ModelStore, artifacts: ArtifactStore, input_counters: Sequence[InputCounters] = ()
    ) -> None:
        self.models = models
        self.artifacts = artifacts
        # Counter deltas committed with each prediction (the drift counts).
        self.input_counters = tuple(input_counters)

    def schema(self) -> SchemaOut:
        """The active model's schema as ``GET /schema`` shows it."""
        model = self.models.active()
        return SchemaOut.model_validate(model.scorer.schema.public_json(model.version))

    # ---- one customer -------------------------------------------------------------------

    def predict(
        self, user: UserRecord, customer: Mapping[str, Any], *, profile_id: str | None = None
    ) -> PredictionOut:
        model = self.models.active()
        values, customer_id, errors = check_customer(model.scorer.schema, customer)
        if errors:
            raise ValidationFailed(
                f"Invalid customer - {_error_text(errors)}", details=[dict(e) for e in errors]
            )
        result = model.scorer.predict_one(values)
        fit = fit_fields(result["fit"])
        now = utcnow()
        explanation = explanation_view(result["explanation"])
        record = HistoryRecord(
            user.id,
            time_ordered_id(now),
            kind="single",
            customer_data=values,
            customer_id=customer_id,
            cluster=result["cluster"],
            cluster_name=result["cluster_name"],
            confidence=result["confidence"],
            typicality=fit["typicality"],
            atypical=fit["atypical"],
            model_version=model.version,
            profile_id=profile_id,
            created_at=iso(now),
            probabilities=result["probabilities"],
            # As the answer gives it (history answers it through the same model).
            explanation=explanation.model_dump(mode="json"),
        )
        columns = {name: [value] for name, value in values.items()}
        deltas = prediction_deltas({result["cluster_name"]: 1}, now) + self._input_deltas(model, columns)
        self._record(user, record, 1, deltas)
        response = PredictionOut(
            prediction_id=record.id,
            cluster=result["cluster"],
            cluster_name=result["cluster_name"],
            confidence=result["confidence"],
            probabilities=[ClusterProbability(**p) for p in result["probabilities"]],
            typicality=fit["typicality"],
            atypical=fit["atypical"],
            between_segments=fit["between_segments"],
            explanation=explanation,
            customer_data=values,
            model_version=model.version,
            created_at=record.created_at,
            projection=Point(**result["point"]),
        )
        if customer_id is not None:
            response.customer_id = customer_id
        return response

    # ---- many customers -----------------------------------------------------------------

    def predict_json_batch(self, user: UserRecord, customers: Sequence[Any]) -> ScoredBatch:
        """Scores and errors per row."""
        model = self.models.active()
        return self._score(user, model, parse_json_batch(model.scorer.schema, customers))

    def predict_csv_batch(self, user: UserRecord, text: str) -> ScoredBatch:
        model = self.models.active()
        if is_transactions_model(model.document):
            return self._score(user, model, parse_transactions_batch(model.document, text))
        return self._score(user, model, parse_csv_batch(model.scorer.schema, text))

    def _score(self, user: UserRecord, model: LoadedModel, batch: ParsedBatch) -> ScoredBatch:
        scorer = model.scorer
        valid = batch.valid
        scored = sum(valid)
        labels: list[int] = []
        confidence: list[float] = []
        atypical: list[bool] = []
        typicality: list[float | None] = [None] * scored
        if scored:
            model_columns = {name: batch.columns[name] for name in scorer.features}
            design = scorer.schema.encode(model_columns)
            scores = scorer.score_batch(design)
            labels = scores.labels.tolist()
            confidence = np.round(scores.confidence, 6).tolist()
            outside = outside_training_range(model.document["drift_bins"], model_columns, scored)
            fit = scorer.fit_batch(design, scores.labels)
            if fit is not None:
                outside = outside | fit.atypical
                typicality = np.round(fit.typicality, 4).tolist()
            atypical = outside.tolist()
        results: list[dict[str, Any]] = []
        score_rows: list[list[object]] = []
        tally: Tally[str] = Tally()
        cursor = 0
        for number, customer_id, errors in zip(
            batch.row_numbers, batch.customer_ids, batch.errors, strict=True
        ):
            result: dict[str, Any] = {"row": number}
            if customer_id is not None:
                result["customer_id"] = customer_id
            if errors:
                result["errors"] = errors
                score_rows.append(score_cells(None, None, None, None, _error_text(errors)))
            else:
                cluster = int(labels[cursor])
                name = scorer.cluster_names[cluster]
                tally[name] += 1
                result.update(
                    cluster=cluster,
                    cluster_name=name,
                    confidence=confidence[cursor],
                    typicality=typicality[cursor],
                    atypical=bool(atypical[cursor]),
                )
                score_rows.append(score_cells(cluster, name, confidence[cursor], atypical[cursor], None))
                cursor += 1
            results.append(result)
        now = utcnow()
        batch_id = time_ordered_id(now)
        results_key = f"batches/{user.id}/{batch_id}.json"
        summary = {name: tally.get(name, 0) for name in scorer.cluster_names}
        self.artifacts.put_json(results_key, results)
        record = HistoryRecord(
            user.id,
            batch_id,
            kind="batch",
            model_version=model.version,
            created_at=iso(now),
            scored=scored,
            failed=len(results) - scored,
            summary=summary,
            results_key=results_key,
        )
        deltas = prediction_deltas(tally, now) + self._input_deltas(model, batch.columns)
        self._record(user, record, scored, deltas)
        return ScoredBatch(
            batch_id=batch_id,
            model_version=model.version,
            scored=scored,
            summary=summary,
            results=results,
            headers=batch.headers,
            cells=batch.cells,
            score_rows=score_rows,
        )

    def record_batch(
        self, user: UserRecord, record: HistoryRecord, predictions: int, deltas: list[CounterDelta]
    ) -> None:
        """Record a batch scored elsewhere (a scoring job) as a batch scored here is recorded."""
        self._record(user, record, predictions, deltas)

    # ---- shared -------------------------------------------------------------------------

    def _input_deltas(self, model: LoadedModel, columns: Mapping[str, Sequence[Any]]) -> list[CounterDelta]:
        return [delta for hook in self.input_counters for delta in hook(model, columns)]

    @staticmethod
    def _record(
        user: UserRecord, record: HistoryRecord, predictions: int, deltas: list[CounterDelta]
    ) -> None:
        """History entry, the user's total and the global counters: one transaction."""
        # A known version makes PynamoDB ADD 1 to it (None would SET it to 1, and a concurrent
        # read-modify-save of the user holding version 1 would then overwrite the new total).
        owner = UserRecord(user.id, version=user.version or 0)
        tx = Transaction()
        tx.add("history", lambda t: t.save(record, condition=HistoryRecord.id.does_not_exist()))
        tx.add(
            "owner",
            lambda t: t.update(
                owner,
                actions=[UserRecord.total_predictions.add(predictions)],
                condition=UserRecord.id.exists() & (UserRecord.deleting == False),  # noqa: E712
                add_version_condition=False,
            ),
        )
        tx.counters(deltas)
        record_segment_names(tx, deltas)
        try:
            tx.commit()
        except ConditionFailed as exc:
            # The entry's id is new for each request: if it exists, this request's own commit
            # landed and only its answer was lost (a retry met the first attempt's writes).
            if "history" in exc.failed_labels and _exists(record):
                return
            raise Conflict("This account is being deleted.", code="account_deleting") from exc


def _exists(record: HistoryRecord) -> bool:
    try:
        HistoryRecord.get(record.user_id, record.id, consistent_read=True)
    except DoesNotExist:
        return False
    return True
