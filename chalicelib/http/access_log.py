"""One JSON line per request: what an operator searches in CloudWatch Logs Insights.

The line holds the request id, the route template (``/history/{entry_id}``, never the path with
its values), the method, the status, the duration in milliseconds, the user's id and the model
version that answered. Nothing else about the person: no username, email, token or body.

The route wrapper and handlers add what only they know (``annotate``); the HTTP middleware
writes the line once the response exists, also for errors. The logger does not propagate: the
line goes to stdout as it is, whatever the Lambda runtime does to other log records.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from chalice import Response
from chalice.app import Request

LOGGER_NAME = "segmentation.access"
FIELDS = ("request_id", "route", "method", "status", "duration_ms", "user_id", "model_version")
# Only these may be added by annotate(): the line must never grow personal data by accident.
ANNOTATIONS = frozenset({"user_id", "model_version"})
_CONTEXT_KEY = "segmentation.access_log"


class JsonLineFormatter(logging.Formatter):
    """The record's ``access`` dict as one compact JSON line."""

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(getattr(record, "access", {"message": record.getMessage()}), separators=(",", ":"))


def access_logger() -> logging.Logger:
    logger = logging.getLogger(LOGGER_NAME)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(JsonLineFormatter())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


def _annotations(request: Request) -> dict[str, Any]:
    context = request.context if isinstance(request.context, dict) else {}
    found = context.get(_CONTEXT_KEY)
    return found if isinstance(found, dict) else {}


def annotate(request: Request | None, **fields: Any) -> None:
    """Add the user id or model version to this request's access line."""
    unknown = set(fields) - ANNOTATIONS
    if unknown:
        raise ValueError(f"not an access-log annotation: {sorted(unknown)}")
    if request is not None and isinstance(request.context, dict):
        request.context.setdefault(_CONTEXT_KEY, {}).update(fields)


def access_record(
    request: Request, response: Response, request_id: str, duration_ms: float
) -> dict[str, Any]:
    context = request.context if isinstance(request.context, dict) else {}
    annotations = _annotations(request)
    return {
        "request_id": request_id,
        "route": context.get("resourcePath"),
        "method": request.method,
        "status": response.status_code,
        "duration_ms": round(duration_ms, 1),
        "user_id": annotations.get("user_id"),
        "model_version": annotations.get("model_version"),
    }


def write(record: dict[str, Any]) -> None:
    access_logger().info("request", extra={"access": record})
