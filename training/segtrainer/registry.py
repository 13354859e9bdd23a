"""Model versions in the artifacts bucket: the active pointer, documents and their artifacts."""

from __future__ import annotations

import io
import logging
import secrets
from datetime import datetime

import joblib
from sklearn.preprocessing import StandardScaler

from segcore.document import DocumentError, ModelDocument, dumps, loads, model_summary
from segcore.layout import (
    ACTIVE_POINTER_KEY,
    model_document_key,
    model_joblib_key,
    model_summary_key,
)
from segtrainer.pipeline import FittedModel
from segtrainer.storage import ArtifactStore

logger = logging.getLogger(__name__)


def new_version(now: datetime) -> str:
    """Sortable model version id, e.g. ``v20261123-230501-ab12``."""
    return f"v{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def active_version(store: ArtifactStore) -> str | None:
    pointer = store.get_json(ACTIVE_POINTER_KEY)
    version = pointer.get("version") if isinstance(pointer, dict) else None
    return version if isinstance(version, str) else None


def load_active_document(store: ArtifactStore) -> ModelDocument | None:
    """The active model's document, or None when there is none or it cannot be read."""
    version = active_version(store)
    if version is None:
        return None
    body = store.get_bytes(model_document_key(version))
    if body is None:
        logger.warning("active model %s has no document; segments will not be matched", version)
        return None
    try:
        return loads(body)
    except DocumentError as error:
        logger.warning("active model %s is unreadable (%s); segments not matched", version, error)
        return None


def sklearn_artifact(fitted: FittedModel, version: str) -> bytes:
    """The scaler and K-Means as joblib, for data scientists (the API never loads it).

    ``scaler`` is a scikit-learn ``StandardScaler`` holding the schema's per-column mean and
    scale (``segcore.schema.fit_scaler``), so ``kmeans.predict(scaler.transform(design))``
    works on a design matrix whose columns are ``design_columns``.
    """
    scaler = StandardScaler()
    scaler.mean_ = fitted.scaler.mean.copy()
    scaler.scale_ = fitted.scaler.scale.copy()
    scaler.var_ = fitted.scaler.scale**2
    scaler.n_features_in_ = len(fitted.scaler.mean)
    scaler.n_samples_seen_ = len(fitted.labels_all)
    buffer = io.BytesIO()
    joblib.dump(
        {
            "version": version,
            "features": list(fitted.features),
            "schema": fitted.schema.to_json(),
            "design_columns": fitted.schema.design_columns(),
            "scaler": scaler,
            "kmeans": fitted.kmeans,
        },
        buffer,
    )
    return buffer.getvalue()


def save_model(store: ArtifactStore, doc: ModelDocument, sklearn_bytes: bytes) -> None:
    """Write the model's artifacts; the document last but one, the summary last."""
    version = doc["version"]
    store.put_bytes(model_joblib_key(version), sklearn_bytes, "application/octet-stream")
    store.put_bytes(model_document_key(version), dumps(doc).encode(), "application/json")
    store.put_json(model_summary_key(version), model_summary(doc))


def activate(store: ArtifactStore, version: str) -> None:
    store.put_json(ACTIVE_POINTER_KEY, {"version": version})
