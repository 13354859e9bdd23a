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

None of these changes what moto answers; they are installed only in the local moto server.
"""

from __future__ import annotations

import functools
from typing import Any

import moto.core.responses
from moto.core.utils import method_names_from_class
from moto.dynamodb.parsing.expressions import UpdateExpressionParser
from moto.moto_server.werkzeug_app import DomainDispatcherApplication


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


_original_make = UpdateExpressionParser.make.__func__  # type: ignore[attr-defined]


@functools.lru_cache(maxsize=1024)
def _parsed_update_expression(expression: str) -> Any:
    return _original_make(UpdateExpressionParser, expression)


def install() -> None:
    """Install the caches above (idempotent)."""
    moto.core.responses.method_names_from_class = _action_names  # type: ignore[assignment]
    UpdateExpressionParser.make = classmethod(  # type: ignore[method-assign]
        lambda cls, expression: _parsed_update_expression(expression)
    )
