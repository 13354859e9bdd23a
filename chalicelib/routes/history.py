from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Response

from chalicelib.http.csv_response import csv_response
from chalicelib.http.routing import CSV, JSON, RequestContext, Router
from chalicelib.roles import Role
from chalicelib.schemas.segmentation import HistoryEntry, HistoryPage, HistoryQuery
from chalicelib.services import services

if TYPE_CHECKING:
    from chalicelib.segmentation.history import HistoryFilter

bp = Blueprint(__name__)
router = Router(bp, tag="history")


def history_filter(query: HistoryQuery) -> HistoryFilter:
    return services().history.filter(
        cluster=query.cluster,
        min_confidence=query.min_confidence,
        max_confidence=query.max_confidence,
        since=query.from_,
        until=query.to,
    )


@router.route(
    "/history",
    "GET",
    role=Role.USER,
    query=HistoryQuery,
    response=HistoryPage,
    summary="Own predictions, newest first",
)
def history(ctx: RequestContext, query: HistoryQuery) -> HistoryPage:
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
    return csv_response(services().history.export_csv(ctx.user.id, history_filter(query)), "history.csv")


@router.route(
    "/history/{entry_id}",
    "GET",
    role=Role.USER,
    response=HistoryEntry,
    response_types=(JSON, CSV),
    summary="One entry; batches list their results (Accept: text/csv for the results as CSV)",
)
def entry(ctx: RequestContext, entry_id: str) -> Any:
    if ctx.accepts(CSV):
        return csv_response(services().history.entry_csv(ctx.user.id, entry_id), f"segments-{entry_id}.csv")
    return services().history.get(ctx.user.id, entry_id)
