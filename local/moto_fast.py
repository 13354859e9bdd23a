"""Per-request overheads of moto's server that grow nothing but CPU, removed for the local stack.

Profiled on the local stack's own traffic (a TransactWriteItems of a /predict), moto's server
spends most of each request outside DynamoDB:

- ``DomainDispatcherApplication.get_backend_for_host`` lists moto's package folder (a
  ``listdir`` and a ``stat`` per entry, ~3.5 ms) to find the service, twice per request and under
  one global lock. The answer depends only on the host name, so ``FastDispatcher`` remembers it.
- ``BaseResponse.call_action`` finds the action among the handler class's methods with
  ``inspect.getmembers`` on every request (~1.6 ms); a class's methods do not change while the
  server runs, so the list is computed once per class.

- ``UpdateExpressionParser.make`` tokenises and parses the same few update expressions (the
  app's counters use a handful) again for every item of every transaction, twice per item.
  The tree it returns is only read, or deep-copied by the validator before it is changed, so
  each expression string is parsed once (an invalid one still raises every time: errors are not
  cached).

- ``DynamoDBBackend.update_item`` runs ten tree walks over the parsed expression (after a deep
  copy of it) for every item; a /predict adds 1 to about ten counters, each ``ADD #n :v`` with
  a number and no condition. That exact shape is applied directly, with moto's own number
  arithmetic (``DynamoType.__add__``), under the same lock; anything else (another expression,
  a condition, a non-number, a key attribute, a table with a stream, an existing value that is
  not a number) goes to moto's implementation unchanged, errors included.

- ``Table.query`` on the table itself (no index) collects its candidates from ``all_items()``,
  which sorts every item of the table, then keeps those of the queried partition: a user's
  /history read cost time in proportion to everyone's history (with 100,000 entries, seconds
  under the DynamoDB lock, and every other request waiting). For such a query ``all_items`` is
  answered with that partition's items only, which moto then filters and sorts as before.

None of these changes what moto answers; they are installed only in the local moto server.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

import moto.core.responses
from moto.core.utils import method_names_from_class
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table
from moto.dynamodb.parsing.expressions import UpdateExpressionParser  # type: ignore[attr-defined]
from moto.moto_server.werkzeug_app import DomainDispatcherApplication

from local.moto_serial import LOCK


class FastDispatcher(DomainDispatcherApplication):
    """moto's dispatcher, with each host's backend looked up once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._backend_for_host: dict[str | None, Any] = {}

    def get_backend_for_host(self, host: str | None) -> Any:
        try:
            return self._backend_for_host[host]
        except KeyError:
            backend = self._backend_for_host[host] = super().get_backend_for_host(host)
            return backend


@functools.cache
def _action_names(clazz: type) -> tuple[str, ...]:
    return tuple(method_names_from_class(clazz))


_original_make = UpdateExpressionParser.make.__func__


@functools.lru_cache(maxsize=1024)
def _parsed_update_expression(expression: str) -> Any:
    return _original_make(UpdateExpressionParser, expression)


_cached_make = classmethod(lambda cls, expression: _parsed_update_expression(expression))


_SIMPLE_ADD = re.compile(r"\s*ADD\s+(#\w+)\s+(:\w+)\s*")


def _simple_add(
    expression: str | None, names: dict[str, str] | None, values: dict[str, Any] | None
) -> tuple[str, dict[str, Any]] | None:
    """The attribute and number of an ``ADD #n :v`` of a number; None if the expression is not that."""
    match = _SIMPLE_ADD.fullmatch(expression or "")
    if match is None:
        return None
    name, value = (names or {}).get(match[1]), (values or {}).get(match[2])
    if name is None or not isinstance(value, dict) or list(value) != ["N"]:
        return None
    try:
        Decimal(value["N"])
    except (InvalidOperation, TypeError):
        return None
    return name, value


def _add_number(
    backend: DynamoDBBackend, table_name: str, key: dict[str, Any], name: str, value: dict[str, Any]
) -> Item | None:
    """Adds the number to the item's attribute as moto would; None where moto must decide."""
    table = backend.get_table(table_name)
    if table.stream_shard is not None or name in table.attribute_keys or table.hash_key_attr not in key:
        return None
    hash_value = DynamoType(key[table.hash_key_attr])
    range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr in key else None
    if table.has_range_key and range_value is None:
        return None
    item = table.get_item(hash_value, range_value)
    current = item.attrs.get(name) if item is not None else None
    if current is not None and current.type != "N":
        return None
    total = (current or DynamoType({"N": "0"})) + DynamoType(value)
    if item is None:
        data = {table.hash_key_attr: {hash_value.type: hash_value.value}}
        if range_value is not None and table.range_key_attr:
            data[table.range_key_attr] = {range_value.type: range_value.value}
        table.put_item(data)
        item = table.get_item(hash_value, range_value)
        assert item is not None
    item.attrs[name] = total
    return item


def _fast_update_item(original: Callable[..., Item]) -> Callable[..., Item]:
    @functools.wraps(original)
    def update_item(
        self: DynamoDBBackend,
        table_name: str,
        key: dict[str, Any],
        update_expression: str | None,
        expression_attribute_names: dict[str, str] | None,
        expression_attribute_values: dict[str, Any] | None,
        attribute_updates: dict[str, Any] | None = None,
        expected: dict[str, Any] | None = None,
        condition_expression: str | None = None,
        return_values_on_condition_check_failure: str | None = None,
    ) -> Item:
        if not attribute_updates and not expected and condition_expression is None:
            add = _simple_add(update_expression, expression_attribute_names, expression_attribute_values)
            if add is not None:
                with LOCK:
                    item = _add_number(self, table_name, key, *add)
                if item is not None:
                    return item
        return original(
            self,
            table_name,
            key,
            update_expression,
            expression_attribute_names,
            expression_attribute_values,
            attribute_updates=attribute_updates,
            expected=expected,
            condition_expression=condition_expression,
            return_values_on_condition_check_failure=return_values_on_condition_check_failure,
        )

    update_item.fast_add = True  # type: ignore[attr-defined]
    return update_item


def _partition_query(original: Callable[..., Any]) -> Callable[..., Any]:
    signature = inspect.signature(original)

    @functools.wraps(original)
    def query(self: Table, hash_key: DynamoType | None, *args: Any, **kwargs: Any) -> Any:
        index_name = signature.bind(self, hash_key, *args, **kwargs).arguments.get("index_name")
        if index_name or hash_key is None:
            return original(self, hash_key, *args, **kwargs)
        with LOCK:
            partition = self.items.get(hash_key)
            if partition is None:
                items: list[Item] = []
            elif self.range_key_attr:
                items = list(partition.values())
            else:
                items = [partition]
            self.all_items = lambda: items  # type: ignore[method-assign]
            try:
                return original(self, hash_key, *args, **kwargs)
            finally:
                del self.all_items

    query.partition_only = True  # type: ignore[attr-defined]
    return query


def install() -> None:
    """Install the caches and the fast path above for the life of the process (idempotent)."""
    moto.core.responses.method_names_from_class = _action_names  # type: ignore[assignment]
    UpdateExpressionParser.make = _cached_make
    if not getattr(DynamoDBBackend.update_item, "fast_add", False):
        DynamoDBBackend.update_item = _fast_update_item(DynamoDBBackend.update_item)  # type: ignore[method-assign]
    if not getattr(Table.query, "partition_only", False):
        Table.query = _partition_query(Table.query)  # type: ignore[method-assign]


@contextlib.contextmanager
def installed() -> Iterator[None]:
    """``install()`` until the block ends (tests compare against moto without it)."""
    saved = (
        moto.core.responses.method_names_from_class,
        vars(UpdateExpressionParser)["make"],
        vars(DynamoDBBackend)["update_item"],
        vars(Table)["query"],
    )
    install()
    try:
        yield
    finally:
        moto.core.responses.method_names_from_class = saved[0]
        UpdateExpressionParser.make = saved[1]
        DynamoDBBackend.update_item = saved[2]  # type: ignore[method-assign]
        Table.query = saved[3]  # type: ignore[method-assign]
