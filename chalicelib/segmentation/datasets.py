"""Uploaded training datasets: validated, mapped to canonical columns, stored in S3."""

from __future__ import annotations

import secrets
from typing import Any

from chalicelib.errors import ValidationFailed
from chalicelib.segmentation.artifacts import ArtifactStore
from chalicelib.timeutil import now_iso, utcnow
from segcore import layout
from segcore.features import ColumnError, parse_csv, to_canonical_csv

MAX_REPORTED_ERRORS = 100


def meta_key(dataset_id: str) -> str:
    return f"datasets/{dataset_id}/meta.json"


class DatasetService:
    def __init__(self, artifacts: ArtifactStore) -> None:
        self.artifacts = artifacts

    def upload(self, text: str, *, uploaded_by: str | None, dataset_id: str | None = None) -> dict[str, Any]:
        try:
            parsed = parse_csv(text)
        except ColumnError as exc:
            raise ValidationFailed(str(exc), details=[{"field": "columns", "message": str(exc)}]) from None
        if not parsed.rows:
            raise ValidationFailed(
                "The CSV has no valid rows.",
                details=[{"field": "rows", "message": f"{len(parsed.errors)} rows rejected, none valid"}],
            )
        dataset_id = dataset_id or f"ds-{utcnow():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
        columns = list(parsed.columns)
        self.artifacts.put_bytes(
            layout.dataset_key(dataset_id), to_canonical_csv(parsed.rows, columns).encode(), "text/csv"
        )
        meta = {
            "dataset_id": dataset_id,
            "rows": len(parsed.rows),
            "rejected_rows": len(parsed.errors),
            "columns": parsed.columns,
            "features": list(parsed.features),
            "created_at": now_iso(),
            "uploaded_by": uploaded_by,
        }
        self.artifacts.put_json(meta_key(dataset_id), meta)
        return {**meta, "errors": parsed.errors[:MAX_REPORTED_ERRORS]}

    def get(self, dataset_id: str) -> dict[str, Any] | None:
        if not layout.is_valid_id(dataset_id):
            return None
        meta: dict[str, Any] | None = self.artifacts.get_json(meta_key(dataset_id))
        return meta

    def list(self) -> list[dict[str, Any]]:
        metas = [
            self.artifacts.get_json(f"{prefix}meta.json")
            for prefix in self.artifacts.list_prefixes("datasets/")
        ]
        found = [m for m in metas if m]
        return sorted(found, key=lambda m: m["created_at"], reverse=True)
