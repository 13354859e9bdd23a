from __future__ import annotations

from chalice import Blueprint, Response

from chalicelib.http.csv_response import csv_response
from chalicelib.http.routing import CSV, JSON, RequestContext, Router, parse_json_body
from chalicelib.roles import Role
from chalicelib.schemas.segmentation import BatchBody, BatchOut, CustomerBody, PredictionOut, SchemaOut
from chalicelib.services import services
from segcore.encoding import decode as decode_text

bp = Blueprint(__name__)
router = Router(bp, tag="segmentation")

MAX_CSV_BYTES = 5 * 1024 * 1024


@router.route(
    "/schema",
    "GET",
    role=Role.USER,
    response=SchemaOut,
    errors=(409,),
    summary="The active model's schema: the features every form, batch and profile uses",
)
def schema(ctx: RequestContext) -> SchemaOut:
    return services().predictions.schema()


@router.route(
    "/predict",
    "POST",
    role=Role.USER,
    body=CustomerBody,
    response=PredictionOut,
    errors=(409,),
    summary="Segment one customer (the active schema's features), with confidence and explanation",
)
def predict(ctx: RequestContext, body: CustomerBody) -> PredictionOut:
    return services().predictions.predict(ctx.user, body.record())


@router.route(
    "/predict/batch",
    "POST",
    role=Role.USER,
    body=BatchBody,
    parse_body=False,
    response=BatchOut,
    errors=(409,),
    content_types=(JSON, CSV),
    response_types=(JSON, CSV),
    max_body=MAX_CSV_BYTES,
    summary="Score up to 1000 JSON customers or a CSV file (5 MB); Accept: text/csv for CSV results",
)
def predict_batch(ctx: RequestContext) -> BatchOut | Response:
    predictions = services().predictions
    if ctx.content_type() == CSV:
        # UTF-8, UTF-16 with a byte-order mark or Windows-1252, as for an uploaded dataset.
        text = decode_text(ctx.raw_body())
        result = predictions.predict_csv_batch(ctx.user, text)
    else:
        body = parse_json_body(ctx, BatchBody)
        assert isinstance(body, BatchBody)
        result = predictions.predict_json_batch(ctx.user, body.customers)
    if ctx.accepts(CSV):
        ctx.log_model_version(result.model_version)
        batch_id = result.batch_id
        return csv_response(result.csv(), f"segments-{batch_id}.csv", {"X-Batch-Id": batch_id})
    return result.out()
