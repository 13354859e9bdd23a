"""A user as the API shows it: no secrets. Light to import (routes use it; PynamoDB is not loaded)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chalicelib.db.models import UserRecord


def user_view(user: UserRecord) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "is_active": bool(user.is_active),
        "created_at": user.created_at,
        "updated_at": user.updated_at,
    }


def user_with_totals(user: UserRecord) -> dict[str, Any]:
    return {
        **user_view(user),
        "total_predictions": int(user.total_predictions or 0),
        "total_saved_profiles": int(user.total_saved_profiles or 0),
    }
