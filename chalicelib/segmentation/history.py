"""Each user's prediction history: written with its counters, read newest first with filters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.condition import Condition

from chalicelib.cursor import CursorCodec
from chalicelib.db.models import HistoryRecord
from chalicelib.errors import BadRequest, NotFound
from chalicelib.schemas.segmentation import HistoryEntry, HistoryPage
from chalicelib.segmentation.artifacts import ArtifactStore
from chalicelib.segmentation.predictions import results_csv
from segcore.csv_output import to_csv

EXPORT_COLUMNS = (
    "id",
    "kind",
    "created_at",
    "cluster",
    "cluster_name",
    "confidence",
    "typicality",
    "atypical",
    "model_version",
    "profile_id",
    "customer_id",
    "sex",
    "age",
    "annual_income",
    "spending_score",
    "purchase_frequency",
    "count",
    "failed",
)


def _instant(value: str | None, field: str, *, end_of_day: bool) -> datetime | None:
    """An ISO 8601 date (the whole day) or time; naive times are UTC."""
    if not value:
        return None
    try:
        if len(value) == 10:
            day = datetime.fromisoformat(value).date()
            return datetime.combine(day, time.max if end_of_day else time.min, tzinfo=UTC)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(f"'{field}' must be an ISO 8601 date or time.", code="invalid_query") from None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True)
class HistoryFilter:
    cluster: int | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    since: datetime | None = None
    until: datetime | None = None

    def scope(self) -> str:
        return f"history:{self.cluster}:{self.min_confidence}:{self.max_confidence}:{self.since}:{self.until}"

    def key_condition(self) -> Condition | None:
        # Ids carry microseconds, created_at (what users see and send back) milliseconds: compare
        # at the millisecond so both bounds include an entry whose created_at equals them.
        lower = self.since.strftime("%Y%m%dT%H%M%S%f")[:-3] if self.since else None
        upper = self.until.strftime("%Y%m%dT%H%M%S%f")[:-3] + "999~" if self.until else None
        if lower and upper:
            return HistoryRecord.id.between(lower, upper)
        if lower:
            return HistoryRecord.id >= lower
        if upper:
            return HistoryRecord.id <= upper
        return None

    def filter_condition(self) -> Condition | None:
        parts: list[Condition] = []
        if self.cluster is not None:
            parts.append(HistoryRecord.cluster == self.cluster)
        if self.min_confidence is not None:
            parts.append(HistoryRecord.confidence >= self.min_confidence)
        if self.max_confidence is not None:
            parts.append(HistoryRecord.confidence <= self.max_confidence)
        condition: Condition | None = None
        for part in parts:
            condition = part if condition is None else condition & part
        return condition


def history_view(record: HistoryRecord) -> HistoryEntry:
    entry = HistoryEntry(
        id=record.id,
        kind=record.kind,
        customer_data=record.customer_data,
        customer_id=record.customer_id,
        cluster=None if record.cluster is None else int(record.cluster),
        cluster_name=record.cluster_name,
        confidence=None if record.confidence is None else float(record.confidence),
        typicality=None if record.typicality is None else float(record.typicality),
        atypical=record.atypical,
        model_version=record.model_version,
        profile_id=record.profile_id,
        created_at=record.created_at,
    )
    if record.kind == "batch":
        entry.count = int(record.scored or 0) + int(record.failed or 0)
        entry.failed = int(record.failed or 0)
        entry.summary = record.summary or {}
    return entry


class HistoryService:
    def __init__(self, *, artifacts: ArtifactStore, cursors: CursorCodec) -> None:
        self.artifacts = artifacts
        self.cursors = cursors

    def _query(self, user_id: str, flt: HistoryFilter, start: Any = None) -> Iterator[HistoryRecord]:
        return HistoryRecord.query(
            user_id,
            range_key_condition=flt.key_condition(),
            filter_condition=flt.filter_condition(),
            scan_index_forward=False,
            last_evaluated_key=start,
        )

    def page(self, user_id: str, flt: HistoryFilter, *, limit: int, cursor: str | None) -> HistoryPage:
        start = None
        if cursor:
            last_id = self.cursors.decode(cursor, user_id=user_id, scope=flt.scope())
            start = {"user_id": {"S": user_id}, "id": {"S": str(last_id)}}
        items: list[HistoryRecord] = []
        more = False
        for record in self._query(user_id, flt, start):
            if len(items) == limit:
                more = True
                break
            items.append(record)
        total = HistoryRecord.count(
            user_id,
            range_key_condition=flt.key_condition(),
            filter_condition=flt.filter_condition(),
        )
        next_cursor = self.cursors.encode(items[-1].id, user_id=user_id, scope=flt.scope()) if more else None
        return HistoryPage(history=[history_view(r) for r in items], total=total, next_cursor=next_cursor)

    def get(self, user_id: str, entry_id: str) -> HistoryEntry:
        try:
            record = HistoryRecord.get(user_id, entry_id)
        except DoesNotExist:
            raise NotFound("History entry not found.", code="history_not_found") from None
        entry = history_view(record)
        if record.kind == "single" and record.explanation is not None:
            entry.probabilities = record.probabilities or []
            entry.explanation = record.explanation
        if record.kind == "batch" and record.results_key:
            entry.results = self.artifacts.get_json(record.results_key) or []
        return entry

    @staticmethod
    def filter(
        *,
        cluster: int | None = None,
        min_confidence: float | None = None,
        max_confidence: float | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> HistoryFilter:
        """The filter from the query's values: `since`/`until` are ISO dates (whole days) or times."""
        flt = HistoryFilter(
            cluster=cluster,
            min_confidence=min_confidence,
            max_confidence=max_confidence,
            since=_instant(since, "from", end_of_day=False),
            until=_instant(until, "to", end_of_day=True),
        )
        if flt.since and flt.until and flt.since > flt.until:
            raise BadRequest("'from' must not be after 'to'.", code="invalid_query")
        return flt

    def entry_csv(self, user_id: str, entry_id: str) -> str:
        """One entry's results as CSV (a single prediction is one row)."""
        entry = self.get(user_id, entry_id)
        rows = [row.model_dump(exclude_unset=True) for row in entry.results or []] or [
            {
                "row": 1,
                "cluster": entry.cluster,
                "cluster_name": entry.cluster_name,
                "confidence": entry.confidence,
            }
        ]
        return results_csv(rows)

    def export_csv(self, user_id: str, flt: HistoryFilter) -> str:
        """Every matching entry; the features of any schema each get a column, after the
        replaced system's five (which are always there)."""
        rows = []
        columns = dict.fromkeys(EXPORT_COLUMNS)
        for record in self._query(user_id, flt):
            row = history_view(record).model_dump(exclude_unset=True)
            data = record.customer_data or {}
            columns.update(dict.fromkeys(data))
            row.update({k: v for k, v in data.items() if k not in row})
            rows.append(row)
        header = list(columns)
        return to_csv([header, *([row.get(k) for k in header] for row in rows)])

    def purge_user(self, user_id: str) -> None:
        """Cascade delete: every entry and every stored batch result of the user."""
        with HistoryRecord.batch_write() as batch:
            for record in HistoryRecord.query(user_id):
                batch.delete(record)
        self.artifacts.delete_keys(self.artifacts.list_keys(f"batches/{user_id}/"))
