"""Training jobs (one at a time) and the model registry: versions, activation, renames."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist, PutError

from chalicelib.audit.actions import AuditAction
from chalicelib.audit.log import AuditLog
from chalicelib.db.models import TrainingLock, UserRecord
from chalicelib.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chalicelib.roles import Role
from chalicelib.schemas.segmentation import (
    Elbow,
    JobOut,
    KSelection,
    ModelDetail,
    ModelList,
    ModelMetrics,
    ModelSummary,
    MovedSegment,
    Movement,
    SchemaOut,
    SegmentOut,
    TransactionsSummary,
)
from chalicelib.segmentation.artifacts import ArtifactStore
from chalicelib.segmentation.datasets import DatasetService
from chalicelib.segmentation.dispatch import TrainerDispatcher
from chalicelib.segmentation.model_store import ModelStore, segment_view
from chalicelib.timeutil import now_iso, utcnow
from segcore import jobs, layout
from segcore.document import (
    DocumentError,
    SegmentNameTakenError,
    dumps,
    model_summary,
    rename_cluster,
    schema_of,
)
from segcore.records import RecordChanged, settle_record, update_record
from segcore.schema import MIN_FEATURES, find_column

FINISHED = ("succeeded", "failed")
# How long a job may go without a heartbeat (the trainer beats every few seconds) before it is
# taken for dead: failed, and the training lock released.
DEFAULT_HEARTBEAT_TIMEOUT_SECONDS = 60.0
LOCK_NAME = "training"


class TrainingInProgress(Conflict):
    code = "training_in_progress"
    default_message = "A training job is already queued or running; wait for it to finish."


class JobFinished(Conflict):
    code = "job_finished"
    default_message = "The training job has already finished."


def _epoch(iso_time: str | None) -> float:
    try:
        return datetime.fromisoformat(iso_time or "").timestamp()
    except ValueError:
        return 0.0


def activation_event_id(status: dict[str, Any]) -> str:
    """The audit id of a training job's activation: time-ordered, the same on every try."""
    finished = datetime.fromisoformat(status.get("finished_at") or now_iso())
    return f"{finished:%Y%m%dT%H%M%S%f}" + hashlib.sha256(status["job_id"].encode()).hexdigest()[:8]


def job_view(status: Mapping[str, Any]) -> JobOut:
    """A job's status as the API shows it. The status stays a dict where it is stored (written
    here and by the trainer) and read (cancel, wait, /health); the routes' methods answer it
    through here."""
    return JobOut.model_validate(status)


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
        audit: AuditLog,
        heartbeat_timeout_seconds: float = DEFAULT_HEARTBEAT_TIMEOUT_SECONDS,
    ) -> None:
        self.artifacts = artifacts
        self.datasets = datasets
        self.dispatcher = dispatcher
        self.models = models
        self.heartbeat_timeout_seconds = heartbeat_timeout_seconds
        self.audit = audit

    def start(self, actor: UserRecord, params: dict[str, Any]) -> JobOut:
        """Queue a job. ``features`` are requests (``{name, type?, ...}``) or None for the
        dataset profile's suggestions; every chosen column must be one of the dataset's."""
        is_admin = Role(actor.role) == Role.ADMIN
        activate = params.get("activate")
        if activate is None:
            activate = is_admin
        elif activate and not is_admin:
            raise Forbidden(
                "Only an admin can put a model live: train with activate false and ask an admin "
                "to activate the version.",
                code="activation_forbidden",
            )
        dataset_id = params.get("dataset_id") or layout.BUNDLED_DATASET_ID
        meta = self.datasets.require_ready(actor, dataset_id)
        kind = meta.get("kind") or "customers"
        features, id_column = params.get("features"), params.get("id_column")
        columns = dataset_columns(meta)
        if kind == "transactions":
            # Trained on computed RFM features (the trainer checks their names); `columns` maps
            # the order lines' roles to the file's headers.
            names = [name for name in (params.get("columns") or {}).values()]
        else:
            # The bundled dataset without chosen features trains the replaced system's fields,
            # as its first model did (the trainer's default): a retrain keeps the segments'
            # names and colours instead of re-segmenting on whatever the profile suggests.
            first_model_fields = features is None and dataset_id == layout.BUNDLED_DATASET_ID
            if features is None and not first_model_fields:
                features = suggested_features(meta)
            if id_column is None and not first_model_fields:
                id_column = suggested_id_column(meta)
            names = [f if isinstance(f, str) else f["name"] for f in features or []]
            if params.get("id_column") is not None:
                names.append(params["id_column"])
        missing = [name for name in names if find_column(columns, name) is None]
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
            "activate": activate,
            "seed": params.get("seed", 42),
            "kind": kind,
            "columns": params.get("columns"),
            "as_of": params.get("as_of"),
            "date_order": params.get("date_order"),
            "requested_by": actor.id,
            "requested_by_username": actor.username,
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
            "heartbeat_at": time.time(),
        }
        self.artifacts.put_json(layout.job_key(job_id), status)
        self.dispatcher.dispatch(event)
        self.audit.record(
            actor,
            AuditAction.TRAINING_STARTED,
            job_id,
            {"dataset_id": dataset_id, "k": event["k"], "activate": activate},
        )
        return job_view(status)

    def job(self, job_id: str) -> JobOut:
        return job_view(self._status(job_id))

    def _status(self, job_id: str) -> dict[str, Any]:
        status = self._settled(job_id)
        if status is None:
            raise NotFound("Training job not found.", code="job_not_found")
        return status

    def cancel(self, actor: UserRecord, job_id: str) -> JobOut:
        """Fail a queued or running job at once and free the lock; the trainer stops at its next beat."""

        def cancelled(status: dict[str, Any]) -> dict[str, Any]:
            if status["status"] in FINISHED:
                raise JobFinished(f"The training job has already {status['status']}.")
            if status.get("stage") == "activating":
                raise JobFinished("The training job is activating its model and can no longer be cancelled.")
            return _failed(status, f"Cancelled by {actor.username}.", stage="cancelled")

        status = self._update(job_id, cancelled)
        if status is None:
            raise NotFound("Training job not found.", code="job_not_found")
        self.audit.record(actor, AuditAction.TRAINING_CANCELLED, job_id, {"stage": status.get("stage")})
        return job_view(status)

    def current(self) -> dict[str, Any] | None:
        """The most recent job (the one the lock names), settled; None before the first job."""
        try:
            held = TrainingLock.get(LOCK_NAME, consistent_read=True)
        except DoesNotExist:
            return None
        return self._settled(held.job_id)

    def _settled(self, job_id: str) -> dict[str, Any] | None:
        """The job's record, settled (``_settlement``); None if there is no such job."""
        if not layout.is_valid_id(job_id):
            return None
        return settle_record(self.artifacts, layout.job_key(job_id), self._settlement)

    def _update(
        self, job_id: str, change: Callable[[dict[str, Any]], dict[str, Any] | None]
    ) -> dict[str, Any] | None:
        """The job's record after ``change`` (None from it: left as it is); None if there is no job.

        The trainer writes the same record. Each write here is conditional on the version read
        (``segcore.records``), so a heartbeat and a cancel never overwrite each other: when the
        trainer wrote in between, the record is read again and ``change`` decides again.
        """
        if not layout.is_valid_id(job_id):
            return None
        try:
            return update_record(self.artifacts, layout.job_key(job_id), change)
        except RecordChanged:
            raise Conflict("The training job changed while it was being updated; try again.") from None

    def _settlement(self, status: dict[str, Any]) -> dict[str, Any] | None:
        """Fail a job whose trainer stopped beating; audit a finished job's activation once."""
        if status["status"] not in FINISHED:
            beat = float(status.get("heartbeat_at") or _epoch(status.get("created_at")))
            silent = time.time() - beat
            # From "activating" on the model may already be live: wait until the trainer cannot
            # be running any more (Lambda's 15-minute limit) rather than guess it dead.
            timeout = self.heartbeat_timeout_seconds
            if status.get("stage") == "activating":
                timeout = max(timeout, jobs.STALE_WORK_SECONDS)
            if silent > timeout:
                reason = f"The trainer stopped reporting (no heartbeat for {silent:.0f} s)."
                return _failed(status, reason, stage=status.get("stage"), stale=True)
        elif (
            status["status"] == "succeeded"
            and (status.get("metrics") or {}).get("activated")
            and not status.get("activation_audited")
        ):
            self._audit_activation(status)  # idempotent (event id): safe to repeat on a retry
            return {**status, "activation_audited": True}
        return None

    def _audit_activation(self, status: dict[str, Any]) -> None:
        params = status.get("params") or {}
        actor = UserRecord(
            params.get("requested_by") or "trainer", username=params.get("requested_by_username") or "trainer"
        )
        self.audit.record(
            actor,
            AuditAction.MODEL_ACTIVATED,
            status.get("model_version") or "",
            {"by": "training", "job_id": status["job_id"]},
            event_id=activation_event_id(status),
            at=status.get("finished_at"),
        )

    def wait(self, job_id: str, seconds: float, *, poll: float = 0.25) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        status = self._status(job_id)
        while status["status"] not in FINISHED and time.monotonic() < deadline:
            time.sleep(poll)
            status = self._status(job_id)
        if status["status"] == "succeeded":
            self.models.invalidate()
        return status

    def wait_for_result(self, job_id: str, seconds: float) -> tuple[JobOut, bool]:
        """The job's status after waiting up to ``seconds``, and whether it finished. A finished
        job's status also carries a one-line message and its headline metrics (POST /train?wait)."""
        status = self.wait(job_id, seconds)
        job = job_view(status)
        if status["status"] not in FINISHED:
            return job, False
        metrics = status.get("metrics") or {}
        job.message = status.get("error") or f"Model {status.get('model_version')} trained."
        job.n_clusters = metrics.get("n_clusters")
        job.silhouette_score = metrics.get("silhouette_score")
        job.inertia = metrics.get("inertia")
        return job, True

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
            settled = self._settled(held.job_id) or {"status": "failed"}
            if settled["status"] not in FINISHED:
                raise TrainingInProgress(details=[{"field": "job_id", "message": held.job_id}])
        condition = TrainingLock.name.does_not_exist()
        if held is not None:  # taken over only if still the finished job's (or released)
            condition = condition | (TrainingLock.job_id == held.job_id)
        try:
            TrainingLock(LOCK_NAME, job_id=job_id, acquired_at=now).save(condition=condition)
        except PutError:
            raise TrainingInProgress() from None


def _failed(status: dict[str, Any], reason: str, *, stage: str | None, stale: bool = False) -> dict[str, Any]:
    """The record of a job finished from here: failed, for ``reason``.

    A finished job's lock is free: the next start takes it over (see _acquire_lock). The lock
    item keeps naming this job, so /health can still report it.
    """
    failed = {**status, "status": "failed", "stage": stage, "finished_at": now_iso(), "error": reason}
    if stale:
        failed["stale"] = True  # GET /health reports it until the next job starts
    return failed


class ModelRegistry:
    def __init__(self, *, artifacts: ArtifactStore, models: ModelStore, audit: AuditLog) -> None:
        self.artifacts = artifacts
        self.models = models
        self.audit = audit

    def active_version(self) -> str | None:
        pointer = self.artifacts.get_json(layout.ACTIVE_POINTER_KEY)
        return pointer["version"] if pointer else None

    def list(self) -> ModelList:
        active = self.active_version()
        summaries = [
            self.artifacts.get_json(f"{prefix}summary.json")
            for prefix in self.artifacts.list_prefixes(layout.MODELS_PREFIX)
        ]
        models = [ModelSummary(**s, active=s["version"] == active) for s in summaries if s]
        models.sort(key=lambda m: m.created_at, reverse=True)
        return ModelList(active_version=active, models=models)

    def detail(self, version: str) -> ModelDetail:
        doc = self.models.document(version)
        moved, movement, transactions = doc.get("moved"), doc.get("movement"), doc.get("transactions")
        return ModelDetail(
            **model_summary(doc),
            active=version == self.active_version(),
            schema=SchemaOut.model_validate(schema_of(doc).public_json(doc["version"])),
            metrics=ModelMetrics.model_validate(doc["metrics"]),
            clusters=[segment_view(c) for c in doc["clusters"]],
            elbow=Elbow(**doc["elbow"]),
            moved=None if moved is None else [MovedSegment(**m) for m in moved],
            movement=None if movement is None else Movement.model_validate(movement),
            k_selection=KSelection.model_validate(doc["k_selection"]),
            previous_version=doc.get("previous_version"),
            kind="transactions" if doc.get("kind") == "transactions" else "customers",
            transactions=None if transactions is None else TransactionsSummary.model_validate(transactions),
        )

    def activate(self, actor: UserRecord, version: str) -> ModelList:
        self.models.document(version)  # must exist and load
        previous = self.active_version()
        self.artifacts.put_json(layout.ACTIVE_POINTER_KEY, {"version": version, "revision": time.time_ns()})
        self.models.invalidate()
        self.audit.record(actor, AuditAction.MODEL_ACTIVATED, version, {"previous_version": previous})
        return self.list()

    def rename(
        self, actor: UserRecord, version: str, cluster_id: int, *, name: str | None, description: str | None
    ) -> SegmentOut:
        doc = self.models.document(version)
        old = doc["clusters"][cluster_id]["name"] if 0 <= cluster_id < len(doc["clusters"]) else None
        try:
            renamed = rename_cluster(doc, cluster_id, name=name, description=description)
        except KeyError:
            raise NotFound("Segment not found.", code="segment_not_found") from None
        except SegmentNameTakenError as exc:
            raise Conflict(str(exc), code="segment_name_taken") from None
        except DocumentError as exc:
            field = "description" if str(exc).startswith("description") else "name"
            raise ValidationFailed(str(exc), details=[{"field": field, "message": str(exc)}]) from None
        self.artifacts.put_bytes(
            layout.model_document_key(version), dumps(renamed).encode(), "application/json"
        )
        if version == self.active_version():
            # A new pointer revision makes every warm container reload the renamed document.
            self.artifacts.put_json(
                layout.ACTIVE_POINTER_KEY, {"version": version, "revision": time.time_ns()}
            )
            self.models.invalidate()
        self.audit.record(
            actor,
            AuditAction.SEGMENT_RENAMED,
            f"{version}/{cluster_id}",
            {"from": old, "to": renamed["clusters"][cluster_id]["name"], "description": description},
        )
        return segment_view(renamed["clusters"][cluster_id])
