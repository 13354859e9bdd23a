from __future__ import annotations

from chalice import Blueprint

from chalicelib.accounts.views import login_response, user_view
from chalicelib.http.routing import RequestContext, Router
from chalicelib.roles import Role
from chalicelib.schemas.users import (
    ForgotPasswordAccepted,
    ForgotPasswordBody,
    LoginBody,
    LoginResponse,
    RegisterBody,
    ResetPasswordBody,
    User,
)
from chalicelib.services import services

bp = Blueprint(__name__)
router = Router(bp, tag="auth")


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
def register(ctx: RequestContext, body: RegisterBody) -> User:
    return user_view(services().auth.register(**body.model_dump()))


@router.route(
    "/auth/login",
    "POST",
    role=None,
    body=LoginBody,
    response=LoginResponse,
    errors=(401, 429),
    summary="Sign in with username or email",
)
def login(ctx: RequestContext, body: LoginBody) -> LoginResponse:
    token, user = services().auth.login(body.username, body.password)
    return login_response(token, user)


@router.route("/auth/me", "GET", role=Role.USER, response=User, summary="The signed-in user")
def me(ctx: RequestContext) -> User:
    return user_view(ctx.user)


@router.route("/auth/logout", "POST", role=Role.USER, status=204, summary="Revoke this token")
def logout(ctx: RequestContext) -> None:
    services().auth.logout(ctx.claims)


@router.route(
    "/auth/forgot-password",
    "POST",
    role=None,
    body=ForgotPasswordBody,
    response=ForgotPasswordAccepted,
    status=202,
    errors=(429,),
    summary="Mail a one-time password-reset link",
    description=(
        "Always 202 in about the same time, whether or not an account has this email; an "
        "active account gets a link valid for 30 minutes. Throttled per address and per client."
    ),
)
def forgot_password(ctx: RequestContext, body: ForgotPasswordBody) -> ForgotPasswordAccepted:
    services().recovery.forgot(str(body.email), ctx.client_ip)
    return ForgotPasswordAccepted(message="If an account has this email, a reset link is on its way.")


@router.route(
    "/auth/password-reset",
    "POST",
    role=None,
    body=ResetPasswordBody,
    response=LoginResponse,
    errors=(400,),
    summary="Set a new password with a one-time reset link",
    description=(
        "Signs in as at login; every older token of the user dies and login lockouts are "
        "cleared. A used, expired, unknown or superseded token is 400 invalid_reset_token."
    ),
)
def password_reset(ctx: RequestContext, body: ResetPasswordBody) -> LoginResponse:
    token, user = services().recovery.redeem(body.token, body.new_password)
    return login_response(token, user)
