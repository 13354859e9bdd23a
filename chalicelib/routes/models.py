from __future__ import annotations

from chalice import Blueprint

from chalicelib.errors import BadRequest, ValidationFailed
from chalicelib.http.routing import Reply, RequestContext, Router
from chalicelib.roles import Role
from chalicelib.schemas.segmentation import (
    JobOut,
    ModelDetail,
    ModelList,
    RenameBody,
    SegmentOut,
    TrainBody,
    TrainQuery,
)
from chalicelib.services import services

bp = Blueprint(__name__)
router = Router(bp, tag="models")


@router.route(
    "/train",
    "POST",
    role=Role.ANALYST,
    body=TrainBody,
    query=TrainQuery,
    response=JobOut,
    status=202,
    also=(200,),
    errors=(404, 409),
    summary="Start training; ?wait=N (<= 25 s) returns 200 with the result if done",
    description="`activate` defaults to true for an admin and false for an analyst; an analyst "
    "asking for `activate: true` gets 403.",
)
def train(ctx: RequestContext, body: TrainBody, query: TrainQuery) -> JobOut | Reply:
    if body.k is None and body.k_min > body.k_max:
        raise ValidationFailed(
            "k_min must not exceed k_max.", details=[{"field": "k_min", "message": "must not exceed k_max"}]
        )
    svc = services()
    started = svc.training.start(ctx.user, {**body.model_dump(), "features": body.requests()})
    if query.wait > 0:
        result, finished = svc.training.wait_for_result(started.job_id, query.wait)
        if finished:
            return Reply(result, 200)
        return result
    return started


@router.route("/train/{job_id}", "GET", role=Role.ANALYST, response=JobOut, summary="A training job's status")
def job(ctx: RequestContext, job_id: str) -> JobOut:
    return services().training.job(job_id)


@router.route(
    "/train/{job_id}/cancel",
    "POST",
    role=Role.ADMIN,
    response=JobOut,
    errors=(409,),
    summary="Cancel a queued or running job (audited); 409 once it has finished or is activating",
)
def cancel_job(ctx: RequestContext, job_id: str) -> JobOut:
    return services().training.cancel(ctx.user, job_id)


@router.route("/models", "GET", role=Role.ANALYST, response=ModelList, summary="Model versions")
def list_models(ctx: RequestContext) -> ModelList:
    return services().registry.list()


@router.route(
    "/models/{version}", "GET", role=Role.ANALYST, response=ModelDetail, summary="One model in detail"
)
def model_detail(ctx: RequestContext, version: str) -> ModelDetail:
    return services().registry.detail(version)


@router.route(
    "/models/{version}/activate",
    "POST",
    role=Role.ADMIN,
    response=ModelList,
    summary="Make this version active (also the rollback)",
)
def activate(ctx: RequestContext, version: str) -> ModelList:
    svc = services()
    svc.training.current()  # the version being replaced, if a job activated it, is audited first
    return svc.registry.activate(ctx.user, version)


@router.route(
    "/models/{version}/clusters/{cluster_id}",
    "PUT",
    role=Role.ANALYST,
    body=RenameBody,
    response=SegmentOut,
    errors=(409,),
    summary="Rename or redescribe a segment (names unique within a model)",
    description="Answers the segment as `GET /clusters` and `GET /models/{version}` show it.",
)
def rename(ctx: RequestContext, version: str, cluster_id: str, body: RenameBody) -> SegmentOut:
    if not cluster_id.isdigit():
        raise BadRequest("cluster_id must be a whole number.", code="invalid_path")
    return services().registry.rename(
        ctx.user, version, int(cluster_id), name=body.name, description=body.description
    )
