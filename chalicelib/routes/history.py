from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from chalice import Blueprint, Response

from chalicelib.errors import BadRequest
from chalicelib.http.routing import CSV, JSON, RequestContext, Router
from chalicelib.roles import Role
from chalicelib.schemas.segmentation import HistoryEntry, HistoryPage, HistoryQuery
from chalicelib.segmentation.history import HistoryFilter
from chalicelib.segmentation.predictions import results_csv
from chalicelib.services import services

bp = Blueprint(__name__)
router = Router(bp, tag="history")


def _instant(value: str | None, field: str, *, end_of_day: bool) -> datetime | None:
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


def history_filter(query: HistoryQuery) -> HistoryFilter:
    flt = HistoryFilter(
        cluster=query.cluster,
        min_confidence=query.min_confidence,
        max_confidence=query.max_confidence,
        since=_instant(query.from_, "from", end_of_day=False),
        until=_instant(query.to, "to", end_of_day=True),
    )
    if flt.since and flt.until and flt.since > flt.until:
        raise BadRequest("'from' must not be after 'to'.", code="invalid_query")
    return flt


@router.route(
    "/history",
    "GET",
    role=Role.USER,
    query=HistoryQuery,
    response=HistoryPage,
    summary="Own predictions, newest first",
)
def history(ctx: RequestContext, query: HistoryQuery) -> dict[str, Any]:
    return services().history.page(ctx.user.id, history_filter(query), limit=query.limit, cursor=query.cursor)


@router.route(
    "/history/export",
    "GET",
    role=Role.USER,
    query=HistoryQuery,
    response_types=(CSV,),
    summary="Own history as CSV, with the same filters",
)
def export(ctx: RequestContext, query: HistoryQuery) -> Response:
    text = services().history.export_csv(ctx.user.id, history_filter(query))
    return Response(
        body=text,
        status_code=200,
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": 'attachment; filename="history.csv"',
        },
    )


@router.route(
    "/history/{entry_id}",
    "GET",
    role=Role.USER,
    response=HistoryEntry,
    response_types=(JSON, CSV),
    summary="One entry; batches list their results (Accept: text/csv for the results as CSV)",
)
def entry(ctx: RequestContext, entry_id: str) -> Any:
    view = services().history.get(ctx.user.id, entry_id)
    if not ctx.accepts(CSV):
        return view
    rows = view.get("results") or [
        {"row": 1, **{k: view[k] for k in ("cluster", "cluster_name", "confidence")}}
    ]
    return Response(
        body=results_csv(rows),
        status_code=200,
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="segments-{entry_id}.csv"',
        },
    )
