"""The token check run in every protected view, naming the minimum role (given to the app by create_app)."""

from __future__ import annotations

from chalicelib.errors import Forbidden, Unauthorized
from chalicelib.http import access_log
from chalicelib.http.routing import RequestContext
from chalicelib.roles import Role
from chalicelib.services import services


def bearer_token(ctx: RequestContext) -> str:
    header = ctx.headers.get("authorization") or ""
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("Send an access token as 'Authorization: Bearer <token>'.", code="missing_token")
    return token.strip()


def require_role(ctx: RequestContext, role: Role) -> None:
    user, claims = services().auth.authenticate(bearer_token(ctx))
    # Known from here on: a refused role is logged with who was refused.
    access_log.annotate(ctx.request, user_id=user.id)
    if not Role(user.role).allows(role):
        raise Forbidden(f"This action requires the {role.value} role.", code="insufficient_role")
    ctx.user = user
    ctx.claims = claims
