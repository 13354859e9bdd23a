from __future__ import annotations

from chalice import Blueprint

from chalicelib.http.routing import RequestContext, Router
from chalicelib.roles import Role
from chalicelib.schemas.datasets import ScoringJobBody, ScoringJobList, ScoringJobOut
from chalicelib.services import services

bp = Blueprint(__name__)
router = Router(bp, tag="scoring jobs")


@router.route(
    "/scoring-jobs",
    "POST",
    role=Role.USER,
    body=ScoringJobBody,
    response=ScoringJobOut,
    status=202,
    errors=(403, 404, 409),
    summary="Score a whole dataset with the active model (or a chosen version), in the background",
)
def start(ctx: RequestContext, body: ScoringJobBody) -> ScoringJobOut:
    return services().scoring_jobs.start(ctx.user, body.dataset_id, model_version=body.model_version)


@router.route("/scoring-jobs", "GET", role=Role.USER, response=ScoringJobList, summary="Your scoring jobs")
def list_jobs(ctx: RequestContext) -> ScoringJobList:
    return services().scoring_jobs.list(ctx.user)


@router.route(
    "/scoring-jobs/{job_id}",
    "GET",
    role=Role.USER,
    response=ScoringJobOut,
    summary="A scoring job: progress, counts, summary and a short-lived download link",
)
def job(ctx: RequestContext, job_id: str) -> ScoringJobOut:
    return services().scoring_jobs.get(ctx.user, job_id)
