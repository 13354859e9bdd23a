"""Recounts every maintained counter from the tables (tests only; the API never scans).

Used in-process by the counter property test and, against a running local stack, by the
durability test: ``python -m tests.support.recount`` with the stack's environment prints the
maintained counters, their recount, and any orphans as JSON.

Prediction counters count predictions made: deleting an account removes its history but not the
anonymous totals, so callers that delete users pass what that history tallied (``archived``).
Drift bins are recounted from inputs: the caller passes them ``(model version, day, rows)``.
"""

from __future__ import annotations

import json
import sys
from bisect import bisect_right
from collections import Counter as Tally
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

DriftInputs = Iterable[tuple[str, str, list[dict[str, Any]]]]  # (model version, day, rows)


def _at(created_at: str) -> datetime:
    return datetime.fromisoformat(created_at.replace("Z", "+00:00"))


def prediction_tally(entry: Any) -> Tally[str]:
    from chalicelib.stats import counters

    at = _at(entry.created_at)
    by_segment = {entry.cluster_name: 1} if entry.kind == "single" else dict(entry.summary or {})
    n = sum(by_segment.values())
    tally: Tally[str] = Tally()
    for key in (
        counters.PREDICTIONS_TOTAL,
        counters.day_key(at),
        counters.hour_key(at),
        counters.week_key(at),
        counters.month_key(at),
    ):
        tally[key] += n
    for name, count in by_segment.items():
        tally[counters.segment_key(name)] += count
    return tally


def recount(
    users: list[Any],
    *,
    archived: Mapping[str, int],
    inputs: DriftInputs,
    drift_bins: Callable[[str], Mapping[str, Any]],
) -> dict[str, int]:
    from chalicelib.db.models import HistoryRecord, ProfileRecord

    tally: Tally[str] = Tally()
    tally["users.total"] = len(users)
    for u in users:
        tally[f"users.role.{u.role}"] += 1
        tally["users.active"] += bool(u.is_active)
        tally["users.active_admins"] += bool(u.is_active and u.role == "admin" and not u.deleting)
    for entry in HistoryRecord.scan():
        tally.update(prediction_tally(entry))
        tally[f"user:{entry.user_id}:predictions"] += 1 if entry.kind == "single" else int(entry.scored)
    for profile in ProfileRecord.scan():
        tally[f"user:{profile.user_id}:profiles"] += 1
    tally.update(archived)
    for version, day, rows in inputs:
        bins = drift_bins(version)
        for feature, spec in bins.items():
            edges = spec["edges"]
            for row in rows:
                tally[f"drift.{version}.{day}.{feature}.{bisect_right(edges[1:-1], row[feature])}"] += 1
    return {k: v for k, v in tally.items() if v}


def maintained(users: list[Any]) -> tuple[dict[str, int], set[str]]:
    """Every counter's value (and the registry of segment names seen)."""
    from chalicelib.db.models import Counter
    from chalicelib.stats.counters import SEGMENTS_SEEN

    values: dict[str, int] = {}
    seen: set[str] = set()
    for item in Counter.scan():
        if item.name == SEGMENTS_SEEN:
            seen = set(item.members or ())
        elif item.value:
            values[item.name] = int(item.value)
    for u in users:
        if u.total_predictions:
            values[f"user:{u.id}:predictions"] = int(u.total_predictions)
        if u.total_saved_profiles:
            values[f"user:{u.id}:profiles"] = int(u.total_saved_profiles)
    return values, seen


def differences(
    *, archived: Mapping[str, int], inputs: DriftInputs, drift_bins: Callable[[str], Mapping[str, Any]]
) -> dict[str, Any]:
    """Counters that disagree with their recount: {name: (maintained, recount)}; empty if none."""
    from chalicelib.db.models import UserRecord
    from chalicelib.stats.counters import SEGMENT_PREFIX

    users = list(UserRecord.scan())
    values, seen = maintained(users)
    counted = recount(users, archived=archived, inputs=inputs, drift_bins=drift_bins)
    diff: dict[str, Any] = {
        k: (values.get(k), counted.get(k))
        for k in set(values) | set(counted)
        if values.get(k) != counted.get(k)
    }
    expected_seen = {k.removeprefix(SEGMENT_PREFIX) for k in counted if k.startswith(SEGMENT_PREFIX)}
    if seen != expected_seen:
        diff["segments_seen"] = (sorted(seen), sorted(expected_seen))
    return diff


def orphans() -> dict[str, list[str]]:
    """History, profiles and name guards whose user does not exist."""
    from chalicelib.db.models import HistoryRecord, ProfileRecord, UniqueGuard, UserRecord

    ids = {u.id for u in UserRecord.scan()}
    return {
        "history": sorted({h.user_id for h in HistoryRecord.scan() if h.user_id not in ids}),
        "profiles": sorted({p.user_id for p in ProfileRecord.scan() if p.user_id not in ids}),
        "guards": sorted(g.key for g in UniqueGuard.scan() if g.user_id not in ids),
    }


def stored_single_inputs() -> list[tuple[str, str, list[dict[str, Any]]]]:
    """Drift inputs of every stored single prediction (batch inputs are not stored)."""
    from chalicelib.db.models import HistoryRecord

    return [
        (h.model_version, h.created_at[:10], [h.customer_data])
        for h in HistoryRecord.scan()
        if h.kind == "single" and h.customer_data
    ]


def main() -> int:
    """Against the stack named by the environment: counters vs recount and orphans, as JSON."""
    from chalicelib.services import services

    store = services().models
    report = {
        "differences": differences(
            archived={},
            inputs=stored_single_inputs(),
            drift_bins=lambda version: store.document(version)["drift_bins"],
        ),
        "orphans": orphans(),
    }
    print(json.dumps(report, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
