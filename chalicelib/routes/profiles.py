from __future__ import annotations

from chalice import Blueprint

from chalicelib.http.routing import RequestContext, Router
from chalicelib.roles import Role
from chalicelib.schemas.profiles import ProfileCreate, ProfileList, ProfileOut, ProfileQuery, ProfileUpdate
from chalicelib.schemas.segmentation import PredictionOut
from chalicelib.services import services

bp = Blueprint(__name__)
router = Router(bp, tag="profiles")


@router.route(
    "/profiles",
    "POST",
    role=Role.USER,
    body=ProfileCreate,
    response=ProfileOut,
    status=201,
    errors=(409,),
    summary="Save a customer profile",
)
def create(ctx: RequestContext, body: ProfileCreate) -> ProfileOut:
    fields = {"name": body.name, "notes": body.notes, "customer_id": body.customer_id}
    return services().profiles.create(ctx.user, {**fields, "features": body.feature_values()})


@router.route(
    "/profiles",
    "GET",
    role=Role.USER,
    query=ProfileQuery,
    response=ProfileList,
    summary="Own saved profiles, newest first",
)
def list_profiles(ctx: RequestContext, query: ProfileQuery) -> ProfileList:
    return services().profiles.list(ctx.user, limit=query.limit, cursor=query.cursor)


@router.route("/profiles/{profile_id}", "GET", role=Role.USER, response=ProfileOut, summary="One own profile")
def get(ctx: RequestContext, profile_id: str) -> ProfileOut:
    return services().profiles.get(ctx.user, profile_id)


@router.route(
    "/profiles/{profile_id}",
    "PUT",
    role=Role.USER,
    body=ProfileUpdate,
    response=ProfileOut,
    errors=(409,),
    summary="Change some fields; send `version` to refuse overwriting a newer change (409)",
)
def update(ctx: RequestContext, profile_id: str, body: ProfileUpdate) -> ProfileOut:
    changes = {k: getattr(body, k) for k in body.model_fields_set & {"name", "notes", "customer_id"}}
    if body.features is not None or body.model_extra:
        changes["features"] = body.feature_values()
    return services().profiles.update(ctx.user, profile_id, changes, version=body.version)


@router.route("/profiles/{profile_id}", "DELETE", role=Role.USER, status=204, summary="Delete an own profile")
def delete(ctx: RequestContext, profile_id: str) -> None:
    services().profiles.delete(ctx.user, profile_id)


@router.route(
    "/profiles/{profile_id}/predict",
    "POST",
    role=Role.USER,
    response=PredictionOut,
    errors=(409,),
    summary="Segment a saved profile; recorded in history with its profile_id",
)
def predict(ctx: RequestContext, profile_id: str) -> PredictionOut:
    return services().profiles.predict(ctx.user, profile_id)
