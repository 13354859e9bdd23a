from __future__ import annotations

from chalice import Blueprint

from chalicelib.accounts.views import login_response, user_view, user_with_totals
from chalicelib.http.routing import RequestContext, Router
from chalicelib.roles import Role
from chalicelib.schemas.users import (
    ChangePasswordBody,
    DeleteMeBody,
    LoginResponse,
    UpdateMeBody,
    User,
    UserWithTotals,
)
from chalicelib.services import services

bp = Blueprint(__name__)
router = Router(bp, tag="account")


@router.route(
    "/users/me/profile",
    "GET",
    role=Role.USER,
    response=UserWithTotals,
    summary="The signed-in user with totals",
)
def my_profile(ctx: RequestContext) -> UserWithTotals:
    return user_with_totals(ctx.user)


@router.route(
    "/users/me",
    "PUT",
    role=Role.USER,
    body=UpdateMeBody,
    response=User,
    errors=(409,),
    summary="Update own email, username or full name",
)
def update_me(ctx: RequestContext, body: UpdateMeBody) -> User:
    user = services().accounts.update_me(
        ctx.user,
        username=body.username,
        email=str(body.email) if body.email else None,
        full_name=body.full_name,
        full_name_given="full_name" in body.model_fields_set,
    )
    return user_view(user)


@router.route(
    "/users/me/password",
    "PUT",
    role=Role.USER,
    body=ChangePasswordBody,
    response=LoginResponse,
    summary="Change password; every older token dies",
)
def change_password(ctx: RequestContext, body: ChangePasswordBody) -> LoginResponse:
    token = services().accounts.change_password(ctx.user, body.current_password, body.new_password)
    user = services().accounts.get(ctx.user.id)
    return login_response(token, user)


@router.route(
    "/users/me",
    "DELETE",
    role=Role.USER,
    body=DeleteMeBody,
    status=204,
    errors=(409,),
    summary="Delete own account with everything it owns",
)
def delete_me(ctx: RequestContext, body: DeleteMeBody) -> None:
    services().accounts.delete_me(ctx.user, body.password)
