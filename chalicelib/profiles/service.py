"""Saved customer profiles: strictly the owner's, optimistic locking, one-click prediction.

A profile holds the features of the schema that was active when it was saved. Values are
checked against the active schema (the bundled one when no model is active); when the active
model later changes to another schema, the profile is still listed and read, and says which
fields it lacks (``fits_active_model: false``) instead of failing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chalicelib.cursor import CursorCodec
from chalicelib.db.models import ProfileRecord, UserRecord
from chalicelib.db.transactions import with_retries
from chalicelib.errors import Conflict, NotFound, ValidationFailed
from chalicelib.ids import time_ordered_id
from chalicelib.profiles.repository import ProfileRepository, StaleProfile
from chalicelib.schemas.profiles import ProfileList, ProfileOut
from chalicelib.schemas.segmentation import PredictionOut
from chalicelib.segmentation.model_store import NoActiveModel
from chalicelib.segmentation.predictions import PredictionService
from chalicelib.timeutil import now_iso
from segcore.features import FEATURES, SEX, FeatureValueError, FieldError
from segcore.schema import BUNDLED_SCHEMA, CUSTOMER_ID, Schema, customer_id_of, input_schema

CURSOR_SCOPE = "profiles"
FLAT_FIELDS = (SEX, *FEATURES)


class StaleVersion(Conflict):
    code = "stale_version"
    default_message = "The profile was changed since you read it; reload it and try again."


def stored_features(record: ProfileRecord) -> dict[str, Any]:
    """The profile's features; a profile saved before schemas has the flat fields."""
    if record.features is not None:
        return dict(record.features)
    flat = {name: getattr(record, name) for name in FLAT_FIELDS}
    values = {name: value for name, value in flat.items() if value is not None}
    for name in FEATURES:
        if name in values:
            number = float(values[name])
            values[name] = int(number) if FEATURES[name].integer else number
    if SEX in flat:
        values[SEX] = flat[SEX]
    return values


def profile_view(record: ProfileRecord, schema: Schema, model_version: str | None) -> ProfileOut:
    features = stored_features(record)
    missing = schema.missing_fields(features)
    # The replaced system's clients read these flat (only those the profile has).
    flat = {name: features[name] for name in FLAT_FIELDS if name in features}
    del model_version
    return ProfileOut(
        id=record.id,
        user_id=record.user_id,
        name=record.name,
        customer_id=record.customer_id,
        features=features,
        notes=record.notes,
        model_version=record.model_version,
        fits_active_model=not missing,
        missing_fields=missing,
        version=int(record.version),
        created_at=record.created_at,
        updated_at=record.updated_at,
        **flat,
    )


def _check(schema: Schema, values: Mapping[str, Any], *, complete: bool) -> dict[str, Any]:
    """Normalised values; 422 naming each bad field. ``complete``: every model feature needed."""
    accepted = input_schema(schema)
    errors: list[FieldError] = []
    checked: dict[str, Any] = {}
    if complete:
        checked, errors = accepted.validate_record(values)
    else:
        names = {f.name for f in accepted.features}
        for key, value in values.items():
            if key not in names:
                errors.append({"field": key, "message": "is not a field of the active model's schema"})
                continue
            try:
                checked[key] = accepted.feature(key).check(value)
            except FeatureValueError as error:
                errors.append(error.as_field_error())
            if value is None and not accepted.feature(key).display_only:
                errors[-1] = {"field": key, "message": "may not be null"}
    if errors:
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        raise ValidationFailed(f"Invalid profile - {summary}", details=[dict(e) for e in errors])
    return checked


def _customer_id(value: object) -> str | None:
    if value is None:
        return None
    try:
        return customer_id_of(value)
    except FeatureValueError as error:
        raise ValidationFailed(error.message, details=[dict(error.as_field_error())]) from None


class ProfileService:
    def __init__(
        self, *, repository: ProfileRepository, predictions: PredictionService, cursors: CursorCodec
    ) -> None:
        self.repository = repository
        self.predictions = predictions
        self.cursors = cursors

    def _schema(self) -> tuple[Schema, str | None]:
        """The active model's schema and version; the bundled schema when none is active."""
        try:
            model = self.predictions.models.active()
        except NoActiveModel:
            return BUNDLED_SCHEMA, None
        return model.scorer.schema, model.version

    def create(self, user: UserRecord, fields: Mapping[str, Any]) -> ProfileOut:
        """``fields``: name, notes?, customer_id?, features? and flat features beside them."""
        rest = dict(fields)
        name, notes, customer_id = rest.pop("name"), rest.pop("notes", None), rest.pop(CUSTOMER_ID, None)
        features = {**(rest.pop("features", None) or {}), **rest}
        schema, version = self._schema()
        values = _check(schema, features, complete=True)
        now = now_iso()
        record = ProfileRecord(
            user.id,
            time_ordered_id(),
            name=name,
            features=values,
            customer_id=_customer_id(customer_id),
            model_version=version,
            notes=notes,
            created_at=now,
            updated_at=now,
        )
        self.repository.create(record)
        return profile_view(record, schema, version)

    def list(self, user: UserRecord, *, limit: int, cursor: str | None) -> ProfileList:
        after = str(self.cursors.decode(cursor, user_id=user.id, scope=CURSOR_SCOPE)) if cursor else None
        items, more = self.repository.page(user.id, limit=limit, after=after)
        next_cursor = (
            self.cursors.encode(items[-1].id, user_id=user.id, scope=CURSOR_SCOPE) if more and items else None
        )
        schema, version = self._schema()
        profiles = [profile_view(r, schema, version) for r in items]
        return ProfileList(profiles=profiles, next_cursor=next_cursor)

    def get(self, user: UserRecord, profile_id: str) -> ProfileOut:
        schema, version = self._schema()
        return profile_view(self._own(user, profile_id), schema, version)

    def update(
        self, user: UserRecord, profile_id: str, changes: dict[str, Any], *, version: int | None
    ) -> ProfileOut:
        """``changes``: any of name, notes, customer_id, and ``features`` (merged, key by key)."""
        schema, model_version = self._schema()
        feature_changes = _check(schema, changes.pop("features", {}), complete=False)
        if CUSTOMER_ID in changes:
            changes[CUSTOMER_ID] = _customer_id(changes[CUSTOMER_ID])

        def attempt() -> ProfileRecord:
            record = self._own(user, profile_id)
            if version is not None and int(record.version) != version:
                raise StaleVersion(details=[{"field": "version", "message": f"current is {record.version}"}])
            if not changes and not feature_changes:
                return record
            for name, value in changes.items():
                setattr(record, name, value)
            if feature_changes:
                record.features = {**stored_features(record), **feature_changes}
                for flat in FLAT_FIELDS:
                    setattr(record, flat, None)
                record.model_version = model_version
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
            return profile_view(with_retries(attempt, retry_on=(StaleProfile,)), schema, model_version)
        except StaleProfile:
            raise StaleVersion("The profile keeps changing; reload it and try again.") from None

    def delete(self, user: UserRecord, profile_id: str) -> None:
        record = self._own(user, profile_id)
        try:
            self.repository.delete(record)
        except StaleProfile:
            raise _not_found() from None  # deleted concurrently: only one delete counts

    def predict(self, user: UserRecord, profile_id: str) -> PredictionOut:
        """As ``POST /predict`` with the profile's features; a profile that no longer fits the
        active schema is 422 naming the missing fields."""
        record = self._own(user, profile_id)
        customer = stored_features(record)
        if record.customer_id:
            customer[CUSTOMER_ID] = record.customer_id
        return self.predictions.predict(user, customer, profile_id=record.id)

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
