"""Compare-and-swap of the JSON job records the API and the trainer both write in S3.

A job's record (``jobs/<id>.json``, ``scoring-jobs/<id>.json``) has two writers: the function
doing the work (progress, heartbeats, its result) and the API (a cancel, or "failed" for a job
that went silent). A plain read-then-write lets one overwrite the other: a heartbeat read just
before an admin's cancel would write "running" over it, and the job would run on to
"succeeded". So every write names the version it read (S3 ``If-Match`` on the ETag; ``If-None-
Match: *`` for a record that did not exist) and S3 refuses it with 412 when someone wrote in
between. The writer then re-reads and decides again. Conditional PUTs are plain S3 (since
2024-11) and moto enforces them, so tests exercise the real refusal.

A write whose answer was lost (botocore retries a PUT that had landed) meets its own record on
the retry: 412, then a re-read finds exactly what it wrote, which counts as written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol

from botocore.exceptions import ClientError

_MISSING = frozenset({"NoSuchKey", "404", "NotFound"})
_CHANGED = frozenset({"PreconditionFailed", "412", "ConditionalRequestConflict", "409"})


class RecordChanged(Exception):
    """The record is not the version this writer read: someone else wrote it meanwhile."""


def read_record(s3: Any, bucket: str, key: str) -> tuple[Any | None, str | None]:
    """The record and its version (ETag), or ``(None, None)`` when there is none."""
    try:
        response = s3.get_object(Bucket=bucket, Key=key)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in _MISSING:
            return None, None
        raise
    return json.loads(response["Body"].read()), str(response["ETag"])


def as_stored(value: Any) -> Any:
    """``value`` as a read gives it back (tuples become lists...), to compare with a read."""
    return json.loads(_encode(value))


def _encode(value: Any) -> bytes:
    return json.dumps(value, allow_nan=False, separators=(",", ":")).encode()


_CONDITIONS = ("IfMatch", "IfNoneMatch")
_HEADERS = {"IfMatch": "If-Match", "IfNoneMatch": "If-None-Match"}


def _model_has(operation_model: Any, name: str) -> bool:
    return name in operation_model.input_shape.members


def _hold_conditions(params: dict[str, Any], model: Any, context: dict[str, Any], **_: Any) -> None:
    """Before validation: keep the conditions an older botocore does not know (the Lambda
    runtime's SDK may predate 2024-11) out of the parameters, for ``_send_conditions``."""
    held = {name: params.pop(name) for name in _CONDITIONS if name in params and not _model_has(model, name)}
    if held:
        context["record_conditions"] = held


def _send_conditions(params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
    for name, value in context.get("record_conditions", {}).items():
        params["headers"][_HEADERS[name]] = value


def _with_conditions(s3: Any) -> Any:
    """``s3`` able to send If-Match/If-None-Match on PutObject whatever its botocore version."""
    events = s3.meta.events
    events.register("before-parameter-build.s3.PutObject", _hold_conditions, unique_id="records-hold")
    events.register("before-call.s3.PutObject", _send_conditions, unique_id="records-send")
    return s3


def write_record(s3: Any, bucket: str, key: str, value: Any, *, version: str | None) -> str:
    """Replace the record if it is still at ``version`` (None: if it does not exist yet).

    Returns the new version; raises ``RecordChanged`` when another writer got there first.
    """
    body = _encode(value)
    condition = {"IfMatch": version} if version is not None else {"IfNoneMatch": "*"}
    s3 = _with_conditions(s3)
    try:
        response = s3.put_object(
            Bucket=bucket, Key=key, Body=body, ContentType="application/json", **condition
        )
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in _CHANGED:
            raise RecordChanged(key) from error
        raise
    return str(response["ETag"])


class RecordStore(Protocol):
    """Either app's artifact store: ``read_record`` and ``write_record`` over the functions above."""

    def read_record(self, key: str) -> tuple[Any | None, str | None]: ...

    def write_record(self, key: str, value: Any, *, version: str | None) -> str: ...


def update_record(
    store: RecordStore,
    key: str,
    change: Callable[[dict[str, Any]], dict[str, Any] | None],
    *,
    attempts: int = 3,
) -> dict[str, Any] | None:
    """The record after ``change`` (which returns the new record, or None to leave it).

    When another writer got in between the read and the write, the record is read again and
    ``change`` decides again, up to ``attempts`` times (then ``RecordChanged``). ``change`` must
    be safe to repeat. Returns None when there is no record.
    """
    record, version = store.read_record(key)
    for _ in range(attempts):
        if not isinstance(record, dict):
            return None
        changed = change(record)
        if changed is None:
            return record
        try:
            store.write_record(key, changed, version=version)
        except RecordChanged:
            record, version = store.read_record(key)
            # Our own write, whose answer was lost. (Another writer's identical record would
            # pass too; the records carry millisecond times and the repeatable changes are
            # idempotent, so taking it for ours is harmless.)
            if record == as_stored(changed):
                return changed
            continue
        return changed
    raise RecordChanged(key)


def settle_record(
    store: RecordStore, key: str, change: Callable[[dict[str, Any]], dict[str, Any] | None]
) -> dict[str, Any] | None:
    """``update_record`` for a read that settles as it goes (a job gone silent is failed...):
    when the record keeps changing, the read answers with it as it is now, and a later read
    settles it, rather than failing the read."""
    try:
        return update_record(store, key, change)
    except RecordChanged:
        record, _ = store.read_record(key)
        return record if isinstance(record, dict) else None
