from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.http.routing import RequestContext, Router
from chalicelib.roles import Role
from chalicelib.schemas.segmentation import ClustersOut, ElbowOut, ProjectionOut
from chalicelib.segmentation.model_store import segment_view
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
def clusters(ctx: RequestContext) -> dict[str, Any]:
    doc = services().models.active().document
    return {
        "model_version": doc["version"],
        "total_customers": doc["rows"],
        "n_clusters": len(doc["clusters"]),
        "features": doc["features"],
        "metrics": doc["metrics"],
        "clusters": [segment_view(c) for c in doc["clusters"]],
    }


@router.route(
    "/elbow",
    "GET",
    role=Role.USER,
    response=ElbowOut,
    errors=(409,),
    summary="Every quality measure per K and the K used",
)
def elbow(ctx: RequestContext) -> dict[str, Any]:
    doc = services().models.active().document
    return {"model_version": doc["version"], "chosen_k": len(doc["clusters"]), **doc["elbow"]}


@router.route(
    "/clusters/projection",
    "GET",
    role=Role.USER,
    response=ProjectionOut,
    errors=(409,),
    summary="2-D map (the plane separating segments best) of a sample of the training data and the centroids",
)
def projection(ctx: RequestContext) -> dict[str, Any]:
    doc = services().models.active().document
    projected = doc["projection"]
    return {
        "model_version": doc["version"],
        "explained_variance_ratio": projected["explained_variance_ratio"],
        "method": projected.get("method", "pca"),
        "axis_labels": projected.get("axis_labels"),
        "points": projected["sample"],
        "centroids": projected["centroids"],
    }
