"""Scoring jobs: a whole dataset scored by the trainer function, the result CSV in S3.

The API queues the job (``scoring-jobs/<id>.json``) and dispatches a ``score`` task; the
function scores the file in chunks and reports progress in the same record. The result is
downloaded through a short-lived presigned link. The API records the finished job in the
user's history as one batch entry, once: the entry's id is fixed when the job is queued and
written with a does-not-exist condition, so concurrent readers cannot record it twice.
"""

from __future__ import annotations

import secrets
from collections import Counter as Tally
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from chalicelib.db.models import HistoryRecord, UserRecord
from chalicelib.db.transactions import ConditionFailed, CounterDelta
from chalicelib.errors import Conflict, Forbidden, NotFound
from chalicelib.ids import time_ordered_id
from chalicelib.roles import Role
from chalicelib.schemas.datasets import ScoringJobList, ScoringJobOut
from chalicelib.segmentation.artifacts import ArtifactStore
from chalicelib.segmentation.datasets import DatasetService
from chalicelib.segmentation.dispatch import TrainerDispatcher
from chalicelib.segmentation.model_store import ModelStore
from chalicelib.segmentation.predictions import PredictionService
from chalicelib.stats.counters import prediction_deltas
from chalicelib.timeutil import iso, utcnow
from segcore import jobs, layout
from segcore.records import settle_record

Clock = Callable[[], datetime]


def _parse(moment: str) -> datetime:
    return datetime.fromisoformat(moment.replace("Z", "+00:00"))


class ScoringJobService:
    def __init__(
        self,
        *,
        artifacts: ArtifactStore,
        datasets: DatasetService,
        models: ModelStore,
        predictions: PredictionService,
        dispatcher: TrainerDispatcher,
        clock: Clock = utcnow,
    ) -> None:
        self.artifacts = artifacts
        self.datasets = datasets
        self.models = models
        self.predictions = predictions
        self.dispatcher = dispatcher
        self.clock = clock

    def start(self, user: UserRecord, dataset_id: str, *, model_version: str | None = None) -> ScoringJobOut:
        """Queue scoring ``dataset_id`` with the active model, or with ``model_version`` (analysts
        and admins, who see every model: e.g. the customers of a segment before activation)."""
        self.datasets.require_ready(user, dataset_id)
        version = self._scoring_version(user, model_version)
        now = self.clock()
        job_id = f"score-{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
        record = jobs.scoring_record(
            job_id=job_id,
            dataset_id=dataset_id,
            model_version=version,
            requested_by=user.id,
            created_at=iso(now),
            history_id=time_ordered_id(now),
        )
        self._save(record)
        self.dispatcher.dispatch(
            jobs.scoring_event(job_id=job_id, dataset_id=dataset_id, model_version=version)
        )
        return ScoringJobOut.model_validate(record)

    def get(self, user: UserRecord, job_id: str) -> ScoringJobOut:
        record = self._update(job_id, user, record_history=True) if layout.is_valid_id(job_id) else None
        if record is None:
            raise NotFound("Scoring job not found.", code="scoring_job_not_found")
        return self._view(record)

    def list(self, user: UserRecord) -> ScoringJobList:
        found: list[ScoringJobOut] = []
        for key in self.artifacts.list_keys(layout.SCORING_PREFIX):
            if key.count("/") != 1 or not key.endswith(".json"):
                continue
            job_id = key.removeprefix(layout.SCORING_PREFIX).removesuffix(".json")
            record = self._update(job_id, user, record_history=False)
            if record is not None:
                found.append(self._view(record))
        return ScoringJobList(jobs=sorted(found, key=lambda job: job.created_at, reverse=True))

    # ---- internals ---------------------------------------------------------------------------

    def _scoring_version(self, user: UserRecord, requested: str | None) -> str:
        active = self.models.active_version()
        if requested is None or requested == active:
            return self.models.active().version
        if not Role(user.role).allows(Role.ANALYST):
            raise Forbidden("Only analysts and admins can score with a model that is not active.")
        self.models.document(requested)  # 404 model_not_found
        return requested

    def _view(self, record: dict[str, Any]) -> ScoringJobOut:
        """The stored record (written here and by the trainer) as the API shows it: checked
        against ``ScoringJobOut`` here, and a finished job's download link set on it."""
        view = ScoringJobOut.model_validate({k: v for k, v in record.items() if k != "history_recorded"})
        if record["status"] == "succeeded":
            expires = self.clock() + timedelta(seconds=jobs.DOWNLOAD_URL_SECONDS)
            view.download_url = self.artifacts.presigned_get(
                layout.scoring_result_key(record["job_id"]),
                expires_in=jobs.DOWNLOAD_URL_SECONDS,
                filename=f"{record['job_id']}.csv",
            )
            view.expires_at = iso(expires)
        return view

    def _update(self, job_id: str, user: UserRecord, *, record_history: bool) -> dict[str, Any] | None:
        """``user``'s job record, settled (None if there is none or it is not theirs).

        The function scoring the file writes the same record; each write here is conditional
        on the version read (``segcore.records``), so neither side overwrites the other.
        """

        def settle(record: dict[str, Any]) -> dict[str, Any] | None:
            if record.get("requested_by") != user.id:
                return None
            if record["status"] not in jobs.FINISHED:
                if self.clock() - _parse(record["updated_at"]) <= timedelta(seconds=jobs.STALE_WORK_SECONDS):
                    return None
                # The function stopped reporting (a crash or a timeout): failed, never stuck.
                return {
                    **record,
                    "status": "failed",
                    "error": "Scoring stopped without a result.",
                    "finished_at": iso(self.clock()),
                }
            if record_history and record["status"] == "succeeded" and not record.get("history_recorded"):
                self._record_history(user, record)  # once: the entry's id is fixed (see above)
                return {**record, "history_recorded": True}
            return None

        record = settle_record(self.artifacts, layout.scoring_job_key(job_id), settle)
        return record if record is not None and record.get("requested_by") == user.id else None

    def _record_history(self, user: UserRecord, record: dict[str, Any]) -> None:
        summary: dict[str, int] = dict(record.get("summary") or {})
        now = _parse(record["finished_at"] or record["created_at"])
        entry = HistoryRecord(
            user.id,
            record["history_id"],
            kind="batch",
            model_version=record["model_version"],
            created_at=record["finished_at"] or record["created_at"],
            scored=int(record["rows"]) - int(record["failed"]),
            failed=int(record["failed"]),
            summary=summary,
            customer_data={"scoring_job_id": record["job_id"], "dataset_id": record["dataset_id"]},
        )
        deltas: list[CounterDelta] = prediction_deltas(Tally(summary), now)
        try:
            self.predictions.record_batch(user, entry, int(entry.scored), deltas)
        except (Conflict, ConditionFailed):
            if not self._history_exists(user.id, record["history_id"]):
                raise

    @staticmethod
    def _history_exists(user_id: str, entry_id: str) -> bool:
        return HistoryRecord.count(user_id, range_key_condition=HistoryRecord.id == entry_id) > 0

    def _save(self, record: dict[str, Any]) -> None:
        self.artifacts.put_json(layout.scoring_job_key(record["job_id"]), record)
