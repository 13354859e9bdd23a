"""Training jobs (one at a time) and the model registry: versions, activation, renames."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Mapping
from typing import Any

from pynamodb.exceptions import DoesNotExist, PutError

from chalicelib.db.models import TrainingLock, UserRecord
from chalicelib.errors import Conflict, NotFound, ValidationFailed
from chalicelib.segmentation.artifacts import ArtifactStore
from chalicelib.segmentation.datasets import DatasetService
from chalicelib.segmentation.dispatch import TrainerDispatcher
from chalicelib.segmentation.model_store import ModelStore, segment_view
from chalicelib.timeutil import now_iso, utcnow
from segcore import layout
from segcore.document import (
    DocumentError,
    SegmentNameTakenError,
    dumps,
    model_summary,
    rename_cluster,
    schema_of,
)
from segcore.schema import MIN_FEATURES, find_column

FINISHED = ("succeeded", "failed")
# A job that never reported back (a crashed trainer) stops blocking others after this long.
STALE_JOB_SECONDS = 20 * 60
LOCK_NAME = "training"

AuditHook = Callable[[UserRecord, str, str, dict[str, Any]], None]


class TrainingInProgress(Conflict):
    code = "training_in_progress"
    default_message = "A training job is already queued or running; wait for it to finish."


def dataset_columns(meta: Mapping[str, Any]) -> list[str]:
    """The column names of a dataset: its profile's columns, or (datasets stored with the
    replaced system's headers) the fields it was mapped to."""
    columns = meta.get("columns") or []
    if isinstance(columns, dict):
        return list(columns)
    return [column["name"] for column in columns if isinstance(column, dict) and "name" in column]


def suggested_features(meta: Mapping[str, Any]) -> list[str | dict[str, Any]] | None:
    """The profile's suggested feature columns (None: the trainer's default fields)."""
    columns = meta.get("columns")
    if not isinstance(columns, list):
        return None
    chosen: list[str | dict[str, Any]] = [
        {"name": c["name"], **({"type": c["type"]} if c.get("type") in ("numeric", "categorical") else {})}
        for c in columns
        if isinstance(c, dict) and c.get("suggested") == "feature"
    ]
    if len(chosen) < MIN_FEATURES:
        raise ValidationFailed(
            "The dataset's profile suggests fewer than two feature columns; choose the features.",
            details=[{"field": "features", "message": "choose at least two columns"}],
        )
    return chosen


def suggested_id_column(meta: Mapping[str, Any]) -> str | None:
    columns = meta.get("columns")
    if not isinstance(columns, list):
        return None
    ids = [c["name"] for c in columns if isinstance(c, dict) and c.get("suggested") == "id"]
    return ids[0] if ids else None


class TrainingService:
    def __init__(
        self,
        *,
        artifacts: ArtifactStore,
        datasets: DatasetService,
        dispatcher: TrainerDispatcher,
        models: ModelStore,
    ) -> None:
        self.artifacts = artifacts
        self.datasets = datasets
        self.dispatcher = dispatcher
        self.models = models
        self.audit_hooks: list[AuditHook] = []

    def start(self, actor: UserRecord, params: dict[str, Any]) -> dict[str, Any]:
        """Queue a job. ``features`` are requests (``{name, type?, ...}``) or None for the
        dataset profile's suggestions; every chosen column must be one of the dataset's."""
        dataset_id = params.get("dataset_id") or layout.BUNDLED_DATASET_ID
        meta = self.datasets.get(dataset_id)
        if meta is None:
            raise NotFound("Dataset not found.", code="dataset_not_found")
        features, id_column = params.get("features"), params.get("id_column")
        if features is None:
            features = suggested_features(meta)
        if id_column is None:
            id_column = suggested_id_column(meta)
        columns = dataset_columns(meta)
        names = [f if isinstance(f, str) else f["name"] for f in features or []]
        missing = [name for name in names if find_column(columns, name) is None]
        if params.get("id_column") is not None and find_column(columns, params["id_column"]) is None:
            missing.append(params["id_column"])
        if missing:
            raise ValidationFailed(
                f"The dataset has no column for {', '.join(missing)}.",
                details=[{"field": "features", "message": f"not in dataset: {', '.join(missing)}"}],
            )
        job_id = f"job-{utcnow():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
        self._acquire_lock(job_id)
        event = {
            "job_id": job_id,
            "dataset_id": dataset_id,
            "k": params.get("k"),
            "k_min": params.get("k_min", 2),
            "k_max": params.get("k_max", 10),
            "features": features,
            "id_column": id_column,
            "activate": params.get("activate", True),
            "seed": params.get("seed", 42),
            "requested_by": actor.id,
        }
        status = {
            "job_id": job_id,
            "status": "queued",
            "stage": "queued",
            "progress": 0.0,
            "created_at": now_iso(),
            "started_at": None,
            "finished_at": None,
            "model_version": None,
            "metrics": None,
            "error": None,
            "params": event,
        }
        self.artifacts.put_json(layout.job_key(job_id), status)
        self.dispatcher.dispatch(event)
        for hook in self.audit_hooks:
            hook(actor, "model.training_started", job_id, {"dataset_id": dataset_id, "k": event["k"]})
        return status

    def job(self, job_id: str) -> dict[str, Any]:
        status = self.artifacts.get_json(layout.job_key(job_id)) if layout.is_valid_id(job_id) else None
        if status is None:
            raise NotFound("Training job not found.", code="job_not_found")
        return dict(status)

    def wait(self, job_id: str, seconds: float, *, poll: float = 0.25) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        status = self.job(job_id)
        while status["status"] not in FINISHED and time.monotonic() < deadline:
            time.sleep(poll)
            status = self.job(job_id)
        if status["status"] == "succeeded":
            self.models.invalidate()
        return status

    def _acquire_lock(self, job_id: str) -> None:
        now = time.time()
        try:
            TrainingLock(LOCK_NAME, job_id=job_id, acquired_at=now).save(
                condition=TrainingLock.name.does_not_exist()
            )
            return
        except PutError:
            pass
        try:
            held = TrainingLock.get(LOCK_NAME, consistent_read=True)
        except DoesNotExist:
            held = None
        if held is not None:
            status = self.artifacts.get_json(layout.job_key(held.job_id)) or {}
            stale = now - float(held.acquired_at) > STALE_JOB_SECONDS
            if status.get("status") not in FINISHED and not stale:
                raise TrainingInProgress(details=[{"field": "job_id", "message": held.job_id}])
        condition = TrainingLock.name.does_not_exist() if held is None else TrainingLock.job_id == held.job_id
        try:
            TrainingLock(LOCK_NAME, job_id=job_id, acquired_at=now).save(condition=condition)
        except PutError:
            raise TrainingInProgress() from None


class ModelRegistry:
    def __init__(self, *, artifacts: ArtifactStore, models: ModelStore) -> None:
        self.artifacts = artifacts
        self.models = models
        self.audit_hooks: list[AuditHook] = []

    def active_version(self) -> str | None:
        pointer = self.artifacts.get_json(layout.ACTIVE_POINTER_KEY)
        return pointer["version"] if pointer else None

    def list(self) -> dict[str, Any]:
        active = self.active_version()
        summaries = [
            self.artifacts.get_json(f"{prefix}summary.json")
            for prefix in self.artifacts.list_prefixes(layout.MODELS_PREFIX)
        ]
        models = [{**s, "active": s["version"] == active} for s in summaries if s]
        models.sort(key=lambda m: m["created_at"], reverse=True)
        return {"active_version": active, "models": models}

    def detail(self, version: str) -> dict[str, Any]:
        doc = self.models.document(version)
        return {
            **model_summary(doc),
            "active": version == self.active_version(),
            "schema": schema_of(doc).public_json(doc["version"]),
            "metrics": doc["metrics"],
            "clusters": [segment_view(c) for c in doc["clusters"]],
            "elbow": doc["elbow"],
            "features": doc["features"],
            "dataset_id": doc["dataset_id"],
            "moved": doc.get("moved"),
            "previous_version": doc.get("previous_version"),
        }

    def activate(self, actor: UserRecord, version: str) -> dict[str, Any]:
        self.models.document(version)  # must exist and load
        previous = self.active_version()
        self.artifacts.put_json(layout.ACTIVE_POINTER_KEY, {"version": version, "revision": time.time_ns()})
        self.models.invalidate()
        self._audit(actor, "model.activated", version, {"previous_version": previous})
        return self.list()

    def rename(
        self, actor: UserRecord, version: str, cluster_id: int, *, name: str | None, description: str | None
    ) -> dict[str, Any]:
        doc = self.models.document(version)
        old = doc["clusters"][cluster_id]["name"] if 0 <= cluster_id < len(doc["clusters"]) else None
        try:
            renamed = rename_cluster(doc, cluster_id, name=name, description=description)
        except KeyError:
            raise NotFound("Segment not found.", code="segment_not_found") from None
        except SegmentNameTakenError as exc:
            raise Conflict(str(exc), code="segment_name_taken") from None
        except DocumentError as exc:
            raise ValidationFailed(str(exc), details=[{"field": "name", "message": str(exc)}]) from None
        self.artifacts.put_bytes(
            layout.model_document_key(version), dumps(renamed).encode(), "application/json"
        )
        if version == self.active_version():
            # A new pointer revision makes every warm container reload the renamed document.
            self.artifacts.put_json(
                layout.ACTIVE_POINTER_KEY, {"version": version, "revision": time.time_ns()}
            )
            self.models.invalidate()
        self._audit(
            actor,
            "segment.renamed",
            f"{version}/{cluster_id}",
            {"from": old, "to": renamed["clusters"][cluster_id]["name"], "description": description},
        )
        return dict(renamed["clusters"][cluster_id])

    def _audit(self, actor: UserRecord, action: str, target: str, details: dict[str, Any]) -> None:
        for hook in self.audit_hooks:
            hook(actor, action, target, details)
