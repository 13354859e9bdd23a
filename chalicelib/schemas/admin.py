from typing import Any, Literal

from pydantic import Field

from chalicelib.schemas.common import Out, PageQuery


class UserStats(Out):
    total: int
    active: int
    inactive: int
    by_role: dict[str, int]


class DayCount(Out):
    date: str = Field(description="YYYY-MM-DD (UTC)")
    count: int


class WeekCount(Out):
    week: str = Field(description="ISO week, YYYY-Www")
    count: int


class MonthCount(Out):
    month: str = Field(description="YYYY-MM")
    count: int


class PredictionStats(Out):
    total: int = Field(description="Predictions made (a batch counts each scored row)")
    last_24h: int = Field(description="The current hour and the 23 before it")
    by_cluster: dict[str, int] = Field(description="Per segment name, every name ever predicted")
    per_day: list[DayCount] = Field(description="The last 30 days, oldest first, zero-filled")
    per_week: list[WeekCount] = Field(description="The last 12 ISO weeks, oldest first")
    per_month: list[MonthCount] = Field(description="The last 12 months, oldest first")


class ModelStats(Out):
    active_version: str | None
    trained_at: str | None
    n_clusters: int | None


class FeatureDrift(Out):
    feature: str
    psi: float = Field(description="Population stability index vs the training bins")
    status: Literal["ok", "warn", "alert"] = Field(description="ok (< 0.1), warn (< 0.25), alert")
    observations: int = Field(description="Inputs in the window")
    enough_data: bool = Field(description="At least 100 inputs: below that the PSI is mostly noise")


class DriftStats(Out):
    model_version: str | None
    window_days: int
    features: list[FeatureDrift]
    status: Literal["ok", "warn", "alert"] = Field(
        description="The worst status among features with enough data (ok until there is some)"
    )


class StatsOut(Out):
    users: UserStats
    predictions: PredictionStats
    model: ModelStats
    drift: DriftStats


class AuditEvent(Out):
    id: str
    at: str
    actor_id: str
    actor_username: str
    action: str
    target: str
    # Free-form on purpose: each action records its own facts (chalicelib/audit/actions.py).
    details: dict[str, Any]


class AuditPage(Out):
    events: list[AuditEvent]
    next_cursor: str | None


class AuditQuery(PageQuery):
    pass
