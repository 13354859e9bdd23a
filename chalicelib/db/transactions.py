"""Multi-item writes as one DynamoDB transaction, with counters kept in the same commit."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.db.models import Counter, transaction_connection


@dataclass(frozen=True)
class CounterDelta:
    name: str
    delta: int
    # When set, the decrement only commits if the counter stays at or above this value.
    floor: int | None = None


class ConditionFailed(Exception):
    """A transaction was cancelled because one of its conditions failed."""

    def __init__(self, failed_labels: list[str]) -> None:
        super().__init__(", ".join(failed_labels))
        self.failed_labels = failed_labels


class Transaction:
    """Collects labelled operations so a cancelled transaction says which condition failed."""

    def __init__(self) -> None:
        self._ops: list[tuple[str, Callable[[TransactWrite], None]]] = []

    def add(self, label: str, op: Callable[[TransactWrite], None]) -> None:
        self._ops.append((label, op))

    def counters(self, deltas: Sequence[CounterDelta]) -> None:
        merged: dict[str, CounterDelta] = {}
        for d in deltas:
            prev = merged.get(d.name)
            floor = d.floor if prev is None else (d.floor if d.floor is not None else prev.floor)
            merged[d.name] = CounterDelta(d.name, d.delta + (prev.delta if prev else 0), floor)
        for d in merged.values():
            if d.delta == 0:
                continue
            condition = None
            if d.floor is not None and d.delta < 0:
                condition = Counter.value >= d.floor - d.delta
            self.add(
                f"counter:{d.name}",
                lambda tx, d=d, condition=condition: tx.update(
                    Counter(d.name), actions=[Counter.value.add(d.delta)], condition=condition
                ),
            )

    def commit(self) -> None:
        try:
            with TransactWrite(connection=transaction_connection()) as tx:
                for _, op in self._ops:
                    op(tx)
        except TransactWriteError as exc:
            reasons = exc.cancellation_reasons or []
            failed = [
                label
                for (label, _), reason in zip(self._ops, reasons, strict=False)
                if reason is not None and reason.code == "ConditionalCheckFailed"
            ]
            if failed:
                raise ConditionFailed(failed) from exc
            raise


def with_retries[T](attempt: Callable[[], T], *, retry_on: tuple[type[Exception], ...], tries: int = 4) -> T:
    """Re-run a read-decide-write attempt when a concurrent writer got there first."""
    for n in range(tries):
        try:
            return attempt()
        except retry_on:
            if n == tries - 1:
                raise
            time.sleep(random.uniform(0.005, 0.03) * (2**n))
    raise AssertionError("unreachable")
