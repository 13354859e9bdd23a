"""Make moto's DynamoDB as serialisable as the real service, and its transactions cheap.

moto applies a transaction by checking, writing, and on failure restoring a deep copy of the
whole table, with no lock: concurrent requests can interleave or be rolled back by another's
failure. Real DynamoDB transactions are serialisable, so the fake gets one lock around every
backend operation.

The whole-table deep copy also makes every transaction cost time in proportion to everything
stored (measured: /predict 58 ms on an empty stack, 150 ms after an hour of use). Under the
lock nothing else can touch the tables during a transaction, so an undo log of the items the
transaction names (each copied before it runs) restores exactly what the table copy would:
``transact_write_items`` below records those items, runs moto's own implementation with table
copies turned into no-ops, and puts the recorded items back if it fails for any reason.
Real DynamoDB also makes TransactWriteItems idempotent: a call repeating the
ClientRequestToken of a successful one within 10 minutes succeeds without changing anything
(botocore fills the token in and keeps it across its retries). moto ignores the token, so a
client that timed out and retried would apply its transaction twice; ``_idempotent`` below
remembers the tokens of the last 10 minutes (a different request under the same token is
refused with IdempotentParameterMismatchException, as DynamoDB does).
Used by tests and by the local moto server.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from moto.core.exceptions import JsonRESTError
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler

LOCK = threading.RLock()

_Undo = tuple[Table, DynamoType, DynamoType | None, Item | None]


def _target_key(table: Table, op: dict[str, Any]) -> dict[str, Any] | None:
    if "Key" in op:
        return dict(op["Key"])
    item = op.get("Item") or {}
    names = [table.hash_key_attr] + ([table.range_key_attr] if table.range_key_attr else [])
    if not all(name in item for name in names):
        return None
    return {name: item[name] for name in names}


def _undo_log(backend: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> list[_Undo]:
    undo: list[_Undo] = []
    for entry in transact_items:
        if len(entry) != 1:
            continue  # moto refuses it before touching anything
        op = next(iter(entry.values()))
        table = backend.tables.get(op.get("TableName", "")) if isinstance(op, dict) else None
        key = _target_key(table, op) if table is not None else None
        if table is None or key is None:
            continue
        try:
            hash_key, range_key = backend.get_keys_value(table, key)
        except Exception:
            continue
        undo.append((table, hash_key, range_key, copy.deepcopy(table.get_item(hash_key, range_key))))
    return undo


def _put_back(table: Table, hash_key: DynamoType, range_key: DynamoType | None, item: Item | None) -> None:
    if table.has_range_key:
        if item is None:
            table.items[hash_key].pop(range_key, None)
        else:
            table.items[hash_key][range_key] = item
    elif item is None:
        table.items.pop(hash_key, None)
    else:
        table.items[hash_key] = item  # type: ignore[assignment]


def _same_table(self: Table, memo: dict[int, Any]) -> Table:
    return self


def _item_level_undo(original: Callable[..., None]) -> Callable[..., None]:
    @functools.wraps(original)
    def transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
        with LOCK:
            undo = _undo_log(self, transact_items)
            Table.__deepcopy__ = _same_table  # type: ignore[attr-defined]
            try:
                original(self, transact_items)
            except BaseException:
                for table, hash_key, range_key, item in reversed(undo):
                    _put_back(table, hash_key, range_key, item)
                raise
            finally:
                del Table.__deepcopy__  # type: ignore[attr-defined]

    return transact_write_items


_TOKEN_SECONDS = 600
_tokens: dict[str, tuple[float, str, Any]] = {}  # token -> (when, request fingerprint, response)


class IdempotentParameterMismatch(JsonRESTError):
    def __init__(self) -> None:
        super().__init__(
            "IdempotentParameterMismatchException",
            "The request uses the same client token as a previous, but non-identical request.",
        )


def _idempotent(original: Callable[[DynamoHandler], Any]) -> Callable[[DynamoHandler], Any]:
    @functools.wraps(original)
    def transact_write_items(self: DynamoHandler) -> Any:
        token = self.body.get("ClientRequestToken")
        if not token:
            return original(self)
        fingerprint = json.dumps(self.body.get("TransactItems"), sort_keys=True)
        with LOCK:
            now = time.monotonic()
            for stale in [t for t, (at, _, _) in _tokens.items() if now - at > _TOKEN_SECONDS]:
                del _tokens[stale]
            if token in _tokens:
                _, seen, response = _tokens[token]
                if seen != fingerprint:
                    raise IdempotentParameterMismatch()
                return response
            response = original(self)
            _tokens[token] = (now, fingerprint, response)
            return response

    return transact_write_items


_active = [0]  # how many serialise_dynamodb() blocks are open: the patches go on once


@contextlib.contextmanager
def serialise_dynamodb() -> Iterator[None]:
    # Re-entrant: a test session may already hold it (tests/api's session fixture) when a test
    # opens it again; patching twice would wrap the wrappers, and the inner exit would undo them.
    if _active[0]:
        _active[0] += 1
        try:
            yield
        finally:
            _active[0] -= 1
        return
    _active[0] = 1
    originals = {}
    for name, member in vars(DynamoDBBackend).items():
        if callable(member) and not name.startswith("_"):
            originals[name] = member
            target = _item_level_undo(member) if name == "transact_write_items" else member

            def locked(*args, __f=target, **kwargs):  # type: ignore[no-untyped-def]
                with LOCK:
                    return __f(*args, **kwargs)

            setattr(DynamoDBBackend, name, functools.wraps(member)(locked))
    handler_transaction = DynamoHandler.transact_write_items
    DynamoHandler.transact_write_items = _idempotent(handler_transaction)  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        _active[0] = 0
        _tokens.clear()
        DynamoHandler.transact_write_items = handler_transaction  # type: ignore[method-assign]
        for name, member in originals.items():
            setattr(DynamoDBBackend, name, member)
