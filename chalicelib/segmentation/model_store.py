"""The active model, loaded once per warm container and re-checked every few seconds."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalicelib.errors import Conflict, DependencyUnavailable, NotFound
from chalicelib.schemas.segmentation import (
    ClustersOut,
    ElbowOut,
    MapPoint,
    ModelMetrics,
    ProjectionOut,
    SegmentOut,
)
from chalicelib.segmentation.artifacts import ArtifactStore
from segcore import layout
from segcore.document import Cluster, Elbow, ModelDocument, loads
from segcore.profile import PALETTE
from segcore.scoring import Scorer

log = logging.getLogger("segmentation.models")


def segment_view(cluster: Cluster) -> SegmentOut:
    """A segment as the API shows it (GET /clusters, GET /models/{version}): every feature's
    average (older documents: from the centroid), category shares, a colour."""
    view: dict[str, Any] = {k: v for k, v in cluster.items() if k != "name"}
    view.setdefault("averages", dict(cluster.get("centroid") or {}))
    # Documents that carry no colour get the palette's, by cluster id (segcore.profile; the SPA
    # falls back to the same order); a model that stores ``color`` per segment keeps its own.
    view.setdefault("color", PALETTE[int(cluster["cluster_id"]) % len(PALETTE)])
    return SegmentOut.model_validate({"cluster_name": cluster["name"], **view})


class NoActiveModel(Conflict):
    code = "no_active_model"
    default_message = "No model is active yet; train one or activate a version first."


@dataclass(frozen=True)
class LoadedModel:
    document: ModelDocument
    scorer: Scorer
    revision: str

    @property
    def version(self) -> str:
        return self.document["version"]


class ModelStore:
    def __init__(
        self,
        artifacts: ArtifactStore,
        *,
        refresh_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.artifacts = artifacts
        self.refresh_seconds = refresh_seconds
        self.clock = clock
        self._active: LoadedModel | None = None
        self._checked_at = float("-inf")
        self._lock = threading.Lock()

    def active(self) -> LoadedModel:
        now = self.clock()
        if self._active is not None and now - self._checked_at < self.refresh_seconds:
            return self._active
        with self._lock:
            try:
                self._refresh()
            except Exception:
                # S3 failing after a model is loaded: keep serving the one we have.
                if self._active is None:
                    raise DependencyUnavailable("The model store is unavailable.") from None
                log.warning("active model pointer unreadable; serving %s", self._active.version)
            self._checked_at = now
        if self._active is None:
            raise NoActiveModel()
        return self._active

    def active_version(self) -> str | None:
        try:
            return self.active().version
        except NoActiveModel:
            return None

    def segments(self) -> ClustersOut:
        """GET /clusters: the active model's segments, as segment_view shows each."""
        doc = self.active().document
        return ClustersOut(
            model_version=doc["version"],
            total_customers=doc["rows"],
            n_clusters=len(doc["clusters"]),
            features=doc["features"],
            metrics=ModelMetrics.model_validate(doc["metrics"]),
            clusters=[segment_view(c) for c in doc["clusters"]],
        )

    def elbow(self) -> ElbowOut:
        """GET /elbow: every quality measure per K of the active model, and the K it uses."""
        doc = self.active().document
        elbow: Elbow = {"chosen_k": len(doc["clusters"]), **doc["elbow"]}
        return ElbowOut(model_version=doc["version"], **elbow)

    def projection(self) -> ProjectionOut:
        """GET /clusters/projection: the active model's 2-D map of a sample and the centroids."""
        doc = self.active().document
        projected = doc["projection"]
        return ProjectionOut(
            model_version=doc["version"],
            explained_variance_ratio=projected["explained_variance_ratio"],
            method=projected.get("method", "pca"),
            axis_labels=projected.get("axis_labels"),
            points=[MapPoint(**point) for point in projected["sample"]],
            centroids=[MapPoint(**centre) for centre in projected["centroids"]],
        )

    def invalidate(self) -> None:
        self._checked_at = float("-inf")

    def document(self, version: str) -> ModelDocument:
        if not layout.is_valid_id(version):
            raise NotFound("Model not found.", code="model_not_found")
        raw = self.artifacts.get_bytes(layout.model_document_key(version))
        if raw is None:
            raise NotFound("Model not found.", code="model_not_found")
        return loads(raw)

    def _refresh(self) -> None:
        pointer = self.artifacts.get_json(layout.ACTIVE_POINTER_KEY)
        if not pointer:
            self._active = None
            return
        revision = f"{pointer['version']}@{pointer.get('revision', 0)}"
        if self._active is not None and self._active.revision == revision:
            return
        doc = self.document(pointer["version"])
        self._active = LoadedModel(document=doc, scorer=Scorer(doc), revision=revision)
        log.info("loaded model %s", revision)
