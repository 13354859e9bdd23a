"""One training job: read the event, run the pipeline, store the model, report status in S3.

Status lives in ``jobs/<job_id>.json``. The API writes it as ``queued`` before invoking the
trainer; the trainer keeps ``created_at`` and ``params`` from it when present and works without
it. On any failure the status becomes ``failed`` with a reason, and the active pointer is left
as it was (it is written last, and only on success).
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from segcore.features import FEATURES
from segcore.layout import BUNDLED_DATASET_ID, is_valid_id, job_key
from segcore.records import RecordChanged, as_stored
from segcore.rfm import DATE_ORDERS
from segcore.schema import (
    MIN_FEATURES,
    SEX_FEATURE,
    FeatureRequest,
    SchemaError,
    bundled_rules,
    parse_feature_requests,
)
from segtrainer.columns import ColumnPlan, TrainingSet, preview_table, read_training_set
from segtrainer.errors import TrainingError
from segtrainer.pipeline import MAX_K, TrainingOptions, build_document, fit_model
from segtrainer.registry import (
    activate,
    load_active_document,
    new_version,
    save_model,
    sklearn_artifact,
)
from segtrainer.settings import Settings
from segtrainer.storage import ArtifactStore
from segtrainer.transactions import (
    compute_rfm,
    dataset_blocks,
    parse_as_of,
    transactions_summary,
    transactions_training_set,
)

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]

# Where each stage starts and ends on the job's 0-1 progress scale.
STAGE_SPANS: dict[str, tuple[float, float]] = {
    "loading": (0.0, 0.05),
    "validating": (0.05, 0.1),
    "scaling": (0.1, 0.12),
    "selecting_k": (0.12, 0.7),
    "fitting": (0.7, 0.8),
    "naming": (0.8, 0.85),
    "exporting": (0.85, 0.95),
    "activating": (0.95, 1.0),
}
MAX_SEED = 2**32 - 1


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso_z(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@dataclass(frozen=True)
class JobParams:
    dataset_id: str
    k: int | None
    k_min: int
    k_max: int
    features: tuple[FeatureRequest, ...] | None
    activate: bool
    seed: int
    id_column: str | None = None
    kind: str = "customers"  # or "transactions": order lines, trained on RFM features
    columns: dict[str, str] | None = None  # transactions: role -> header (segcore.rfm)
    as_of: str | None = None  # transactions: YYYY-MM-DD, else the last purchase date
    date_order: str | None = None  # transactions: "day-first" or "month-first", else detected

    def options(self) -> TrainingOptions:
        return TrainingOptions(k=self.k, k_min=self.k_min, k_max=self.k_max, seed=self.seed)


def _integer(event: Mapping[str, Any], key: str, default: int | None, low: int, high: int) -> Any:
    value = event.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise TrainingError(f"{key} must be an integer from {low} to {high}.")
    return value


def _features(value: object) -> tuple[FeatureRequest, ...] | None:
    if value is None:
        return None
    try:
        return parse_feature_requests(value)
    except SchemaError as error:
        raise TrainingError(f"{str(error)[:1].upper()}{str(error)[1:]}.") from None


def _id_column(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise TrainingError("id_column must be a column name.")
    return value.strip()


def parse_params(event: Mapping[str, Any]) -> JobParams:
    """Validate the job event; raise ``TrainingError`` saying what is wrong."""
    dataset_id = event.get("dataset_id") or BUNDLED_DATASET_ID
    if not isinstance(dataset_id, str) or not is_valid_id(dataset_id):
        raise TrainingError("dataset_id must be a dataset id.")
    k_min = _integer(event, "k_min", 2, 2, MAX_K)
    k_max = _integer(event, "k_max", 10, 2, MAX_K)
    if k_max < k_min:
        raise TrainingError(f"k_max ({k_max}) must not be less than k_min ({k_min}).")
    activate_model = event.get("activate", True)
    if not isinstance(activate_model, bool):
        raise TrainingError("activate must be true or false.")
    return JobParams(
        dataset_id=dataset_id,
        k=_integer(event, "k", None, 2, MAX_K),
        k_min=k_min,
        k_max=k_max,
        features=_features(event.get("features")),
        activate=activate_model,
        seed=_integer(event, "seed", 42, 0, MAX_SEED),
        id_column=_id_column(event.get("id_column")),
        kind=_kind(event.get("kind")),
        columns=_column_map(event.get("columns")),
        as_of=_as_of(event.get("as_of")),
        date_order=_date_order(event.get("date_order")),
    )


def _as_of(value: object) -> str | None:
    date = parse_as_of(value)
    return date.isoformat() if date else None


def _date_order(value: object) -> str | None:
    if value is None:
        return None
    if value not in DATE_ORDERS:
        raise TrainingError(f"date_order must be one of {', '.join(DATE_ORDERS)}.")
    return str(value)


def _kind(value: object) -> str:
    if value is None:
        return "customers"
    if value not in ("customers", "transactions"):
        raise TrainingError("kind must be customers or transactions.")
    return str(value)


def _column_map(value: object) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise TrainingError("columns must map roles (customer, date, amount...) to column names.")
    return {str(role): name for role, name in value.items()}


class JobCancelled(TrainingError):
    """The job was failed from outside (cancelled by an admin, or taken for dead by the API)."""


FINISHED = ("succeeded", "failed")
_WRITE_ATTEMPTS = 3  # a record changed under a write is re-read and written again, this often


class JobStatus:
    """The job's status object, written to S3 at every change and at every heartbeat.

    ``heartbeat_at`` (epoch seconds) is refreshed with each write; the API takes a job whose
    heartbeat is a minute old for dead. Every write is conditional on the version last read or
    written (``segcore.records``): if the API has finished the job (cancelled it, or failed it
    as silent), before this run began or meanwhile, the write is refused, the job adopts that
    verdict (``stopped`` says why), stops at its next stage and never overwrites it. A job
    found finished at the start (a retried delivery) is not run again.
    """

    def __init__(self, store: ArtifactStore, job_id: str, event: Mapping[str, Any], clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._key = job_key(job_id)
        # The job's thread and the heartbeat thread both change and write the record.
        self._lock = threading.RLock()
        self.stopped: str | None = None
        self._run = secrets.token_hex(6)  # tells this run's writes from another delivery's
        existing, self._version = store.read_record(self._key)
        existing = existing if isinstance(existing, dict) else {}
        params = {key: value for key, value in event.items() if key != "job_id"}
        self.record: dict[str, Any] = {
            "job_id": job_id,
            "status": "queued",
            "stage": None,
            "progress": 0.0,
            "created_at": existing.get("created_at") or iso_z(clock()),
            "started_at": None,
            "finished_at": None,
            "model_version": None,
            "metrics": None,
            "error": None,
            "params": existing.get("params") or params,
            "requested_by": existing.get("requested_by") or event.get("requested_by"),
        }
        self._written_progress = -1.0
        if existing.get("status") in FINISHED:
            self._adopt(existing)

    def _adopt(self, stored: dict[str, Any]) -> None:
        default = "The job was stopped." if stored["status"] == "failed" else "The job had already succeeded."
        self.stopped = str(stored.get("error") or default)
        self.record = stored

    def _write(self) -> None:
        """Write the record unless the job was finished from outside (then adopt that verdict)."""
        with self._lock:
            if self.stopped is not None:
                return
            self.record["heartbeat_at"] = time.time()
            for _ in range(_WRITE_ATTEMPTS):
                try:
                    self._version = self._store.write_record(self._key, self.record, version=self._version)
                    break
                except RecordChanged:
                    stored, self._version = self._store.read_record(self._key)
                    if stored == as_stored(self.record):  # our own write, whose answer was lost
                        break
                    if isinstance(stored, dict) and stored.get("status") in FINISHED:
                        self._adopt(stored)
                        return
                    if isinstance(stored, dict) and stored.get("run") not in (None, self._run):
                        # Another delivery of this job (async invokes are at-least-once) got
                        # there first and runs it. A write of ours that landed though it raised
                        # (a timeout) carries our own run id and is simply written over.
                        self.stopped = "Another run of this job is under way."
                        self.record = stored
                        return
            else:
                raise RecordChanged(self._key)
            self._written_progress = self.record["progress"]

    def beat(self) -> None:
        """One heartbeat: rewrite the status (which also learns of a verdict from outside)."""
        self._write()

    def _check_stopped(self) -> None:
        if self.stopped is not None:
            raise JobCancelled(self.stopped)

    def start(self, params: JobParams) -> None:
        with self._lock:
            self._check_stopped()
            self.record.update(
                status="running",
                run=self._run,
                started_at=iso_z(self._clock()),
                params={**self.record["params"], **asdict(params)},
            )
        self.stage("loading")

    def stage(self, stage: str, fraction: float = 0.0) -> None:
        """Enter ``stage``; raises ``JobCancelled`` once the job was finished from outside.

        A stage change is always written, so a stage is a point of no return: the API cannot
        cancel a job whose record says "activating" (its write would be refused, or it reads
        that stage and declines).
        """
        start, end = STAGE_SPANS[stage]
        progress = round(start + (end - start) * min(max(fraction, 0.0), 1.0), 3)
        with self._lock:
            self._check_stopped()
            changed = stage != self.record["stage"]
            self.record.update(stage=stage, progress=progress)
            if changed or progress - self._written_progress >= 0.02:
                self._write()
                self._check_stopped()

    def succeed(self, version: str, metrics: dict[str, Any]) -> None:
        with self._lock:
            self._check_stopped()
            self.record.update(
                status="succeeded",
                stage="done",
                progress=1.0,
                finished_at=iso_z(self._clock()),
                model_version=version,
                metrics=metrics,
            )
            self._write()
            self._check_stopped()

    def fail(self, reason: str) -> None:
        with self._lock:
            if self.stopped is not None:
                return  # the verdict from outside stands
            self.record.update(status="failed", finished_at=iso_z(self._clock()), error=reason)
            self._write()


class Heartbeat:
    """Beats ``status`` every ``seconds`` on a daemon thread while the job runs."""

    def __init__(self, status: JobStatus, seconds: float) -> None:
        self._status = status
        self._seconds = seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="job-heartbeat", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self._seconds):
            try:
                self._status.beat()
            except (ClientError, BotoCoreError, RecordChanged):
                logger.warning("heartbeat of %s not written", self._status.record["job_id"], exc_info=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def new_job_id(now: datetime) -> str:
    return f"job-{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def default_requests(headers: list[str]) -> tuple[FeatureRequest, ...]:
    """Without chosen features: the replaced system's numeric fields the dataset has (2+)."""
    found = {rules.name: header for header in headers if (rules := bundled_rules(header)) is not None}
    present = [FeatureRequest(found[name]) for name in FEATURES if name in found]
    if len(present) < MIN_FEATURES:
        raise TrainingError(
            "Choose the feature columns to train on (features); this dataset has fewer than two "
            f"of the default fields {', '.join(FEATURES)}."
        )
    return tuple(present)


def load_training_set(
    store: ArtifactStore, params: JobParams, on_stage: Callable[[str], None] = lambda stage: None
) -> TrainingSet:
    """The chosen columns of the dataset, checked, with the schema they make (one streaming read
    of the file, after a look at its header and first chunk)."""
    preview = preview_table(dataset_blocks(store, params.dataset_id))
    plan = ColumnPlan.resolve(
        preview.headers, params.features or default_requests(preview.headers), params.id_column
    )
    on_stage("validating")
    blocks = dataset_blocks(store, params.dataset_id)
    chosen = [bundled_rules(preview.headers[index]) for index in plan.indices]
    roles = [rules.name if rules is not None and rules.name in FEATURES else None for rules in chosen]
    if None in roles:
        return read_training_set(blocks, preview, plan)
    # The replaced system's fields: in their usual order, with sex shown but not modelled.
    order = sorted(range(len(roles)), key=lambda i: list(FEATURES).index(str(roles[i])))
    plan = ColumnPlan(
        tuple(plan.requests[i] for i in order), tuple(plan.indices[i] for i in order), plan.id_index
    )
    return read_training_set(blocks, preview, plan, display=(SEX_FEATURE,))


def _train(store: ArtifactStore, params: JobParams, status: JobStatus, clock: Clock) -> None:
    started = time.perf_counter()
    summary: dict[str, Any] | None = None
    if params.kind == "transactions":
        result = compute_rfm(
            dataset_blocks(store, params.dataset_id),
            columns=params.columns,
            as_of=parse_as_of(params.as_of),
            date_order=params.date_order,
        )
        status.stage("validating")
        dataset = transactions_training_set(result, params.features)
        summary = transactions_summary(result, params.date_order)
    else:
        dataset = load_training_set(store, params, status.stage)
    fitted = fit_model(dataset.design, dataset.schema, params.options(), on_progress=status.stage)
    status.stage("naming")
    now = clock()
    version = new_version(now)
    doc = build_document(
        fitted,
        dataset.design,
        columns=dataset.values,
        version=version,
        created_at=iso_z(now),
        dataset_id=params.dataset_id,
        previous=load_active_document(store),
        extra_metrics={
            "rejected_rows": dataset.rejected_rows,
            "training_seconds": round(time.perf_counter() - started, 3),
        },
    )
    if summary is not None:
        doc["kind"] = "transactions"
        doc["transactions"] = summary
    status.stage("exporting")
    save_model(store, doc, sklearn_artifact(fitted, version))
    try:
        if params.activate:
            status.stage("activating")
            activate(store, version)
        metrics = {
            "n_clusters": fitted.n_clusters,
            "silhouette_score": doc["metrics"]["silhouette_score"],
            "inertia": doc["metrics"]["inertia"],
            "davies_bouldin": doc["metrics"]["davies_bouldin"],
            "rows": dataset.rows,
            "rejected_rows": dataset.rejected_rows,
            "features": list(dataset.schema.names),
            "rejections": dataset.rejections,
            "optimal_k": fitted.selection.optimal_k,
            "activated": params.activate,
            "training_seconds": round(time.perf_counter() - started, 3),
        }
        status.succeed(version, metrics)
    except JobCancelled as stopped:
        # Stopped after its model was saved (and maybe activated; a cancel is refused from
        # "activating" on, a "failed as silent" is not): say so where operators look.
        logger.error("training job stopped after model %s was saved: %s", version, stopped)
        raise


def run_job(
    event: Mapping[str, Any],
    *,
    s3_client: Any,
    settings: Settings,
    clock: Clock = utc_now,
) -> dict[str, Any]:
    """Run one training job to its end and return its final status object."""
    store = ArtifactStore(s3_client, settings.artifacts_bucket)
    raw_job_id = event.get("job_id")
    job_id = raw_job_id if isinstance(raw_job_id, str) else new_job_id(clock())
    if not is_valid_id(job_id):
        raise ValueError(f"job_id {job_id!r} is not a valid id")
    status = JobStatus(store, job_id, event, clock)
    try:
        params = parse_params(event)
        status.start(params)
        with Heartbeat(status, settings.heartbeat_seconds):
            _train(store, params, status, clock)
    except JobCancelled as error:
        # status.record is now the verdict as stored by whoever stopped it
        logger.info("training job %s stopped: %s", job_id, error)
    except TrainingError as error:
        logger.info("training job %s failed: %s", job_id, error)
        status.fail(str(error))
    except (ClientError, BotoCoreError) as error:
        logger.exception("training job %s: storage error", job_id)
        status.fail(f"Training stopped: the artifact store failed ({error}).")
    except Exception as error:
        logger.exception("training job %s failed unexpectedly", job_id)
        status.fail(f"Training failed unexpectedly ({type(error).__name__}: {error}).")
    return status.record
