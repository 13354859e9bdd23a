"""Domain errors. Domain code raises these; the HTTP layer turns them into contract errors."""

from __future__ import annotations

from typing import Any


class AppError(Exception):
    status = 500
    code = "internal_error"
    default_message = "An internal error occurred."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message or self.default_message)
        self.message = message or self.default_message
        if code:
            self.code = code
        self.details = details
        self.headers = headers or {}


class BadRequest(AppError):
    status = 400
    code = "bad_request"
    default_message = "The request could not be read."


class Unauthorized(AppError):
    status = 401
    code = "unauthorized"
    default_message = "Authentication is required."


class Forbidden(AppError):
    status = 403
    code = "forbidden"
    default_message = "Your role does not allow this action."


class NotFound(AppError):
    status = 404
    code = "not_found"
    default_message = "The requested resource was not found."


class Conflict(AppError):
    status = 409
    code = "conflict"
    default_message = "The request conflicts with the current state."


class PayloadTooLarge(AppError):
    status = 413
    code = "payload_too_large"
    default_message = "The request body is too large."


class UnsupportedMediaType(AppError):
    status = 415
    code = "unsupported_media_type"
    default_message = "The request's content type is not supported here."


class ValidationFailed(AppError):
    status = 422
    code = "validation_error"
    default_message = "The request did not pass validation."


class Throttled(AppError):
    status = 429
    code = "too_many_requests"
    default_message = "Too many requests; try again later."

    def __init__(self, message: str | None = None, *, retry_after: int, code: str | None = None):
        super().__init__(message, code=code, headers={"Retry-After": str(max(1, retry_after))})


class DependencyUnavailable(AppError):
    status = 503
    code = "service_unavailable"
    default_message = "A service this request depends on is unavailable; try again shortly."

    def __init__(self, message: str | None = None, *, retry_after: int = 5):
        super().__init__(message, headers={"Retry-After": str(retry_after)})


def field_error(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(f"{field}: {message}", details=[{"field": field, "message": message}])
