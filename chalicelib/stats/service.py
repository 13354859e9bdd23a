"""GET /admin/stats: read from maintained counters by key (BatchGet), never by scanning."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from chalicelib.accounts.repository import USER_COUNTERS
from chalicelib.db.models import Counter
from chalicelib.roles import Role
from chalicelib.schemas.admin import (
    DayCount,
    DriftStats,
    ModelStats,
    MonthCount,
    PredictionStats,
    StatsOut,
    UserStats,
    WeekCount,
)
from chalicelib.segmentation.model_store import LoadedModel, ModelStore, NoActiveModel
from chalicelib.stats.counters import (
    PREDICTIONS_TOTAL,
    SEGMENTS_SEEN,
    day_key,
    hour_key,
    month_key,
    segment_key,
    week_key,
)
from chalicelib.stats.drift import bin_total, drift_bins, drift_key, feature_drift, overall_status
from chalicelib.timeutil import utcnow

DAYS = 30
WEEKS = 12
MONTHS = 12
HOURS = 24


def read_counters(names: Iterable[str]) -> tuple[dict[str, int], dict[str, set[str]]]:
    """Values of the named counters (0 when never counted) and the registry sets among them."""
    wanted = list(dict.fromkeys(names))
    values = dict.fromkeys(wanted, 0)
    members: dict[str, set[str]] = {}
    if wanted:
        for item in Counter.batch_get(wanted):
            values[item.name] = int(item.value or 0)
            if item.members:
                members[item.name] = set(item.members)
    return values, members


def _months_back(at: datetime, n: int) -> datetime:
    index = at.year * 12 + at.month - 1 - n
    return at.replace(year=index // 12, month=index % 12 + 1, day=1)


class StatsService:
    def __init__(self, *, models: ModelStore, clock: Callable[[], datetime] = utcnow) -> None:
        self.models = models
        self.clock = clock

    def snapshot(self) -> StatsOut:
        now = self.clock()
        try:
            model: LoadedModel | None = self.models.active()
        except NoActiveModel:
            model = None
        hours = [hour_key(now - timedelta(hours=i)) for i in range(HOURS)]
        days = [now - timedelta(days=i) for i in reversed(range(DAYS))]
        weeks = [now - timedelta(weeks=i) for i in reversed(range(WEEKS))]
        months = [_months_back(now, i) for i in reversed(range(MONTHS))]
        active_names = list(model.scorer.cluster_names) if model else []
        bins = drift_bins(model) if model else {}
        drift_keys = {
            (feature, index): [drift_key(model.version, day, feature, index) for day in days]
            for feature, b in bins.items()
            for index in range(bin_total(b))
            if model is not None
        }
        values, members = read_counters(
            [
                *USER_COUNTERS,
                PREDICTIONS_TOTAL,
                SEGMENTS_SEEN,
                *hours,
                *(day_key(d) for d in days),
                *(week_key(w) for w in weeks),
                *(month_key(m) for m in months),
                *(segment_key(n) for n in active_names),
                *(key for keys in drift_keys.values() for key in keys),
            ]
        )
        names = active_names + sorted(members.get(SEGMENTS_SEEN, set()) - set(active_names))
        extra, _ = read_counters(segment_key(n) for n in names if segment_key(n) not in values)
        values.update(extra)

        total_users, active_users = values["users.total"], values["users.active"]
        drift_features = [
            feature_drift(
                feature,
                b,
                [sum(values[k] for k in drift_keys[(feature, i)]) for i in range(bin_total(b))],
            )
            for feature, b in bins.items()
        ]
        return StatsOut(
            users=UserStats(
                total=total_users,
                active=active_users,
                inactive=total_users - active_users,
                by_role={r.value: values[f"users.role.{r.value}"] for r in Role},
            ),
            predictions=PredictionStats(
                total=values[PREDICTIONS_TOTAL],
                last_24h=sum(values[k] for k in hours),
                by_cluster={n: values[segment_key(n)] for n in names},
                per_day=[DayCount(date=f"{d:%Y-%m-%d}", count=values[day_key(d)]) for d in days],
                per_week=[
                    WeekCount(week=week_key(w).rsplit(".", 1)[1], count=values[week_key(w)]) for w in weeks
                ],
                per_month=[MonthCount(month=f"{m:%Y-%m}", count=values[month_key(m)]) for m in months],
            ),
            model=ModelStats(
                active_version=model.version if model else None,
                trained_at=model.document.get("created_at") if model else None,
                n_clusters=model.scorer.n_clusters if model else None,
            ),
            # feature_drift's statuses are the strings DriftStats names: checked here.
            drift=DriftStats.model_validate(
                {
                    "model_version": model.version if model else None,
                    "window_days": DAYS,
                    "features": drift_features,
                    "status": overall_status(drift_features),
                }
            ),
        )
