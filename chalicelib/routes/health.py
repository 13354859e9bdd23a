from __future__ import annotations

from chalice import Blueprint

from chalicelib import aws
from chalicelib.healthcheck import HealthChecker
from chalicelib.http.routing import RequestContext, Router
from chalicelib.schemas.health import Health, Root
from chalicelib.services import services
from chalicelib.settings import get_settings

bp = Blueprint(__name__)
router = Router(bp, tag="health")


@router.route("/", "GET", role=None, response=Root, summary="Service banner")
def root(ctx: RequestContext) -> Root:
    return Root(
        status="healthy", message="Customer Segmentation API is running", version=get_settings().app_version
    )


@router.route("/health", "GET", role=None, response=Health, summary="Health of the API and its dependencies")
def health(ctx: RequestContext) -> Health:
    settings = get_settings()

    checker = HealthChecker(
        dynamodb=lambda: aws.health_client("dynamodb").describe_table(
            TableName=settings.table_name("counters")
        ),
        s3=lambda: aws.health_client("s3").head_bucket(Bucket=settings.artifacts_bucket),
        model_version=lambda: services().models.active_version(),
        training=lambda: services().training.current(),
        timeout_seconds=settings.health_timeout_seconds,
    )
    return checker.report(settings.app_version)
