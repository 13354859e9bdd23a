"""PynamoDB table models. Table names and endpoint come from settings at import time."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

import pynamodb.connection.base as pynamodb_connection
from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    VersionAttribute,
)
from pynamodb.connection import Connection
from pynamodb.models import Model

from chalicelib import aws
from chalicelib.settings import get_settings

_settings = get_settings()


class _SharedDynamoDBClient:
    """The session PynamoDB sees: the container's one botocore session (PynamoDB would open one
    per connection and load the DynamoDB service model each time, ~150 ms of a cold start
    apiece), handing every connection the same DynamoDB client. PynamoDB asks for a client per
    table model and one for transactions; creating each costs tens of ms of the first request,
    and all of them are created with the same settings."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._client: Any = None

    def create_client(self, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            if self._client is None:
                self._client = aws.session().create_client(*args, **kwargs)
            return self._client

    def set_credentials(self, *args: Any) -> None:
        raise RuntimeError("table credentials come from the environment, never from a model's Meta")


dynamodb_clients = _SharedDynamoDBClient()
pynamodb_connection.get_session = lambda: dynamodb_clients


def _meta(suffix: str) -> type:
    class Meta:
        table_name = _settings.table_name(suffix)
        region = _settings.aws_region
        host = _settings.dynamodb_host
        billing_mode = "PAY_PER_REQUEST"

    return Meta


@lru_cache(maxsize=1)
def transaction_connection() -> Connection:
    """One connection (one botocore client) per container: creating a client costs ~100 ms."""
    return Connection(region=_settings.aws_region, host=_settings.dynamodb_host)


class UserRecord(Model):
    Meta: Any = _meta("users")

    id = UnicodeAttribute(hash_key=True)
    username = UnicodeAttribute()
    email = UnicodeAttribute()
    full_name = UnicodeAttribute(null=True)
    role = UnicodeAttribute()
    is_active = BooleanAttribute()
    password_hash = UnicodeAttribute()
    # Bumped on password change, deactivation and deletion: tokens carry it and die with it.
    token_version = NumberAttribute(default=0)
    total_predictions = NumberAttribute(default=0)
    total_saved_profiles = NumberAttribute(default=0)
    # Lower-cased "username email full name" for the admin search.
    search_text = UnicodeAttribute(default="")
    # Set while a cascade delete is under way: nothing new may be attached to the user.
    deleting = BooleanAttribute(default=False)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class UniqueGuard(Model):
    """One item per claimed username/email (lower case), written with the user atomically."""

    Meta: Any = _meta("guards")

    key = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()


class RevokedToken(Model):
    Meta: Any = _meta("revoked-tokens")

    jti = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()
    # TTL attribute; expiry is also compared in code (TTL deletion lags, moto never deletes).
    expires_at = NumberAttribute()


class LoginThrottle(Model):
    Meta: Any = _meta("login-throttle")

    account = UnicodeAttribute(hash_key=True)
    failures = NumberAttribute(default=0)
    lockouts = NumberAttribute(default=0)
    locked_until = NumberAttribute(default=0)
    expires_at = NumberAttribute()


class PasswordReset(Model):
    """An outstanding password-reset link. Only the SHA-256 of its token is stored."""

    Meta: Any = _meta("password-resets")

    token_hash = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()
    # The user's token version when the link was issued: a later password change or
    # deactivation bumps it, and the link dies with it.
    token_version = NumberAttribute()
    # "admin" (an admin handed the link over) or "email" (forgot password).
    channel = UnicodeAttribute()
    created_at = UnicodeAttribute()
    # TTL attribute; expiry is also compared in code (TTL deletion lags, moto never deletes).
    expires_at = NumberAttribute()


class Counter(Model):
    """Maintained counters, updated with ADD in the same transaction as the counted change."""

    Meta: Any = _meta("counters")

    name = UnicodeAttribute(hash_key=True)
    value = NumberAttribute(default=0)
    # Registry items (e.g. the segment names ever counted) keep a set, grown with ADD.
    members = UnicodeSetAttribute(null=True)


class HistoryRecord(Model):
    """One prediction (single) or one scored file (batch). Ids sort by time."""

    Meta: Any = _meta("history")

    user_id = UnicodeAttribute(hash_key=True)
    id = UnicodeAttribute(range_key=True)
    kind = UnicodeAttribute()
    customer_data = JSONAttribute(null=True)
    customer_id = UnicodeAttribute(null=True)
    cluster = NumberAttribute(null=True)
    cluster_name = UnicodeAttribute(null=True)
    confidence = NumberAttribute(null=True)
    # How well the customer fits its segment (segcore.quality); absent on older entries.
    typicality = NumberAttribute(null=True)
    atypical = BooleanAttribute(null=True)
    model_version = UnicodeAttribute()
    profile_id = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    # Single entries: what POST /predict answered (absent on older entries), for the detail view.
    probabilities = JSONAttribute(null=True)
    explanation = JSONAttribute(null=True)
    # Batch entries: counts, per-segment summary and where the row results are kept in S3.
    scored = NumberAttribute(null=True)
    failed = NumberAttribute(null=True)
    summary = JSONAttribute(null=True)
    results_key = UnicodeAttribute(null=True)


class TrainingLock(Model):
    """At most one training job queued or running: a conditional put on one item."""

    Meta: Any = _meta("locks")

    name = UnicodeAttribute(hash_key=True)
    job_id = UnicodeAttribute()
    acquired_at = NumberAttribute()


class ProfileRecord(Model):
    """A saved customer profile, owned by one user. Ids sort by creation time."""

    Meta: Any = _meta("profiles")

    user_id = UnicodeAttribute(hash_key=True)
    id = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    features = JSONAttribute(null=True)  # {feature name: value}, as the schema of its time
    customer_id = UnicodeAttribute(null=True)
    model_version = UnicodeAttribute(null=True)  # the active model when last saved
    # Profiles saved before schemas held the replaced system's fields here; read, never written.
    sex = UnicodeAttribute(null=True)
    age = NumberAttribute(null=True)
    annual_income = NumberAttribute(null=True)
    spending_score = NumberAttribute(null=True)
    purchase_frequency = NumberAttribute(null=True)
    notes = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class AuditRecord(Model):
    """One privileged action. One partition, ids sort by time: newest first is a Query."""

    Meta: Any = _meta("audit")

    log = UnicodeAttribute(hash_key=True)
    id = UnicodeAttribute(range_key=True)
    at = UnicodeAttribute()
    actor_id = UnicodeAttribute()
    actor_username = UnicodeAttribute()
    action = UnicodeAttribute()
    target = UnicodeAttribute()
    details = JSONAttribute(null=True)


TABLES: tuple[type[Model], ...] = (
    UserRecord,
    UniqueGuard,
    RevokedToken,
    LoginThrottle,
    PasswordReset,
    Counter,
    HistoryRecord,
    TrainingLock,
    ProfileRecord,
    AuditRecord,
)
