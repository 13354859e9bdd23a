from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib import aws
from chalicelib.healthcheck import HealthChecker
from chalicelib.http.routing import RequestContext, Router
from chalicelib.schemas.health import Health, Root
from chalicelib.settings import get_settings

bp = Blueprint(__name__)
router = Router(bp, tag="health")

# Registered by the application: the active model version or None; the latest training job.
active_model_probe: list[Any] = []
training_probe: list[Any] = []


@router.route("/", "GET", role=None, response=Root, summary="Service banner")
def root(ctx: RequestContext) -> dict[str, Any]:
    return {
        "status": "healthy",
        "message": "Customer Segmentation API is running",
        "version": get_settings().app_version,
    }


@router.route("/health", "GET", role=None, response=Health, summary="Health of the API and its dependencies")
def health(ctx: RequestContext) -> dict[str, Any]:
    settings = get_settings()

    def unknown() -> None:
        return None

    checker = HealthChecker(
        dynamodb=lambda: aws.health_client("dynamodb").describe_table(
            TableName=settings.table_name("counters")
        ),
        s3=lambda: aws.health_client("s3").head_bucket(Bucket=settings.artifacts_bucket),
        model_version=active_model_probe[0] if active_model_probe else unknown,
        training=training_probe[0] if training_probe else unknown,
        timeout_seconds=settings.health_timeout_seconds,
    )
    return checker.report(settings.app_version)
