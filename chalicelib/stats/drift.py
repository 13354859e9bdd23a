"""Per-day bin counts of prediction inputs (a PredictionService hook) and the PSI read from them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from chalicelib.db.transactions import CounterDelta
from chalicelib.segmentation.model_store import LoadedModel
from chalicelib.timeutil import utcnow
from segcore.drift import PSI_SHIFTED, PSI_STABLE, FeatureBins, observed_counts, population_stability_index

# Below this many inputs in the window a PSI is mostly noise: reported, but not counted overall.
MIN_OBSERVATIONS = 100
STATUS_ORDER = ("ok", "warn", "alert")


def drift_key(version: str, day: date | datetime, feature: str, bin_index: int) -> str:
    return f"drift.{version}.{day:%Y-%m-%d}.{feature}.{bin_index}"


def drift_bins(model: LoadedModel) -> dict[str, FeatureBins]:
    """The training bins of the model's features (older documents may have none): quantile
    bins of a numeric feature, the categories of a categorical one."""
    bins = model.document.get("drift_bins") or {}
    return {name: bins[name] for name in model.scorer.features if name in bins}


class DriftCounters:
    """``PredictionService.input_counters`` hook: the inputs' bin counts for today.

    The deltas commit in the prediction's own transaction, so the counts match the recorded
    predictions exactly. A batch adds at most (features x bins) deltas, whatever its size.
    """

    def __init__(self, clock: Callable[[], datetime] = utcnow) -> None:
        self.clock = clock

    def __call__(self, model: LoadedModel, columns: Mapping[str, Sequence[Any]]) -> list[CounterDelta]:
        today = self.clock()
        deltas: list[CounterDelta] = []
        for feature, bins in drift_bins(model).items():
            values = [value for value in columns.get(feature, ()) if value is not None]
            if not values:
                continue
            for index, count in enumerate(observed_counts(bins, values).tolist()):
                if count:
                    deltas.append(CounterDelta(drift_key(model.version, today, feature, index), int(count)))
        return deltas


def psi_status(psi: float) -> str:
    """The contract's words: ok (< 0.1), warn (< 0.25), alert."""
    if psi < PSI_STABLE:
        return "ok"
    return "warn" if psi < PSI_SHIFTED else "alert"


def bin_total(bins: FeatureBins) -> int:
    """How many bins (or categories) a feature's drift is counted in."""
    return len(bins["proportions"])


def feature_drift(feature: str, bins: FeatureBins, counts: Sequence[int]) -> dict[str, Any]:
    observations = int(sum(counts))
    psi = round(population_stability_index(bins, counts), 6) if observations else 0.0
    return {
        "feature": feature,
        "psi": psi,
        "status": psi_status(psi),
        "observations": observations,
        "enough_data": observations >= MIN_OBSERVATIONS,
    }


def overall_status(features: Sequence[Mapping[str, Any]]) -> str:
    """The worst status among features with enough inputs to judge; ok until there are some."""
    judged = [f["status"] for f in features if f["enough_data"]]
    return max(judged, key=STATUS_ORDER.index) if judged else "ok"
