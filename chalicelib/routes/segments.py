from __future__ import annotations

from chalice import Blueprint

from chalicelib.http.routing import RequestContext, Router
from chalicelib.roles import Role
from chalicelib.schemas.segmentation import ClustersOut, ElbowOut, ProjectionOut
from chalicelib.services import services

bp = Blueprint(__name__)
router = Router(bp, tag="segmentation")


@router.route(
    "/clusters",
    "GET",
    role=Role.USER,
    response=ClustersOut,
    errors=(409,),
    summary="Segments of the active model",
)
def clusters(ctx: RequestContext) -> ClustersOut:
    return services().models.segments()


@router.route(
    "/elbow",
    "GET",
    role=Role.USER,
    response=ElbowOut,
    errors=(409,),
    summary="Every quality measure per K and the K used",
)
def elbow(ctx: RequestContext) -> ElbowOut:
    return services().models.elbow()


@router.route(
    "/clusters/projection",
    "GET",
    role=Role.USER,
    response=ProjectionOut,
    errors=(409,),
    summary="2-D map (the plane separating segments best) of a sample of the training data and the centroids",
)
def projection(ctx: RequestContext) -> ProjectionOut:
    return services().models.projection()
