"""Multi-item writes as one DynamoDB transaction, with counters kept in the same commit."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.transactions import TransactWrite

from chalicelib.db.models import Counter, transaction_connection
from chalicelib.errors import DependencyUnavailable


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


# The order in which pynamodb.connection.Connection.transact_write_items sends a transaction's items.
_SENT_ORDER = ("_condition_check_items", "_delete_items", "_put_items", "_update_items")


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
            self.add(f"counter:{d.name}", _counter_update(d, condition))

    def commit(self) -> None:
        """Commit; a conflict with another transaction on the same items is retried briefly."""
        for attempt in range(_CONFLICT_TRIES):
            try:
                self._commit_once()
                return
            except _TransactionConflict:
                time.sleep(random.uniform(0.01, 0.05) * (2**attempt))
        raise DependencyUnavailable("The data store is busy; try again.", retry_after=1)

    def _commit_once(self) -> None:
        # PynamoDB sends items grouped by kind, not in the order they were added; cancellation
        # reasons come back in the order sent, so labels are recorded per kind to match them.
        sent: dict[str, list[str]] = {kind: [] for kind in _SENT_ORDER}
        try:
            with TransactWrite(connection=transaction_connection()) as tx:
                for label, op in self._ops:
                    before = {kind: len(getattr(tx, kind)) for kind in _SENT_ORDER}
                    op(tx)
                    for kind in _SENT_ORDER:
                        sent[kind] += [label] * (len(getattr(tx, kind)) - before[kind])
        except TransactWriteError as exc:
            reasons = exc.cancellation_reasons or []
            labels = [label for kind in _SENT_ORDER for label in sent[kind]]
            codes = [(label, reason.code) for label, reason in zip(labels, reasons, strict=False) if reason]
            failed = [label for label, code in codes if code == "ConditionalCheckFailed"]
            if failed:
                raise ConditionFailed(failed) from exc
            if any(code == "TransactionConflict" for _, code in codes):
                raise _TransactionConflict() from exc
            raise


def _counter_update(delta: CounterDelta, condition: Condition | None) -> Callable[[TransactWrite], None]:
    def update(tx: TransactWrite) -> None:
        tx.update(Counter(delta.name), actions=[Counter.value.add(delta.delta)], condition=condition)

    return update


class _TransactionConflict(Exception):
    """Another transaction was writing the same items (a hot counter): nothing committed."""


_CONFLICT_TRIES = 4


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
