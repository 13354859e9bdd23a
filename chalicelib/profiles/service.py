"""Saved customer profiles: strictly the owner's, optimistic locking, one-click prediction."""

from __future__ import annotations

from typing import Any

from chalicelib.db.models import ProfileRecord, UserRecord
from chalicelib.db.transactions import with_retries
from chalicelib.errors import Conflict, NotFound
from chalicelib.http.cursor import CursorCodec
from chalicelib.profiles.repository import ProfileRepository, StaleProfile
from chalicelib.segmentation.ids import time_ordered_id
from chalicelib.segmentation.predictions import PredictionService
from chalicelib.timeutil import now_iso
from segcore.features import NUMERIC_FEATURES

CURSOR_SCOPE = "profiles"


class StaleVersion(Conflict):
    code = "stale_version"
    default_message = "The profile was changed since you read it; reload it and try again."


def profile_view(record: ProfileRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "user_id": record.user_id,
        "name": record.name,
        "sex": record.sex,
        "age": int(record.age),
        "annual_income": float(record.annual_income),
        "spending_score": int(record.spending_score),
        "purchase_frequency": int(record.purchase_frequency),
        "notes": record.notes,
        "version": int(record.version),
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def profile_features(record: ProfileRecord) -> dict[str, Any]:
    return {"sex": record.sex, **{name: getattr(record, name) for name in NUMERIC_FEATURES}}


class ProfileService:
    def __init__(
        self, *, repository: ProfileRepository, predictions: PredictionService, cursors: CursorCodec
    ) -> None:
        self.repository = repository
        self.predictions = predictions
        self.cursors = cursors

    def create(self, user: UserRecord, fields: dict[str, Any]) -> dict[str, Any]:
        now = now_iso()
        record = ProfileRecord(user.id, time_ordered_id(), created_at=now, updated_at=now, **fields)
        self.repository.create(record)
        return profile_view(record)

    def list(self, user: UserRecord, *, limit: int, cursor: str | None) -> dict[str, Any]:
        after = str(self.cursors.decode(cursor, user_id=user.id, scope=CURSOR_SCOPE)) if cursor else None
        items, more = self.repository.page(user.id, limit=limit, after=after)
        next_cursor = (
            self.cursors.encode(items[-1].id, user_id=user.id, scope=CURSOR_SCOPE) if more and items else None
        )
        return {"profiles": [profile_view(r) for r in items], "next_cursor": next_cursor}

    def get(self, user: UserRecord, profile_id: str) -> dict[str, Any]:
        return profile_view(self._own(user, profile_id))

    def update(
        self, user: UserRecord, profile_id: str, changes: dict[str, Any], *, version: int | None
    ) -> dict[str, Any]:
        def attempt() -> ProfileRecord:
            record = self._own(user, profile_id)
            if version is not None and int(record.version) != version:
                raise StaleVersion(details=[{"field": "version", "message": f"current is {record.version}"}])
            if not changes:
                return record
            for name, value in changes.items():
                setattr(record, name, value)
            record.updated_at = now_iso()
            try:
                self.repository.save(record)
            except StaleProfile:
                if version is not None:
                    # The version the client sent was current when read, and no longer is.
                    raise StaleVersion() from None
                raise
            return record

        try:
            return profile_view(with_retries(attempt, retry_on=(StaleProfile,)))
        except StaleProfile:
            raise StaleVersion("The profile keeps changing; reload it and try again.") from None

    def delete(self, user: UserRecord, profile_id: str) -> None:
        record = self._own(user, profile_id)
        try:
            self.repository.delete(record)
        except StaleProfile:
            raise _not_found() from None  # deleted concurrently: only one delete counts

    def predict(self, user: UserRecord, profile_id: str) -> dict[str, Any]:
        record = self._own(user, profile_id)
        return self.predictions.predict(user, profile_features(record), profile_id=record.id)

    def purge_user(self, user_id: str) -> None:
        self.repository.purge_user(user_id)

    def _own(self, user: UserRecord, profile_id: str) -> ProfileRecord:
        # Keyed by owner: another user's profile id simply is not found (404, never 403).
        record = self.repository.get(user.id, profile_id) if 0 < len(profile_id) <= 64 else None
        if record is None:
            raise _not_found()
        return record


def _not_found() -> NotFound:
    return NotFound("Profile not found.", code="profile_not_found")
