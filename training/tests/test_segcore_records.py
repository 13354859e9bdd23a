"""Compare-and-swap of job records in S3 (segcore.records), against moto's real refusals."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from conftest import Trainer
from segtrainer.storage import ArtifactStore

from segcore.records import RecordChanged, update_record


def test_a_write_naming_an_old_version_is_refused_and_the_current_one_accepted(trainer: Trainer) -> None:
    store = ArtifactStore(trainer.s3, trainer.bucket)
    first = store.write_record("jobs/a.json", {"n": 1}, version=None)
    second = store.write_record("jobs/a.json", {"n": 2}, version=first)
    with pytest.raises(RecordChanged):
        store.write_record("jobs/a.json", {"n": 3}, version=first)
    with pytest.raises(RecordChanged):
        store.write_record("jobs/a.json", {"n": 3}, version=None)  # it exists now
    assert store.read_record("jobs/a.json") == ({"n": 2}, second)


def test_an_sdk_without_conditional_puts_sends_them_as_headers(trainer: Trainer) -> None:
    """The Lambda runtime's botocore may predate IfMatch on PutObject: same refusals."""
    old_sdk = boto3.client("s3", region_name="us-east-1")
    put_object = old_sdk.meta.service_model.operation_model("PutObject").input_shape.members
    put_object.pop("IfMatch"), put_object.pop("IfNoneMatch")  # this client's model only
    sent: list[dict[str, str]] = []

    def conditions(request: Any, **_: Any) -> None:
        sent.append(
            {
                k: v.decode() if isinstance(v, bytes) else v
                for k, v in request.headers.items()
                if k.startswith("If-")
            }
        )

    old_sdk.meta.events.register("before-send.s3.PutObject", conditions)
    store = ArtifactStore(old_sdk, trainer.bucket)
    first = store.write_record("jobs/old-sdk.json", {"n": 1}, version=None)
    store.write_record("jobs/old-sdk.json", {"n": 2}, version=first)
    with pytest.raises(RecordChanged):
        store.write_record("jobs/old-sdk.json", {"n": 3}, version=first)
    with pytest.raises(RecordChanged):
        store.write_record("jobs/old-sdk.json", {"n": 3}, version=None)
    assert store.read_record("jobs/old-sdk.json")[0] == {"n": 2}
    assert sent[:2] == [{"If-None-Match": "*"}, {"If-Match": first}]


class LostAnswers:
    """A store whose writes land but answer as if someone else had written first (what a
    botocore retry of a PUT that had landed meets)."""

    def __init__(self, store: ArtifactStore) -> None:
        self.store = store

    def read_record(self, key: str) -> tuple[Any | None, str | None]:
        return self.store.read_record(key)

    def write_record(self, key: str, value: Any, *, version: str | None) -> str:
        self.store.write_record(key, value, version=version)
        raise RecordChanged(key)


def test_an_update_whose_answer_was_lost_counts_as_written_once(trainer: Trainer) -> None:
    store = ArtifactStore(trainer.s3, trainer.bucket)
    store.write_record("jobs/lost.json", {"status": "running", "steps": [1]}, version=None)
    calls: list[dict[str, Any]] = []

    def finish(record: dict[str, Any]) -> dict[str, Any] | None:
        calls.append(record)
        return None if record["status"] != "running" else {**record, "status": "failed", "steps": (1, 2)}

    result = update_record(LostAnswers(store), "jobs/lost.json", finish)

    assert result == {"status": "failed", "steps": (1, 2)} and len(calls) == 1
    assert store.read_record("jobs/lost.json")[0] == {"status": "failed", "steps": [1, 2]}


def test_an_update_that_always_loses_the_race_gives_up(trainer: Trainer) -> None:
    store = ArtifactStore(trainer.s3, trainer.bucket)
    store.write_record("jobs/busy.json", {"n": 0}, version=None)

    def bump(record: dict[str, Any]) -> dict[str, Any]:
        _, current = store.read_record("jobs/busy.json")
        store.write_record("jobs/busy.json", {"n": record["n"] + 100}, version=current)  # someone else
        return {"n": record["n"] + 1}

    with pytest.raises(RecordChanged):
        update_record(store, "jobs/busy.json", bump, attempts=3)
    assert store.read_record("jobs/busy.json")[0] == {"n": 300}


def test_there_is_nothing_to_update_without_a_record(trainer: Trainer) -> None:
    store = ArtifactStore(trainer.s3, trainer.bucket)
    assert update_record(store, "jobs/none.json", lambda record: {"n": 1}) is None
    assert store.read_record("jobs/none.json") == (None, None)
