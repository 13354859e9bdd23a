"""The ``profile`` task: stream a dataset's file from S3 and write its profile to its record.

The record ends ``ready`` with the profile, or ``failed`` with a sentence saying why; a crash
of any kind still writes ``failed`` (and a process that dies outright is settled by the API
once the record stops being updated).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from segcore import jobs
from segcore.layout import dataset_key, dataset_meta_key, is_valid_id
from segcore.profiling import profile_csv
from segcore.records import update_record
from segcore.table import TableError
from segtrainer.storage import ArtifactStore

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
PROGRESS_STEP = 0.05


def iso_z(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _finished(record: dict[str, Any]) -> bool:
    return record.get("status") in ("ready", "failed")


def run_profile(event: Mapping[str, Any], *, store: ArtifactStore, clock: Clock) -> dict[str, Any]:
    """Profile the uploaded file into its record.

    The API writes the same record (it fails a profile that went silent): every write here is
    conditional on the version read (``segcore.records``) and leaves a finished record as it is.
    """
    dataset_id = event.get("dataset_id")
    if not isinstance(dataset_id, str) or not is_valid_id(dataset_id):
        raise ValueError(f"dataset_id {dataset_id!r} is not a valid id")
    key = dataset_meta_key(dataset_id)
    record: dict[str, Any] | None = store.get_json(key)
    if not isinstance(record, dict):
        raise ValueError(f"dataset {dataset_id} has no record")
    outcome: Callable[[dict[str, Any]], dict[str, Any]]
    try:
        size = store.size(dataset_key(dataset_id))
        if size is None:
            raise TableError("The uploaded file is missing.")
        reported = [0.0]

        def progress(done: int) -> None:
            share = done / max(size, 1)
            if share - reported[0] >= PROGRESS_STEP:
                reported[0] = share
                fields = {"progress": round(min(share, 1.0), 3), "updated_at": iso_z(clock())}
                stored = update_record(store, key, lambda r: None if _finished(r) else {**r, **fields})
                if stored is None or _finished(stored):
                    raise ProfileStopped()

        profile = profile_csv(store.iter_blocks(dataset_key(dataset_id)), on_progress=progress).as_dict()
        if profile["rows"] == 0:
            raise TableError(f"The file has no valid rows ({profile['rejected_rows']} rejected).")
        outcome = _profiled(profile, clock)
    except ProfileStopped:
        logger.info("profiling %s was finished by the API meanwhile", dataset_id)
        return store.get_json(key) or record
    except TableError as error:
        outcome = _failure(str(error), clock)
    except (ClientError, BotoCoreError) as error:
        logger.exception("profiling %s: storage error", dataset_id)
        outcome = _failure(f"Profiling stopped: storage failed ({error}).", clock)
    except Exception as error:
        logger.exception("profiling %s failed unexpectedly", dataset_id)
        outcome = _failure(f"Profiling failed unexpectedly ({type(error).__name__}: {error}).", clock)
    stored = update_record(store, key, lambda r: None if _finished(r) else outcome(r))
    return stored if stored is not None else record


class ProfileStopped(Exception):
    """The API finished the dataset's record meanwhile (failed it as silent); its verdict stands."""


def _profiled(profile: dict[str, Any], clock: Clock) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda record: {**jobs.with_profile(record, profile, iso_z(clock())), "progress": 1.0}


def _failure(reason: str, clock: Clock) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda record: jobs.with_status(record, "failed", iso_z(clock()), reason)
