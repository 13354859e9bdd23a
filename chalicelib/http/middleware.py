"""Cross-cutting HTTP behaviour: request ids, security headers, CORS, uniform errors, access log."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from chalice import Chalice, Response
from chalice.app import Request

from chalicelib.http import access_log
from chalicelib.http.errors import error_body, response_for_exception

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "frame-ancestors 'none'",
}
ALLOWED_HEADERS = "Authorization,Content-Type,Accept"
EXPOSED_HEADERS = "Retry-After,X-Request-Id,Content-Disposition"

# Chalice's own error bodies ({"Code": ..., "Message": ...}) mapped to the contract's codes.
_CHALICE_CODES = {
    400: ("bad_request", "The request could not be read."),
    403: ("forbidden", "This action is not allowed."),
    404: ("not_found", "The requested resource was not found."),
    405: ("method_not_allowed", "This method is not allowed on this path."),
    415: ("unsupported_media_type", "The request's content type is not supported here."),
    500: ("internal_error", "An internal error occurred."),
}


def _ensure_request_id(request: Request) -> str:
    context = request.context if isinstance(request.context, dict) else {}
    request_id = context.get("requestId")
    if not request_id:
        request_id = uuid.uuid4().hex
        if isinstance(request.context, dict):
            request.context["requestId"] = request_id
    return str(request_id)


def _normalise_framework_error(response: Response, request_id: str) -> None:
    body = response.body
    if response.status_code < 400 or not (isinstance(body, dict) and "Code" in body):
        return
    code, message = _CHALICE_CODES.get(response.status_code, ("error", "The request could not be completed."))
    response.body = error_body(code, message, request_id)
    response.headers["Content-Type"] = "application/json"


class HttpPolicy:
    def __init__(self, allowed_origins: frozenset[str]) -> None:
        self.allowed_origins = allowed_origins

    def cors_headers(self, request: Request) -> dict[str, str]:
        origin = request.headers.get("origin") if request.headers else None
        if not origin or origin not in self.allowed_origins:
            return {}
        return {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Credentials": "false",
            "Access-Control-Expose-Headers": EXPOSED_HEADERS,
            "Vary": "Origin",
        }

    def __call__(self, request: Request, get_response: Callable[[Request], Response]) -> Response:
        started = time.perf_counter()
        request_id = _ensure_request_id(request)
        try:
            response = get_response(request)
        except Exception as exc:  # the route wrapper catches its own; this is anything outside it
            response = response_for_exception(exc, request_id)
        _normalise_framework_error(response, request_id)
        response.headers.update(SECURITY_HEADERS)
        response.headers.update(self.cors_headers(request))
        response.headers["X-Request-Id"] = request_id
        duration_ms = (time.perf_counter() - started) * 1000
        access_log.write(access_log.access_record(request, response, request_id, duration_ms))
        return response


def install(app: Chalice, policy: HttpPolicy) -> None:
    """Register the middleware and answer CORS preflights on every declared path."""
    app.register_middleware(policy, "http")
    paths = sorted(app.routes)

    def preflight(**_path_params: str) -> Response:
        request = app.current_request
        assert request is not None  # set by Chalice for every HTTP event
        allowed = ", ".join(sorted(app.routes[request.context["resourcePath"]]))
        headers: dict[str, Any] = {"Access-Control-Allow-Methods": allowed}
        if policy.cors_headers(request):
            headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            headers["Access-Control-Max-Age"] = "600"
        return Response(body="", status_code=204, headers=headers)

    for path in paths:
        if "OPTIONS" not in app.routes[path]:
            app.route(path, methods=["OPTIONS"], name=f"preflight{path}")(preflight)
