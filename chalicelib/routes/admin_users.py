from __future__ import annotations

from chalice import Blueprint

from chalicelib.accounts.views import user_with_totals
from chalicelib.http.routing import RequestContext, Router
from chalicelib.roles import Role
from chalicelib.schemas.users import AdminUserQuery, PasswordResetLink, RoleBody, UserList, UserWithTotals
from chalicelib.services import services

bp = Blueprint(__name__)
router = Router(bp, tag="admin")

# The /users aliases behave exactly like /admin/users.
_PREFIXES = ("/admin/users", "/users")


def _list(ctx: RequestContext, query: AdminUserQuery) -> UserList:
    return services().accounts.list_users(
        ctx.user,
        search=query.search,
        role=query.role,
        is_active=query.is_active,
        limit=query.limit,
        cursor=query.cursor,
    )


def _get(ctx: RequestContext, user_id: str) -> UserWithTotals:
    return user_with_totals(services().accounts.get(user_id))


def _set_role(ctx: RequestContext, user_id: str, body: RoleBody) -> UserWithTotals:
    return user_with_totals(services().accounts.change_role(ctx.user, user_id, body.role))


def _toggle(ctx: RequestContext, user_id: str) -> UserWithTotals:
    return user_with_totals(services().accounts.toggle_active(ctx.user, user_id))


def _password_reset(ctx: RequestContext, user_id: str) -> PasswordResetLink:
    link = services().recovery.issue_by_admin(ctx.user, user_id)
    return PasswordResetLink(reset_url=link.reset_url, expires_at=link.expires_at)


def _delete(ctx: RequestContext, user_id: str) -> None:
    services().accounts.delete_user(ctx.user, user_id)


for _prefix in _PREFIXES:
    router.route(
        _prefix,
        "GET",
        role=Role.ADMIN,
        query=AdminUserQuery,
        response=UserList,
        summary="List users with search, filters and totals",
    )(_list)
    router.route(
        f"{_prefix}/{{user_id}}",
        "GET",
        role=Role.ADMIN,
        response=UserWithTotals,
        errors=(404,),
        summary="One user with totals",
    )(_get)
    router.route(
        f"{_prefix}/{{user_id}}/role",
        "PUT",
        role=Role.ADMIN,
        body=RoleBody,
        response=UserWithTotals,
        errors=(404, 409),
        summary="Change a user's role",
    )(_set_role)
    router.route(
        f"{_prefix}/{{user_id}}",
        "DELETE",
        role=Role.ADMIN,
        status=204,
        errors=(404, 409),
        summary="Delete a user with everything it owns",
    )(_delete)

router.route(
    "/admin/users/{user_id}/toggle-active",
    "PUT",
    role=Role.ADMIN,
    response=UserWithTotals,
    errors=(404, 409),
    summary="Activate or deactivate a user",
)(_toggle)

router.route(
    "/admin/users/{user_id}/password-reset",
    "POST",
    role=Role.ADMIN,
    response=PasswordResetLink,
    status=201,
    errors=(403, 404, 409),
    summary="Issue a one-time password-reset link for a user",
    description=(
        "The link (30 minutes, single use) is shown once, for the admin to hand over; audited. "
        "Not for the admin's own account (403 self_action_forbidden); a deactivated account is "
        "409 user_inactive."
    ),
)(_password_reset)
