"""Compare-and-swap of the JSON job records the API and the trainer both write in S3.

A job's record (``jobs/<id>.json``, ``scoring-jobs/<id>.json``) has two writers: the function
doing the work (progress, heartbeats, its result) and the API (a cancel, or "failed" for a job
that went silent). A plain read-then-write lets one overwrite the other: a heartbeat read just
before an admin's cancel would write "running" over it, and the job would run on to
"succeeded". So every write names the version it read (S3 ``If-Match`` on the ETag; ``If-None-
Match: *`` for a record that did not exist) and S3 refuses it with 412 when someone wrote in
between. The writer then re-reads and decides again. Conditional PUTs are plain S3 (since
2024-11) and moto enforces them, so tests exercise the real refusal.
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


def write_record(s3: Any, bucket: str, key: str, value: Any, *, version: str | None) -> str:
    """Replace the record if it is still at ``version`` (None: if it does not exist yet).

    Returns the new version; raises ``RecordChanged`` when another writer got there first.
    """
    body = json.dumps(value, allow_nan=False, separators=(",", ":")).encode()
    condition = {"IfMatch": version} if version is not None else {"IfNoneMatch": "*"}
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
    for _ in range(attempts):
        record, version = store.read_record(key)
        if not isinstance(record, dict):
            return None
        changed = change(record)
        if changed is None:
            return record
        try:
            store.write_record(key, changed, version=version)
        except RecordChanged:
            continue
        return changed
    raise RecordChanged(key)
