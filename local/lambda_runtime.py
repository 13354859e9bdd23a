"""Plays the Lambda Python runtime for one container: import the handler, call it with events.

Run by local/lambda_check.py as ``python -I -S -B lambda_runtime.py`` (no site-packages, no
environment-driven paths, no bytecode written), with the unzipped package as working directory.
Standard library only. Reads one JSON object on stdin:

    {"path": [dirs put first on sys.path], "handler": "app.app", "events": [event, ...]}

and prints one JSON line: the seconds the handler module took to import and, for each event,
the handler's result and the seconds it took.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
import uuid
from typing import Any


class LambdaContext:
    """The attributes and method the runtime's context object offers."""

    def __init__(self, function_name: str) -> None:
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:us-east-1:123456789012:function:{function_name}"
        self.memory_limit_in_mb = "1024"
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "local"
        self._deadline = time.monotonic() + 30

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def main() -> int:
    spec = json.load(sys.stdin)
    sys.path[:0] = spec["path"]
    module_name, function_name = spec["handler"].rsplit(".", 1)
    started = time.perf_counter()
    module = importlib.import_module(module_name)
    handler = getattr(module, function_name)
    imported = time.perf_counter() - started
    results: list[dict[str, Any]] = []
    for event in spec["events"]:
        context = LambdaContext(function_name)
        t0 = time.perf_counter()
        result = handler(event, context)
        results.append({"seconds": time.perf_counter() - t0, "result": result})
    loaded = sorted(sys.modules)
    print(json.dumps({"import_s": imported, "results": results, "modules": loaded}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
