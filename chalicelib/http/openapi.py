"""GET /openapi.json, generated from the route declarations and their pydantic schemas."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from chalicelib.http.routing import CSV, REGISTRY, RouteSpec
from chalicelib.roles import Role
from chalicelib.schemas.common import Error

_ERROR_TEXT = {
    400: "Malformed JSON, query or cursor",
    401: "Missing, invalid, expired or revoked token",
    403: "Role too low",
    404: "Not found (including another user's object)",
    405: "Method not allowed",
    409: "Conflict",
    413: "Too large",
    415: "Unsupported media type",
    422: "Validation failed (unknown fields too)",
    429: "Throttled; see Retry-After",
    503: "A dependency is down; see Retry-After",
}


REF_TEMPLATE = "#/components/schemas/{model}"


def _error_codes(spec: RouteSpec) -> list[int]:
    codes = set(spec.errors) | {503}
    if spec.role is not None:
        codes.add(401)
        if spec.role != Role.USER:
            codes.add(403)
    if spec.body is not None or CSV in spec.content_types:
        codes |= {400, 413, 415, 422}
    if spec.query is not None:
        codes.add(400)
    if "{" in spec.path:
        codes.add(404)
    return sorted(codes)


def _operation_id(spec: RouteSpec) -> str:
    words = re.sub(r"[{}]", "", spec.path).strip("/").replace("/", "_").replace("-", "_")
    return f"{spec.method.lower()}_{words or 'root'}"


def build_document(version: str) -> dict[str, Any]:
    models: set[type[BaseModel]] = {Error}
    for spec in REGISTRY:
        # Query models too: their nested definitions (enums such as Role) must land in components.
        models |= {m for m in (spec.body, spec.response, spec.query) if m is not None}
    ordered = sorted(models, key=lambda m: m.__name__)
    keyed, definitions = models_json_schema([(m, "validation") for m in ordered], ref_template=REF_TEMPLATE)
    refs = {model: schema for (model, _), schema in keyed.items()}
    paths: dict[str, dict[str, Any]] = {}
    for spec in REGISTRY:
        op: dict[str, Any] = {
            "operationId": _operation_id(spec),
            "summary": spec.summary,
            "tags": [spec.tag],
            "x-required-role": spec.role.value if spec.role else "public",
            "responses": {},
        }
        if spec.description:
            op["description"] = spec.description
        if spec.role is not None:
            op["security"] = [{"bearerAuth": []}]
        params = [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            for name in re.findall(r"{(\w+)}", spec.path)
        ]
        if spec.query is not None:
            properties = spec.query.model_json_schema(ref_template=REF_TEMPLATE)["properties"]
            for name, field in spec.query.model_fields.items():
                wire_name = field.alias or name  # e.g. history's `from` (`from_` in Python)
                schema = properties.get(wire_name, {})
                params.append(
                    {"name": wire_name, "in": "query", "required": field.is_required(), "schema": schema}
                )
        if params:
            op["parameters"] = params
        if spec.body is not None:
            content: dict[str, Any] = {"application/json": {"schema": refs[spec.body]}}
            if CSV in spec.content_types:
                content[CSV] = {"schema": {"type": "string"}}
            # A body whose fields all have defaults may be left out (e.g. POST /train).
            required = any(f.is_required() for f in spec.body.model_fields.values())
            op["requestBody"] = {"required": required, "content": content}
        elif CSV in spec.content_types:
            op["requestBody"] = {"required": True, "content": {CSV: {"schema": {"type": "string"}}}}
        success: dict[str, Any] = {"description": "Success"}
        if spec.status != 204:
            body_schema = refs[spec.response] if spec.response else {"type": "object"}
            success["content"] = {
                t: {"schema": body_schema if t != CSV else {"type": "string"}} for t in spec.response_types
            }
        op["responses"][str(spec.status)] = success
        for code in spec.also:
            op["responses"][str(code)] = success
        for code in _error_codes(spec):
            op["responses"][str(code)] = {
                "description": _ERROR_TEXT.get(code, "Error"),
                "content": {"application/json": {"schema": refs[Error]}},
            }
        paths.setdefault(spec.path, {})[spec.method.lower()] = op
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Customer Segmentation API",
            "version": version,
            "description": "Segments customers with K-Means. Roles: user < analyst < admin.",
        },
        "paths": paths,
        "components": {
            "schemas": definitions.get("$defs", {}),
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        },
    }
