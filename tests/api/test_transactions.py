"""Transactions that collide with another writer on a hot item are retried, then answered 503."""

from __future__ import annotations

import pytest

from chalicelib.db import transactions
from chalicelib.db.transactions import Transaction
from chalicelib.errors import DependencyUnavailable


def _conflicting(times: int, calls: list[int]):
    def commit_once(self: Transaction) -> None:
        calls.append(1)
        if len(calls) <= times:
            raise transactions._TransactionConflict()

    return commit_once


def test_a_transaction_conflict_is_retried_until_it_commits(monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(Transaction, "_commit_once", _conflicting(2, calls))
    monkeypatch.setattr(transactions.time, "sleep", lambda _: None)
    Transaction().commit()
    assert len(calls) == 3


def test_a_transaction_that_keeps_conflicting_is_a_503_with_retry_after(monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(Transaction, "_commit_once", _conflicting(99, calls))
    monkeypatch.setattr(transactions.time, "sleep", lambda _: None)
    with pytest.raises(DependencyUnavailable) as raised:
        Transaction().commit()
    assert len(calls) == transactions._CONFLICT_TRIES
    assert raised.value.status == 503 and raised.value.headers["Retry-After"] == "1"
