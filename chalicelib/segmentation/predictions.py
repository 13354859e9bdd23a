"""Scoring customers with the active model and recording it in the user's history."""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from pynamodb.exceptions import DoesNotExist

from chalicelib.db.models import HistoryRecord, UserRecord
from chalicelib.db.transactions import ConditionFailed, CounterDelta, Transaction
from chalicelib.errors import Conflict, ValidationFailed
from chalicelib.segmentation.artifacts import ArtifactStore
from chalicelib.segmentation.ids import time_ordered_id
from chalicelib.segmentation.model_store import LoadedModel, ModelStore
from chalicelib.stats.counters import prediction_deltas, record_segment_names
from chalicelib.timeutil import iso, utcnow
from segcore.csv_output import to_csv
from segcore.features import ColumnError, parse_csv, validate_record

MAX_BATCH_ROWS = 1000
RESULT_COLUMNS = ("row", "cluster", "cluster_name", "confidence", "errors")

# Extra counter deltas for recorded inputs (drift bins): (model, customers) -> deltas.
InputCounters = Callable[[LoadedModel, Sequence[Mapping[str, Any]]], list[CounterDelta]]


def explanation_view(explanation: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "summary": explanation["text"],
        "runner_up": explanation["runner_up"],
        "contributions": [
            {**item, "direction": "toward" if item["contribution"] > 0 else "away"}
            for item in explanation["contributions"]
        ],
    }


def results_csv(results: Sequence[Mapping[str, Any]]) -> str:
    rows: list[Sequence[object]] = [RESULT_COLUMNS]
    for result in results:
        errors = "; ".join(f"{e['field']}: {e['message']}" for e in result.get("errors", []))
        confidence = "" if "confidence" not in result else f"{result['confidence']:.4f}"
        rows.append(
            [result["row"], result.get("cluster", ""), result.get("cluster_name", ""), confidence, errors]
        )
    return to_csv(rows)


class PredictionService:
    def __init__(self, *, models: ModelStore, artifacts: ArtifactStore) -> None:
        self.models = models
        self.artifacts = artifacts
        self.input_counters: list[InputCounters] = []

    # ---- one customer -------------------------------------------------------------------

    def predict(
        self, user: UserRecord, customer: Mapping[str, Any], *, profile_id: str | None = None
    ) -> dict[str, Any]:
        model = self.models.active()
        values = self._validated(customer, model)
        result = model.scorer.predict_one(values)
        now = utcnow()
        record = HistoryRecord(
            user.id,
            time_ordered_id(now),
            kind="single",
            customer_data=values,
            cluster=result["cluster"],
            cluster_name=result["cluster_name"],
            confidence=result["confidence"],
            model_version=model.version,
            profile_id=profile_id,
            created_at=iso(now),
        )
        deltas = prediction_deltas({result["cluster_name"]: 1}, now) + self._input_deltas(model, [values])
        self._record(user, record, 1, deltas)
        return {
            "prediction_id": record.id,
            "cluster": result["cluster"],
            "cluster_name": result["cluster_name"],
            "confidence": result["confidence"],
            "probabilities": result["probabilities"],
            "explanation": explanation_view(result["explanation"]),
            "customer_data": values,
            "model_version": model.version,
            "created_at": record.created_at,
            "projection": result["point"],
        }

    # ---- many customers -----------------------------------------------------------------

    def predict_json_batch(self, user: UserRecord, customers: Sequence[Any]) -> dict[str, Any]:
        model = self.models.active()
        rows: list[tuple[int, dict[str, Any] | None, list[Any]]] = []
        for index, customer in enumerate(customers, start=1):
            if not isinstance(customer, dict):
                rows.append((index, None, [{"field": "row", "message": "must be an object"}]))
                continue
            values, errors = validate_record(customer, model.scorer.features)
            rows.append((index, None if errors else values, list(errors)))
        return self._score_rows(user, model, rows)

    def predict_csv_batch(self, user: UserRecord, text: str) -> dict[str, Any]:
        model = self.models.active()
        try:
            parsed = parse_csv(text, features=model.scorer.features)
        except ColumnError as exc:
            raise ValidationFailed(str(exc), details=[{"field": "columns", "message": str(exc)}]) from None
        total = len(parsed.rows) + len(parsed.errors)
        if total == 0:
            raise ValidationFailed(
                "The CSV has no data rows.", details=[{"field": "body", "message": "no rows"}]
            )
        if total > MAX_BATCH_ROWS * 100:
            raise ValidationFailed(f"A CSV may have at most {MAX_BATCH_ROWS * 100} rows.")
        rows: list[tuple[int, dict[str, Any] | None, list[Any]]] = [
            (number, values, []) for number, values in zip(parsed.row_numbers, parsed.rows, strict=True)
        ]
        rows += [(err["row"], None, list(err["errors"])) for err in parsed.errors]
        rows.sort(key=lambda r: r[0])
        return self._score_rows(user, model, rows)

    def _score_rows(
        self,
        user: UserRecord,
        model: LoadedModel,
        rows: Sequence[tuple[int, dict[str, Any] | None, list[Any]]],
    ) -> dict[str, Any]:
        valid = [values for _, values, _ in rows if values is not None]
        results: list[dict[str, Any]] = []
        tally: Tally[str] = Tally()
        if valid:
            scores = model.scorer.score_batch(model.scorer.matrix(valid))
            labels = scores.labels.tolist()
            confidence = np.round(scores.confidence, 6).tolist()
        cursor = 0
        for number, values, errors in rows:
            if values is None:
                results.append({"row": number, "errors": errors})
                continue
            cluster = int(labels[cursor])
            name = model.scorer.cluster_names[cluster]
            tally[name] += 1
            results.append(
                {"row": number, "cluster": cluster, "cluster_name": name, "confidence": confidence[cursor]}
            )
            cursor += 1
        now = utcnow()
        batch_id = time_ordered_id(now)
        results_key = f"batches/{user.id}/{batch_id}.json"
        summary = {name: tally.get(name, 0) for name in model.scorer.cluster_names}
        self.artifacts.put_json(results_key, results)
        record = HistoryRecord(
            user.id,
            batch_id,
            kind="batch",
            model_version=model.version,
            created_at=iso(now),
            scored=len(valid),
            failed=len(rows) - len(valid),
            summary=summary,
            results_key=results_key,
        )
        deltas = prediction_deltas(tally, now) + self._input_deltas(model, valid)
        self._record(user, record, len(valid), deltas)
        return {
            "batch_id": batch_id,
            "model_version": model.version,
            "count": len(rows),
            "failed": len(rows) - len(valid),
            "summary": summary,
            "results": results,
        }

    # ---- shared -------------------------------------------------------------------------

    @staticmethod
    def _validated(customer: Mapping[str, Any], model: LoadedModel) -> dict[str, Any]:
        values, errors = validate_record(customer, model.scorer.features)
        if errors:
            summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
            raise ValidationFailed(f"Invalid customer - {summary}", details=[dict(e) for e in errors])
        return values

    def _input_deltas(self, model: LoadedModel, customers: Sequence[Mapping[str, Any]]) -> list[CounterDelta]:
        return [delta for hook in self.input_counters for delta in hook(model, customers)]

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
