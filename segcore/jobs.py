"""The API <-> trainer contract: tasks, limits, defaults and the records both sides write.

The API starts work by sending the trainer function an event ``{"task": ..., ...}`` (an
asynchronous Lambda invoke in AWS, a process locally) and reads the outcome from S3 records
whose keys are in ``segcore.layout``. Every record is built and changed by the functions here,
so the two apps cannot disagree on a field.

Tasks:
- ``train``: ``{task, job_id, dataset_id, features?, id_column?, k?, k_min, k_max, seed, activate,
  requested_by}`` -> ``jobs/<job_id>.json`` (``training_record``);
- ``profile``: ``{task, dataset_id}`` -> ``datasets/<id>/meta.json`` (``dataset_record``);
- ``score``: ``{task, job_id, dataset_id, model_version}`` -> ``scoring-jobs/<job_id>.json``
  (``scoring_record``) and ``scoring-jobs/<job_id>/result.csv``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

TASK_TRAIN = "train"
TASK_PROFILE = "profile"
TASK_SCORE = "score"
TASKS = (TASK_TRAIN, TASK_PROFILE, TASK_SCORE)

# Training limits and defaults (the API validates requests with them, the trainer re-checks).
MIN_K = 2
MAX_K = 15
DEFAULT_K_MIN = 2
DEFAULT_K_MAX = 10
DEFAULT_SEED = 42
MAX_SEED = 2**32 - 1
MIN_FEATURES = 2
MAX_FEATURES = 32
MAX_CATEGORIES = 50  # distinct values of one categorical feature

# Datasets.
MAX_UPLOAD_BYTES = 5 * 1024**3
MAX_INLINE_DATASET_BYTES = 5 * 1024 * 1024
UPLOAD_URL_SECONDS = 3600
MAX_FILENAME_LENGTH = 255
DATASET_KINDS = ("customers", "transactions")
DatasetStatus = Literal["uploading", "profiling", "ready", "failed"]
# A profile or scoring job that has not reported for this long has crashed (Lambda stops at 15 min).
STALE_WORK_SECONDS = 16 * 60

# Scoring jobs.
DOWNLOAD_URL_SECONDS = 15 * 60
RESULT_COLUMNS = ("segment_id", "segment_name", "confidence", "atypical", "error")
JobStatus = Literal["queued", "running", "succeeded", "failed"]
FINISHED = ("succeeded", "failed")


def task_of(event: Mapping[str, Any]) -> str:
    """The event's task; events without one are training jobs (as before tasks existed)."""
    task = event.get("task", TASK_TRAIN)
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}")
    return str(task)


def training_event(
    *, job_id: str, dataset_id: str, params: Mapping[str, Any], requested_by: str | None
) -> dict[str, Any]:
    """The train event, with the defaults filled in."""
    return {
        "task": TASK_TRAIN,
        "job_id": job_id,
        "dataset_id": dataset_id,
        "k": params.get("k"),
        "k_min": params.get("k_min", DEFAULT_K_MIN),
        "k_max": params.get("k_max", DEFAULT_K_MAX),
        "features": params.get("features"),
        "id_column": params.get("id_column"),
        "activate": params.get("activate", True),
        "seed": params.get("seed") if params.get("seed") is not None else DEFAULT_SEED,
        "requested_by": requested_by,
    }


def training_record(job_id: str, created_at: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """A queued training job's status record."""
    return {
        "job_id": job_id,
        "status": "queued",
        "stage": "queued",
        "progress": 0.0,
        "created_at": created_at,
        "started_at": None,
        "finished_at": None,
        "model_version": None,
        "metrics": None,
        "error": None,
        "params": dict(params),
        "requested_by": params.get("requested_by"),
    }


# ---- datasets ---------------------------------------------------------------------------------


def dataset_record(
    *,
    dataset_id: str,
    filename: str,
    kind: str,
    size_bytes: int,
    uploaded_by: str | None,
    created_at: str,
    status: DatasetStatus,
) -> dict[str, Any]:
    return {
        "dataset_id": dataset_id,
        "filename": filename,
        "kind": kind,
        "status": status,
        "size_bytes": size_bytes,
        "rows": None,
        "rejected_rows": None,
        "columns": [],
        "errors": [],
        "id_column": None,
        "features": [],
        "dialect": None,
        "error": None,
        "created_at": created_at,
        "updated_at": created_at,
        "uploaded_by": uploaded_by,
    }


def with_profile(record: Mapping[str, Any], profile: Mapping[str, Any], now: str) -> dict[str, Any]:
    """The record of a profiled dataset: ready, with the profile's columns, counts and errors."""
    columns = profile["columns"]
    return {
        **record,
        "status": "ready",
        "rows": profile["rows"],
        "rejected_rows": profile["rejected_rows"],
        "columns": columns,
        "errors": profile["errors"],
        "id_column": profile.get("id_column"),
        "features": [c["name"] for c in columns if c.get("suggested") == "feature"],
        "dialect": profile.get("dialect"),
        "error": None,
        "updated_at": now,
        "profiled_at": now,
    }


def with_status(
    record: Mapping[str, Any], status: DatasetStatus, now: str, error: str | None = None
) -> dict[str, Any]:
    return {**record, "status": status, "error": error, "updated_at": now}


# ---- scoring jobs -----------------------------------------------------------------------------


def scoring_event(*, job_id: str, dataset_id: str, model_version: str) -> dict[str, Any]:
    return {"task": TASK_SCORE, "job_id": job_id, "dataset_id": dataset_id, "model_version": model_version}


def scoring_record(
    *,
    job_id: str,
    dataset_id: str,
    model_version: str,
    requested_by: str,
    created_at: str,
    history_id: str,
) -> dict[str, Any]:
    return {
        "job_id": job_id,
        "status": "queued",
        "progress": 0.0,
        "rows": 0,
        "failed": 0,
        "summary": {},
        "dataset_id": dataset_id,
        "model_version": model_version,
        "requested_by": requested_by,
        "created_at": created_at,
        "started_at": None,
        "finished_at": None,
        "updated_at": created_at,
        "error": None,
        "history_id": history_id,
        "history_recorded": False,
    }
