"""A user as the API shows it: no secrets. Light to import (routes use it; PynamoDB is not loaded)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.schemas.users import LoginResponse, User, UserWithTotals

if TYPE_CHECKING:
    from chalicelib.auth.tokens import IssuedToken
    from chalicelib.db.models import UserRecord


def user_view(user: UserRecord) -> User:
    """The model's fields read off the record (``from_attributes``): nothing else goes out."""
    return User.model_validate(user)


def user_with_totals(user: UserRecord) -> UserWithTotals:
    return UserWithTotals(
        **user_view(user).model_dump(),
        total_predictions=int(user.total_predictions or 0),
        total_saved_profiles=int(user.total_saved_profiles or 0),
    )


def login_response(token: IssuedToken, user: UserRecord) -> LoginResponse:
    """A signed-in session: the token and who it is for."""
    return LoginResponse(
        access_token=token.token, token_type="bearer", expires_in=token.expires_in, user=user_view(user)
    )
