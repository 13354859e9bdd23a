"""Make moto's DynamoDB as serialisable as the real service.

moto applies a transaction by checking, writing, and on failure restoring a deep copy of the
whole table, with no lock: concurrent requests can interleave or be rolled back by another's
failure. Real DynamoDB transactions are serialisable, so the fake gets one lock around every
backend operation. Used by tests and by the local moto server.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator

from moto.dynamodb.models import DynamoDBBackend

_LOCK = threading.RLock()


@contextlib.contextmanager
def serialise_dynamodb() -> Iterator[None]:
    originals = {}
    for name, member in vars(DynamoDBBackend).items():
        if callable(member) and not name.startswith("_"):
            originals[name] = member

            def locked(*args, __f=member, **kwargs):  # type: ignore[no-untyped-def]
                with _LOCK:
                    return __f(*args, **kwargs)

            setattr(DynamoDBBackend, name, functools.wraps(member)(locked))
    try:
        yield
    finally:
        for name, member in originals.items():
            setattr(DynamoDBBackend, name, member)
