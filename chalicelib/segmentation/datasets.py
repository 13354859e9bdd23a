"""Datasets: uploaded straight to S3 (presigned POST) or sent inline, then profiled.

A dataset's file is stored byte for byte as it came (``datasets/<id>/data.csv``); its record
and profile live beside it (``meta.json``, built by ``segcore.jobs``). Large files are profiled
by the trainer function (``profile`` task) in the background; inline ones (up to 5 MB) at once.
Users see their own datasets; analysts and admins see all.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from chalicelib.db.models import UserRecord
from chalicelib.errors import Conflict, NotFound, ValidationFailed
from chalicelib.roles import Role
from chalicelib.schemas.datasets import DatasetList, DatasetOut, PresignedUpload, UploadOut
from chalicelib.segmentation.artifacts import ArtifactStore
from chalicelib.segmentation.dispatch import TrainerDispatcher
from chalicelib.timeutil import iso, utcnow
from segcore import jobs, layout
from segcore.records import RecordChanged, settle_record, update_record

Clock = Callable[[], datetime]


class UploadIncomplete(Conflict):
    code = "upload_incomplete"
    default_message = "The file has not been uploaded yet; send it to the upload URL first."


class DatasetNotReady(Conflict):
    code = "dataset_not_ready"
    default_message = "The dataset is not ready yet."


def _require_uploading(record: dict[str, Any]) -> None:
    status = record.get("status", "ready")
    if status != "uploading":
        raise Conflict(f"The dataset is already {status}.", code="dataset_already_completed")


def _invalid_file(message: str) -> ValidationFailed:
    return ValidationFailed(message, code="invalid_csv", details=[{"field": "file", "message": message}])


def dataset_view(record: Mapping[str, Any]) -> DatasetOut:
    """A stored dataset record (written here and by the trainer's profiler) as the API shows it.

    The record stays a dict for the code that reads it (``visible`` and ``upload`` for training,
    scoring jobs and the local seed scripts); the routes' methods answer it through here."""
    return DatasetOut.model_validate(record)


def new_dataset_id(now: datetime) -> str:
    return f"ds-{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def clean_filename(filename: str) -> str:
    """The file's own name (no folders), or a 422 when nothing usable is left."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name or any(ord(ch) < 32 for ch in name):
        raise ValidationFailed(
            "The filename is empty or has control characters.",
            details=[{"field": "filename", "message": "must name the file"}],
        )
    return name[: jobs.MAX_FILENAME_LENGTH]


class DatasetService:
    def __init__(
        self, artifacts: ArtifactStore, dispatcher: TrainerDispatcher, *, clock: Clock = utcnow
    ) -> None:
        self.artifacts = artifacts
        self.dispatcher = dispatcher
        self.clock = clock

    # ---- creating ----------------------------------------------------------------------------

    def create_upload(self, user: UserRecord, *, filename: str, size_bytes: int, kind: str) -> UploadOut:
        if size_bytes <= 0:
            raise _invalid_file("The file is empty.")
        if size_bytes > jobs.MAX_UPLOAD_BYTES:
            raise ValidationFailed(
                "The file is larger than 5 GiB.",
                details=[{"field": "size_bytes", "message": f"at most {jobs.MAX_UPLOAD_BYTES}"}],
            )
        now = self.clock()
        dataset_id = new_dataset_id(now)
        expires = now + timedelta(seconds=jobs.UPLOAD_URL_SECONDS)
        record = jobs.dataset_record(
            dataset_id=dataset_id,
            filename=clean_filename(filename),
            kind=kind,
            size_bytes=size_bytes,
            uploaded_by=user.id,
            created_at=iso(now),
            status="uploading",
        )
        record["upload_expires_at"] = iso(expires)
        post = self.artifacts.presigned_post(
            layout.dataset_key(dataset_id),
            max_bytes=jobs.MAX_UPLOAD_BYTES,
            expires_in=jobs.UPLOAD_URL_SECONDS,
        )
        self._save(record)
        return UploadOut(
            dataset_id=dataset_id,
            upload=PresignedUpload(url=post["url"], method="POST", fields=post["fields"]),
            expires_at=iso(expires),
        )

    def complete(self, user: UserRecord, dataset_id: str) -> DatasetOut:
        record = self.visible(user, dataset_id)
        if record["uploaded_by"] != user.id:
            raise NotFound("Dataset not found.", code="dataset_not_found")
        _require_uploading(record)  # at once; the conditional write below settles a race
        size = self.artifacts.size(layout.dataset_key(dataset_id))
        if size is None:
            raise UploadIncomplete()
        if size == 0:
            raise _invalid_file("The file is empty.")
        # The CSV reader is imported by the requests that read a file, not by every cold start.
        from segcore.table import HEADER_LIMIT_BYTES, TableError, sniff

        try:
            sniff(self.artifacts.first_bytes(layout.dataset_key(dataset_id), HEADER_LIMIT_BYTES))
        except TableError as exc:
            reason = str(exc)
            self._from_uploading(
                dataset_id, lambda r: jobs.with_status(r, "failed", iso(self.clock()), reason)
            )
            raise _invalid_file(reason) from None
        record = self._from_uploading(
            dataset_id, lambda r: {**jobs.with_status(r, "profiling", iso(self.clock())), "size_bytes": size}
        )
        self.dispatcher.dispatch({"task": jobs.TASK_PROFILE, "job_id": dataset_id, "dataset_id": dataset_id})
        return dataset_view(record)

    def upload(
        self,
        body: bytes,
        *,
        filename: str,
        uploaded_by: str | None,
        dataset_id: str | None = None,
        kind: str = "customers",
    ) -> dict[str, Any]:
        """Profile a small file now and store it with its profile (201)."""
        if not body.strip(b"\r\n\t \xef\xbb\xbf"):
            raise _invalid_file("The file is empty.")
        from segcore.profiling import profile_csv
        from segcore.table import TableError

        try:
            profile = profile_csv([body]).as_dict()
        except TableError as exc:
            raise _invalid_file(str(exc)) from None
        if profile["rows"] == 0:
            raise ValidationFailed(
                "The CSV has no valid rows.",
                code="invalid_csv",
                details=[
                    {"field": "rows", "message": f"{profile['rejected_rows']} rows rejected, none valid"}
                ],
            )
        now = iso(self.clock())
        record = jobs.dataset_record(
            dataset_id=dataset_id or new_dataset_id(self.clock()),
            filename=clean_filename(filename),
            kind=kind,
            size_bytes=len(body),
            uploaded_by=uploaded_by,
            created_at=now,
            status="profiling",
        )
        self.artifacts.put_bytes(layout.dataset_key(record["dataset_id"]), body, "text/csv")
        record = jobs.with_profile(record, profile, now)
        self._save(record)
        return record

    def upload_by(self, user: UserRecord, body: bytes, *, filename: str, kind: str) -> DatasetOut:
        """``POST /datasets``: ``upload`` of ``user``'s file."""
        return dataset_view(self.upload(body, filename=filename, uploaded_by=user.id, kind=kind))

    # ---- reading -----------------------------------------------------------------------------

    def show(self, user: UserRecord, dataset_id: str) -> DatasetOut:
        """``GET /datasets/{id}``: the dataset ``user`` may see, as the API shows it."""
        return dataset_view(self.visible(user, dataset_id))

    def get(self, dataset_id: str) -> dict[str, Any] | None:
        return self._settled(dataset_id) if layout.is_valid_id(dataset_id) else None

    def visible(self, user: UserRecord, dataset_id: str) -> dict[str, Any]:
        """The dataset if ``user`` may see it (its uploader, an analyst or an admin), else 404."""
        record = self.get(dataset_id)
        if record is None or not self._may_see(user, record):
            raise NotFound("Dataset not found.", code="dataset_not_found")
        return record

    def require_ready(self, user: UserRecord, dataset_id: str) -> dict[str, Any]:
        record = self.visible(user, dataset_id)
        if record["status"] != "ready":
            detail = f": {record['error']}" if record.get("error") else ""
            raise DatasetNotReady(f"The dataset is {record['status']}{detail}.")
        return record

    def list(self, user: UserRecord) -> DatasetList:
        ids = [
            p.removeprefix(layout.DATASETS_PREFIX).rstrip("/")
            for p in self.artifacts.list_prefixes(layout.DATASETS_PREFIX)
        ]
        records = [
            self._settled(dataset_id, visible_to=user) for dataset_id in ids if layout.is_valid_id(dataset_id)
        ]
        found = [r for r in records if r and self._may_see(user, r)]
        found.sort(key=lambda r: r["created_at"], reverse=True)
        return DatasetList(datasets=[dataset_view(r) for r in found])

    # ---- internals ---------------------------------------------------------------------------

    @staticmethod
    def _may_see(user: UserRecord, record: dict[str, Any]) -> bool:
        return record.get("uploaded_by") in (user.id, None) or Role(user.role).allows(Role.ANALYST)

    def _settled(self, dataset_id: str, *, visible_to: UserRecord | None = None) -> dict[str, Any] | None:
        """The dataset's record, failed when its upload link expired or its profiler stopped
        reporting (only datasets ``visible_to`` sees are settled, when given). A record written
        before datasets had a status (profiled at upload) is ``ready``.

        The profiler writes the same record: each write here is conditional on the version read
        (``segcore.records``), so a late profile never turns into "failed", nor the reverse.
        """

        def settle(record: dict[str, Any]) -> dict[str, Any] | None:
            if visible_to is not None and not self._may_see(visible_to, record):
                return None
            now = self.clock()
            status = record.get("status", "ready")
            if status == "uploading" and record.get("upload_expires_at", "~") < iso(now):
                return jobs.with_status(record, "failed", iso(now), "The upload was not completed in time.")
            if status == "profiling":
                updated = datetime.fromisoformat(
                    record.get("updated_at", record["created_at"]).replace("Z", "+00:00")
                )
                if now - updated > timedelta(seconds=jobs.STALE_WORK_SECONDS):
                    return jobs.with_status(record, "failed", iso(now), "Profiling stopped without a result.")
            return None

        record = settle_record(self.artifacts, layout.dataset_meta_key(dataset_id), settle)
        return None if record is None else {"status": "ready", **record}

    def _from_uploading(
        self, dataset_id: str, change: Callable[[dict[str, Any]], dict[str, Any]]
    ) -> dict[str, Any]:
        """The upload's record after ``change``; 409 if it left "uploading" meanwhile (a second
        completion, or the link expired), so a file is profiled once."""

        def from_uploading(record: dict[str, Any]) -> dict[str, Any]:
            _require_uploading(record)
            return change(record)

        try:
            record = update_record(self.artifacts, layout.dataset_meta_key(dataset_id), from_uploading)
        except RecordChanged:
            raise Conflict("The dataset changed while it was being updated; try again.") from None
        if record is None:
            raise NotFound("Dataset not found.", code="dataset_not_found")
        return record

    def _save(self, record: dict[str, Any]) -> None:
        self.artifacts.put_json(layout.dataset_meta_key(record["dataset_id"]), record)
