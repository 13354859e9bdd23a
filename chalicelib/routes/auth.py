from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.accounts.service import user_view
from chalicelib.auth.tokens import IssuedToken
from chalicelib.db.models import UserRecord
from chalicelib.http.routing import RequestContext, Router
from chalicelib.roles import Role
from chalicelib.schemas.users import LoginBody, LoginResponse, RegisterBody, User
from chalicelib.services import services

bp = Blueprint(__name__)
router = Router(bp, tag="auth")


def login_response(token: IssuedToken, user: UserRecord) -> dict[str, Any]:
    return {
        "access_token": token.token,
        "token_type": "bearer",
        "expires_in": token.expires_in,
        "user": user_view(user),
    }


@router.route(
    "/auth/register",
    "POST",
    role=None,
    body=RegisterBody,
    response=User,
    status=201,
    errors=(409,),
    summary="Create an account",
)
def register(ctx: RequestContext, body: RegisterBody) -> dict[str, Any]:
    return user_view(services().auth.register(body))


@router.route(
    "/auth/login",
    "POST",
    role=None,
    body=LoginBody,
    response=LoginResponse,
    errors=(401, 429),
    summary="Sign in with username or email",
)
def login(ctx: RequestContext, body: LoginBody) -> dict[str, Any]:
    token, user = services().auth.login(body.username, body.password)
    return login_response(token, user)


@router.route("/auth/me", "GET", role=Role.USER, response=User, summary="The signed-in user")
def me(ctx: RequestContext) -> dict[str, Any]:
    return user_view(ctx.user)


@router.route("/auth/logout", "POST", role=Role.USER, status=204, summary="Revoke this token")
def logout(ctx: RequestContext) -> None:
    services().auth.logout(ctx.claims)
