"""Turns any failure into the contract's error body; never leaks a traceback."""

from __future__ import annotations

import logging
from typing import Any

from chalice import Response
from pydantic import ValidationError

from chalicelib.errors import AppError, DependencyUnavailable, ValidationFailed

log = logging.getLogger("segmentation.http")

_THROTTLING_CODES = {
    "ThrottlingException",
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    "SlowDown",
    "ServiceUnavailable",
    "InternalServerError",
    "TransactionInProgressException",
}


def error_body(
    code: str, message: str, request_id: str, details: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message, "request_id": request_id}
    if details:
        body["details"] = details
    return body


def error_response(error: AppError, request_id: str) -> Response:
    return Response(
        body=error_body(error.code, error.message, request_id, error.details),
        status_code=error.status,
        headers={"Content-Type": "application/json", **error.headers},
    )


def validation_details(exc: ValidationError, *, prefix: tuple[str | int, ...] = ()) -> list[dict[str, Any]]:
    details = []
    for err in exc.errors(include_url=False):
        loc = [str(part) for part in (*prefix, *err["loc"])]
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "Unknown field."
        details.append({"field": ".".join(loc) or "body", "message": message})
    return details


def validation_error(exc: ValidationError, *, prefix: tuple[str | int, ...] = ()) -> ValidationFailed:
    details = validation_details(exc, prefix=prefix)
    summary = "; ".join(f"{d['field']}: {d['message']}" for d in details[:3])
    return ValidationFailed(f"Invalid input - {summary}", details=details)


def _dependency_failure(exc: Exception) -> bool:
    # Imported here, on the error path: a cold start that never failed never pays for them.
    from botocore.exceptions import BotoCoreError, ClientError
    from pynamodb.exceptions import PynamoDBException

    if isinstance(exc, ClientError):
        return exc.response.get("Error", {}).get("Code") in _THROTTLING_CODES
    if isinstance(exc, BotoCoreError):
        return True
    if isinstance(exc, PynamoDBException):
        cause = getattr(exc, "cause", None) or exc.__cause__
        if isinstance(cause, ClientError):
            return _dependency_failure(cause)
        return isinstance(cause, BotoCoreError) or cause is None
    return False


def response_for_exception(exc: Exception, request_id: str) -> Response:
    if isinstance(exc, AppError):
        return error_response(exc, request_id)
    if isinstance(exc, ValidationError):
        return error_response(validation_error(exc), request_id)
    if _dependency_failure(exc):
        log.warning("dependency failure", exc_info=exc)
        return error_response(DependencyUnavailable(), request_id)
    log.error("unhandled error", exc_info=exc)
    return error_response(AppError(), request_id)
