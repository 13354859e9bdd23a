from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib import aws
from chalicelib.db.models import Counter
from chalicelib.http.routing import RequestContext, Router
from chalicelib.schemas.health import Health, Root
from chalicelib.settings import get_settings

bp = Blueprint(__name__)
router = Router(bp, tag="health")

# Registered by the segmentation runtime: returns the active model version or None.
active_model_probe: list[Any] = []


@router.route("/", "GET", role=None, response=Root, summary="Service banner")
def root(ctx: RequestContext) -> dict[str, Any]:
    return {
        "status": "healthy",
        "message": "Customer Segmentation API is running",
        "version": get_settings().app_version,
    }


def _check(probe: Any) -> dict[str, Any]:
    try:
        probe()
        return {"status": "ok"}
    except Exception as exc:
        return {"status": "down", "detail": type(exc).__name__}


@router.route("/health", "GET", role=None, response=Health, summary="Health of the API and its dependencies")
def health(ctx: RequestContext) -> dict[str, Any]:
    settings = get_settings()
    dynamodb = _check(lambda: Counter.describe_table())
    s3 = _check(lambda: aws.client("s3").head_bucket(Bucket=settings.artifacts_bucket))
    version = None
    model: dict[str, str | None] = {"status": "none", "detail": "No active model"}
    if active_model_probe:
        try:
            version = active_model_probe[0]()
            model = {"status": "ok" if version else "none", "detail": None if version else "No active model"}
        except Exception as exc:
            model = {"status": "down", "detail": type(exc).__name__}
    healthy = dynamodb["status"] == "ok" and s3["status"] == "ok"
    return {
        "status": "healthy" if healthy else "degraded",
        "version": settings.app_version,
        "api": {"status": "ok"},
        "dynamodb": dynamodb,
        "s3": s3,
        "model": model,
        "active_model_version": version,
    }
