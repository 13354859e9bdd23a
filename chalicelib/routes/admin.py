from __future__ import annotations

from chalice import Blueprint

from chalicelib.audit import actions as audit_actions
from chalicelib.http.routing import RequestContext, Router
from chalicelib.roles import Role
from chalicelib.schemas.admin import AuditPage, AuditQuery, StatsOut
from chalicelib.services import services

bp = Blueprint(__name__)
router = Router(bp, tag="admin")


@router.route(
    "/admin/stats",
    "GET",
    role=Role.ADMIN,
    response=StatsOut,
    summary="Users, predictions, the active model and input drift, from maintained counters",
)
def stats(ctx: RequestContext) -> StatsOut:
    return services().stats.snapshot()


@router.route(
    "/admin/audit",
    "GET",
    role=Role.ADMIN,
    query=AuditQuery,
    response=AuditPage,
    summary="Privileged actions, newest first",
    description="Actions: " + audit_actions.describe() + ".",
)
def audit(ctx: RequestContext, query: AuditQuery) -> AuditPage:
    svc = services()
    svc.training.current()  # records the latest training job's activation if not yet in the log
    return svc.audit.page(ctx.user, limit=query.limit, cursor=query.cursor)
