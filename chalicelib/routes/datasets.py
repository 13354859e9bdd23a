from __future__ import annotations

from chalice import Blueprint

from chalicelib.http.routing import CSV, RequestContext, Router
from chalicelib.roles import Role
from chalicelib.schemas.datasets import DatasetList, DatasetOut, InlineUploadQuery, UploadBody, UploadOut
from chalicelib.services import services
from segcore.jobs import MAX_INLINE_DATASET_BYTES

bp = Blueprint(__name__)
router = Router(bp, tag="datasets")


@router.route(
    "/datasets/uploads",
    "POST",
    role=Role.USER,
    body=UploadBody,
    response=UploadOut,
    status=201,
    summary="Start an upload straight to storage (presigned form POST, up to 5 GiB)",
)
def start_upload(ctx: RequestContext, body: UploadBody) -> UploadOut:
    return services().datasets.create_upload(
        ctx.user, filename=body.filename, size_bytes=body.size_bytes, kind=body.kind
    )


@router.route(
    "/datasets/{dataset_id}/complete",
    "POST",
    role=Role.USER,
    response=DatasetOut,
    status=202,
    errors=(404, 409, 422),
    summary="The upload is done: profile the file in the background",
)
def complete_upload(ctx: RequestContext, dataset_id: str) -> DatasetOut:
    return services().datasets.complete(ctx.user, dataset_id)


@router.route(
    "/datasets",
    "POST",
    role=Role.USER,
    query=InlineUploadQuery,
    status=201,
    response=DatasetOut,
    content_types=(CSV,),
    errors=(413, 415, 422),
    max_body=MAX_INLINE_DATASET_BYTES,
    summary="Upload a small dataset (CSV body, 5 MB), profiled at once; ?filename=",
)
def upload_dataset(ctx: RequestContext, query: InlineUploadQuery) -> DatasetOut:
    return services().datasets.upload_by(ctx.user, ctx.raw_body(), filename=query.filename, kind=query.kind)


@router.route("/datasets", "GET", role=Role.USER, response=DatasetList, summary="Datasets, newest first")
def list_datasets(ctx: RequestContext) -> DatasetList:
    return services().datasets.list(ctx.user)


@router.route(
    "/datasets/{dataset_id}",
    "GET",
    role=Role.USER,
    response=DatasetOut,
    summary="One dataset and its profile",
)
def dataset(ctx: RequestContext, dataset_id: str) -> DatasetOut:
    return services().datasets.show(ctx.user, dataset_id)
