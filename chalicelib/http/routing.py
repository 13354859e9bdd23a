"""Route registration: authentication, body/query validation and errors in one place.

Every route is declared with its minimum role and its schemas; the same declarations
generate GET /openapi.json, so the document cannot drift from what handlers enforce.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chalice import Blueprint, Chalice, Response
from chalice.app import Request
from pydantic import BaseModel, ValidationError

from chalicelib.errors import BadRequest, PayloadTooLarge, Unauthorized, ValidationFailed
from chalicelib.http import access_log
from chalicelib.http.errors import response_for_exception, validation_details, validation_error
from chalicelib.roles import Role

JSON = "application/json"
CSV = "text/csv"
DEFAULT_MAX_BODY = 256 * 1024


@dataclass(frozen=True)
class RouteSpec:
    path: str
    method: str
    summary: str
    tag: str
    role: Role | None
    body: type[BaseModel] | None
    query: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    errors: tuple[int, ...]
    content_types: tuple[str, ...]
    response_types: tuple[str, ...]
    description: str = ""
    # Other success statuses with the same body (e.g. 200 from POST /train?wait when done).
    also: tuple[int, ...] = ()


REGISTRY: list[RouteSpec] = []


@dataclass
class RequestContext:
    request: Request
    request_id: str
    user: Any = None
    claims: Any = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def headers(self) -> Any:
        return self.request.headers

    def raw_body(self) -> bytes:
        body = self.request.raw_body
        return body if isinstance(body, bytes) else (body or "").encode()

    def content_type(self) -> str:
        return (self.request.headers.get("content-type") or JSON).split(";")[0].strip().lower()

    @property
    def client_ip(self) -> str:
        """The caller's address as API Gateway (or chalice local) saw it."""
        identity = (self.request.context or {}).get("identity") or {}
        return str(identity.get("sourceIp") or "unknown")

    def accepts(self, media_type: str) -> bool:
        return media_type in (self.request.headers.get("accept") or "").lower()

    def log_model_version(self, version: str) -> None:
        """Name the model that answered in this request's access line."""
        access_log.annotate(self.request, model_version=version)


# Checks the request's credentials against the route's minimum role, filling ctx.user/claims.
Authenticator = Callable[[RequestContext, Role], None]


class Api(Chalice):
    """The Chalice app, built with the token check its protected routes run (see create_app);
    routing stays free of auth details."""

    def __init__(self, app_name: str, *, authenticator: Authenticator) -> None:
        super().__init__(app_name=app_name)
        self.authenticator = authenticator


def request_id_for(request: Request | None) -> str:
    if request is not None:
        rid = (request.context or {}).get("requestId")
        if rid:
            return str(rid)
    return uuid.uuid4().hex


def parse_json_body(ctx: RequestContext, model: type[BaseModel]) -> BaseModel:
    """The body as ``model``; its size was already checked against the route's limit."""
    raw = ctx.raw_body()
    try:
        data = json.loads(raw) if raw.strip() else {}
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest("The request body is not valid JSON.", code="malformed_json") from exc
    except RecursionError:
        raise BadRequest("The request body is nested too deeply.", code="malformed_json") from None
    if not isinstance(data, dict):
        raise ValidationFailed(
            "The request body must be a JSON object.",
            details=[{"field": "body", "message": "Expected a JSON object."}],
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc) from None


def parse_query(ctx: RequestContext, model: type[BaseModel]) -> BaseModel:
    params = dict(ctx.request.query_params or {})
    try:
        return model.model_validate(params)
    except ValidationError as exc:
        details = validation_details(exc)
        raise BadRequest(
            "The query string is invalid: " + "; ".join(f"{d['field']}: {d['message']}" for d in details),
            code="invalid_query",
            details=details,
        ) from exc


def _model_version(result: Any) -> str | None:
    """The model version a JSON result names at its top level (predictions, segments)."""
    if isinstance(result, BaseModel):
        result = getattr(result, "model_version", None)
    elif isinstance(result, dict):
        result = result.get("model_version")
    return result if isinstance(result, str) else None


@dataclass(frozen=True)
class Reply:
    """A result sent with another success status the route declares in ``also``."""

    body: Any
    status: int


class InvalidResponse(Exception):
    """A handler's result does not match its route's response model: a bug, answered as a 500."""


def serialise(result: Any, model: type[BaseModel] | None) -> Any:
    """The JSON body of ``result`` through the route's response model.

    A service builds the model itself (validated where it is made) or returns a mapping, which is
    validated here. Either goes out with the fields it was given, nested models included: an
    optional field left out stays out, one set to None is null. A field the model does not
    declare is refused (the Out models forbid extras): what the document says is what goes out.
    """
    if model is None:
        return result.model_dump(mode="json", by_alias=True) if isinstance(result, BaseModel) else result
    if not isinstance(result, model):
        try:
            result = model.model_validate(result)
        except ValidationError as exc:
            raise InvalidResponse(f"{model.__name__}: {exc}") from None
    return result.model_dump(mode="json", by_alias=True, exclude_unset=True)


def to_response(result: Any, status: int, model: type[BaseModel] | None = None) -> Response:
    if isinstance(result, Response):
        return result
    if isinstance(result, Reply):
        result, status = result.body, result.status
    if status == 204:
        return Response(body="", status_code=204)
    return Response(body=serialise(result, model), status_code=status, headers={"Content-Type": JSON})


class Router:
    """Declares routes on a Chalice blueprint (see module docstring)."""

    def __init__(self, blueprint: Blueprint, tag: str) -> None:
        self.blueprint = blueprint
        self.tag = tag

    def authenticate(self, ctx: RequestContext, role: Role) -> None:
        app = self.blueprint.current_app
        if not isinstance(app, Api):  # registered on an app without a token check: refuse
            raise Unauthorized()
        app.authenticator(ctx, role)

    def route(
        self,
        path: str,
        method: str,
        *,
        summary: str,
        role: Role | None = Role.USER,
        body: type[BaseModel] | None = None,
        query: type[BaseModel] | None = None,
        response: type[BaseModel] | None = None,
        status: int = 200,
        errors: tuple[int, ...] = (),
        content_types: tuple[str, ...] = (JSON,),
        response_types: tuple[str, ...] = (JSON,),
        max_body: int = DEFAULT_MAX_BODY,
        parse_body: bool = True,
        description: str = "",
        also: tuple[int, ...] = (),
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorator(handler: Callable[..., Any]) -> Callable[..., Any]:
            spec = RouteSpec(
                path=path,
                method=method,
                summary=summary,
                tag=self.tag,
                role=role,
                body=body,
                query=query,
                response=response,
                status=status,
                errors=errors,
                content_types=content_types,
                response_types=response_types,
                description=description or (handler.__doc__ or "").strip(),
                also=also,
            )
            REGISTRY.append(spec)

            @functools.wraps(handler)
            def view(**path_params: str) -> Response:
                request = self.blueprint.current_request
                ctx = RequestContext(request=request, request_id=request_id_for(request))
                try:
                    if role is not None:
                        self.authenticate(ctx, role)
                    kwargs: dict[str, Any] = dict(path_params)
                    if len(ctx.raw_body()) > max_body:
                        raise PayloadTooLarge(f"The request body is larger than {max_body} bytes.")
                    if body is not None and parse_body:
                        kwargs["body"] = parse_json_body(ctx, body)
                    if query is not None:
                        kwargs["query"] = parse_query(ctx, query)
                    try:
                        result = handler(ctx, **kwargs)
                    except ValidationError as exc:
                        # The request was parsed above (or by parse_json_body, which answers 422
                        # itself): a model the service built from its own data is a bug, a 500.
                        raise InvalidResponse(f"{exc.title}: {exc}") from None
                    version = _model_version(result)
                    if version is not None:
                        ctx.log_model_version(version)
                    return to_response(result, status, response)
                except Exception as exc:
                    return response_for_exception(exc, ctx.request_id)

            self.blueprint.route(path, methods=[method], content_types=list(content_types))(view)
            return handler

        return decorator
