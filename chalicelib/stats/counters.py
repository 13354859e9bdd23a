"""Names of the maintained prediction counters, bumped in the transaction that records them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from chalicelib.db.models import Counter
from chalicelib.db.transactions import CounterDelta, Transaction

PREDICTIONS_TOTAL = "predictions.total"
SEGMENT_PREFIX = "predictions.segment."
# Registry item: the set of every segment name a prediction was ever counted under, so the
# statistics can read the per-segment counters by key (a BatchGet) instead of scanning.
SEGMENTS_SEEN = "predictions.segments"


def day_key(at: datetime) -> str:
    return f"predictions.day.{at:%Y-%m-%d}"


def hour_key(at: datetime) -> str:
    return f"predictions.hour.{at:%Y-%m-%dT%H}"


def week_key(at: datetime) -> str:
    year, week, _ = at.isocalendar()
    return f"predictions.week.{year}-W{week:02d}"


def month_key(at: datetime) -> str:
    return f"predictions.month.{at:%Y-%m}"


def segment_key(name: str) -> str:
    return f"{SEGMENT_PREFIX}{name}"


def record_segment_names(tx: Transaction, deltas: Iterable[CounterDelta]) -> None:
    """Adds the segment names of ``deltas`` to the registry item, in the same transaction."""
    names = {d.name.removeprefix(SEGMENT_PREFIX) for d in deltas if d.name.startswith(SEGMENT_PREFIX)}
    if names:
        tx.add(
            "segments-seen",
            lambda t: t.update(Counter(SEGMENTS_SEEN), actions=[Counter.members.add(names)]),
        )


def prediction_deltas(by_segment: Mapping[str, int], at: datetime) -> list[CounterDelta]:
    total = sum(by_segment.values())
    if total == 0:
        return []
    deltas = [
        CounterDelta(name, total)
        for name in (PREDICTIONS_TOTAL, day_key(at), hour_key(at), week_key(at), month_key(at))
    ]
    deltas += [CounterDelta(segment_key(name), n) for name, n in by_segment.items() if n]
    return deltas
