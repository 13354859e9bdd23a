"""The HTTP contract shared by every route: security headers, the error body, CORS, the OpenAPI
document, and failures (a crash, a DynamoDB outage) that never leak internals.

Not covered here: an unknown path. chalice.test.Client answers it the way API Gateway does, with
its own 403 {"message": "Missing Authentication Token"} that never reaches the app or its
middleware; in AWS that answer is shaped by the gateway's responses, not by this code.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from botocore.client import BaseClient
from botocore.exceptions import ClientError, EndpointConnectionError

from tests.support.api import STRONG_PASSWORD, ApiClient, Reply, assert_error, seed_account

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "frame-ancestors 'none'",
}
ALLOWED_ORIGIN = "http://127.0.0.1:5173"  # CORS_ORIGINS in tests/conftest.py


def header(reply: Reply, name: str) -> str | None:
    return next((v for k, v in reply.headers.items() if k.lower() == name.lower()), None)


def missing_security_headers(reply: Reply) -> list[str]:
    missing = [name for name, value in SECURITY_HEADERS.items() if header(reply, name) != value]
    hsts = header(reply, "Strict-Transport-Security") or ""
    match = re.search(r"max-age=(\d+)", hsts)
    if not match or int(match.group(1)) < 15552000:  # at least 180 days
        missing.append("Strict-Transport-Security")
    return missing


def assert_contract_error(reply: Reply, status: int, code: str | None = None) -> dict[str, Any]:
    body = assert_error(reply, status, code)
    assert header(reply, "Content-Type") == "application/json"
    assert header(reply, "X-Request-Id") == body["request_id"]
    assert missing_security_headers(reply) == []
    text = reply.body.decode()
    assert "Traceback" not in text and 'File "' not in text
    return body


def one_of_each(client: ApiClient, monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[int, Reply]]:
    """One response of every status the API gives, keyed by a description: (status, reply)."""
    from chalicelib.services import services

    user = seed_account("user")
    admin = seed_account("admin")
    name = f"h_{uuid.uuid4().hex[:8]}"
    registration = {"username": name, "email": f"{name}@example.com", "password": STRONG_PASSWORD}
    logout_token = services().auth.tokens.issue(user.id, 0).token
    monkeypatch.setattr(services().auth.throttler, "_max_failures", 1)
    locked = {"username": user.username, "password": "a wrong password here"}
    client.post("/auth/login", locked)

    return {
        "200 GET /": (200, client.get("/")),
        "200 GET /openapi.json": (200, client.get("/openapi.json")),
        "200 GET /health": (200, client.get("/health")),
        "200 GET /auth/me": (200, client.get("/auth/me", token=user.token)),
        "201 register": (201, client.post("/auth/register", registration)),
        "204 logout": (204, client.post("/auth/logout", token=logout_token)),
        "204 preflight": (
            204,
            client.request(
                "OPTIONS",
                "/auth/login",
                headers={"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "POST"},
            ),
        ),
        "400 malformed JSON": (400, client.request("POST", "/auth/login", raw='{"username": ')),
        "400 bad query": (400, client.get("/admin/users?limit=0", token=admin.token)),
        "400 bad cursor": (400, client.get("/admin/users?cursor=bogus", token=admin.token)),
        "401 no token": (401, client.get("/auth/me")),
        "401 bad token": (401, client.get("/auth/me", token="not.a.token")),
        "401 bad login": (401, client.post("/auth/login", {"username": "nobody", "password": "x" * 20})),
        "403 role too low": (403, client.get("/admin/users", token=user.token)),
        "403 self action": (403, client.delete(f"/admin/users/{admin.id}", token=admin.token)),
        "404 unknown user": (404, client.get(f"/admin/users/{uuid.uuid4().hex}", token=admin.token)),
        "405 wrong method": (405, client.request("DELETE", "/")),
        "405 wrong method, protected path": (405, client.request("PATCH", "/auth/me", token=user.token)),
        "409 duplicate": (409, client.post("/auth/register", registration)),
        "409 last admin": (409, client.delete("/users/me", {"password": STRONG_PASSWORD}, token=admin.token)),
        "413 too large": (
            413,
            client.post("/auth/register", {**registration, "full_name": "x" * (300 * 1024)}),
        ),
        "415 wrong content type": (
            415,
            client.request("POST", "/auth/login", raw="username=a", headers={"Content-Type": "text/plain"}),
        ),
        "422 validation": (422, client.post("/auth/register", {"username": "a"})),
        "422 unknown field": (422, client.post("/auth/register", {**registration, "role": "admin"})),
        "422 not an object": (422, client.request("POST", "/auth/login", raw="[1, 2]")),
        "429 locked out": (429, client.post("/auth/login", locked)),
    }


def test_every_response_carries_the_security_headers(client, monkeypatch):
    replies = one_of_each(client, monkeypatch)
    wrong = {
        case: (reply.status, reply.body[:200])
        for case, (want, reply) in replies.items()
        if reply.status != want
    }
    assert wrong == {}, "the set-up did not produce the statuses it meant to"
    missing = {case: missing_security_headers(reply) for case, (_, reply) in replies.items()}
    assert {case: m for case, m in missing.items() if m} == {}


def test_every_error_has_the_contract_body_and_its_request_id(client, monkeypatch):
    replies = one_of_each(client, monkeypatch)
    request_ids = set()
    for case, (status, reply) in replies.items():
        if status >= 400:
            body = assert_contract_error(reply, status)
            assert set(body) <= {"code", "message", "details", "request_id"}, case
            request_ids.add(body["request_id"])
            if status in (429, 503):
                assert int(header(reply, "Retry-After") or 0) >= 1, case
    assert len(request_ids) == sum(1 for status, _ in replies.values() if status >= 400), "request ids repeat"


def test_validation_errors_name_each_field(client):
    reply = client.post("/auth/register", {"username": "a", "email": "nope", "password": "p", "extra": 1})
    body = assert_contract_error(reply, 422)
    fields = {d["field"]: d["message"] for d in body["details"]}
    assert {"username", "email", "extra"} <= set(fields)
    assert all(isinstance(m, str) and m for m in fields.values())


# ---- CORS ----------------------------------------------------------------------------------------


def test_cors_echoes_an_allowed_origin_on_success_errors_and_preflight(client):
    replies = [
        client.get("/", headers={"Origin": ALLOWED_ORIGIN}),
        client.get("/auth/me", headers={"Origin": ALLOWED_ORIGIN}),
        client.request(
            "OPTIONS",
            "/auth/me",
            headers={
                "Origin": ALLOWED_ORIGIN,
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "authorization",
            },
        ),
    ]
    for reply in replies:
        assert header(reply, "Access-Control-Allow-Origin") == ALLOWED_ORIGIN, reply.headers
        assert "origin" in (header(reply, "Vary") or "").lower()
    preflight = replies[-1]
    assert "GET" in header(preflight, "Access-Control-Allow-Methods")
    assert "authorization" in header(preflight, "Access-Control-Allow-Headers").lower()


OTHER_ORIGINS = [
    "https://evil.example",
    "null",
    "*",
    ALLOWED_ORIGIN + ".evil.example",
    ALLOWED_ORIGIN + "/",
    "http://127.0.0.1:5174",
    "https://127.0.0.1:5173",
]


def test_cors_gives_any_other_origin_no_allow_origin(client):
    for origin in OTHER_ORIGINS:
        replies = [
            client.get("/", headers={"Origin": origin}),
            client.get("/auth/me", headers={"Origin": origin}),
            client.request(
                "OPTIONS", "/auth/me", headers={"Origin": origin, "Access-Control-Request-Method": "GET"}
            ),
        ]
        for reply in replies:
            assert header(reply, "Access-Control-Allow-Origin") is None, (origin, reply.headers)
            assert header(reply, "Access-Control-Allow-Headers") is None, origin
            assert header(reply, "Access-Control-Allow-Credentials") in (None, "false"), origin


# ---- OpenAPI -------------------------------------------------------------------------------------


@pytest.fixture()
def document(client) -> dict[str, Any]:
    reply = client.get("/openapi.json")
    assert reply.status == 200
    assert header(reply, "Content-Type") == "application/json"
    return reply.json


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def test_openapi_document_is_openapi_3_1(document):
    assert document["openapi"].startswith("3.1.")
    assert document["info"]["title"] and document["info"]["version"]
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    for ref in _refs(document):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in document["components"]["schemas"], ref
    error = document["components"]["schemas"]["Error"]
    assert {"code", "message", "request_id"} <= set(error["required"])


def test_openapi_document_passes_the_openapi_spec_validator(document):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(document)


def test_openapi_lists_every_route_with_its_role_and_errors(document, app):
    from chalicelib.http.routing import REGISTRY

    problems = []
    operation_ids = []
    for spec in REGISTRY:
        op = document["paths"].get(spec.path, {}).get(spec.method.lower())
        if op is None:
            problems.append((spec.method, spec.path, "missing"))
            continue
        operation_ids.append(op["operationId"])
        role = spec.role.value if spec.role else "public"
        if op.get("x-required-role") != role:
            problems.append((spec.method, spec.path, "x-required-role", op.get("x-required-role"), role))
        responses = set(op["responses"])
        if str(spec.status) not in responses:
            problems.append((spec.method, spec.path, "success status", spec.status))
        if spec.role is not None:
            if "401" not in responses or op.get("security") != [{"bearerAuth": []}]:
                problems.append((spec.method, spec.path, "401/security"))
            if spec.role.value != "user" and "403" not in responses:
                problems.append((spec.method, spec.path, "403"))
        elif "401" in responses and spec.path != "/auth/login":
            problems.append((spec.method, spec.path, "public route documents 401"))
        if spec.body is not None and not {"400", "422"} <= responses:
            problems.append((spec.method, spec.path, "400/422 for a body"))
        declared = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
        if declared != set(re.findall(r"{(\w+)}", spec.path)):
            problems.append((spec.method, spec.path, "path parameters", declared))
        for code, response in op["responses"].items():
            if code.startswith(("4", "5")):
                schema = response["content"]["application/json"]["schema"]
                if schema != {"$ref": "#/components/schemas/Error"}:
                    problems.append((spec.method, spec.path, code, "error schema"))
    assert problems == []
    assert len(operation_ids) == len(set(operation_ids)), "operationIds repeat"
    documented = {(m.upper(), p) for p, ops in document["paths"].items() for m in ops}
    assert documented == {(s.method, s.path) for s in REGISTRY}


def test_openapi_request_schemas_refuse_unknown_fields(document):
    """The document says what the handlers do: bodies are closed (unknown fields -> 422)."""
    schemas = document["components"]["schemas"]
    for name in ("RegisterBody", "UpdateMeBody", "ChangePasswordBody", "DeleteMeBody", "RoleBody"):
        assert schemas[name].get("additionalProperties") is False, name
    register = schemas["RegisterBody"]
    assert set(register["required"]) == {"email", "username", "password"}
    assert set(register["properties"]) == {"email", "username", "password", "full_name"}


# ---- failures never leak -------------------------------------------------------------------------


CRASH_REGISTRATION = {"username": "crash_me", "email": "crash@example.com", "password": STRONG_PASSWORD}


def _boom(*_args: Any, **_kwargs: Any) -> Any:
    raise RuntimeError("secret internal detail at /srv/app/chalicelib/x.py line 12")


@pytest.mark.parametrize(
    ("target", "request_"),
    [
        ("auth.register", lambda c, t: c.post("/auth/register", CRASH_REGISTRATION)),
        ("auth.authenticate", lambda c, t: c.get("/auth/me", token=t)),
        ("accounts.list_users", lambda c, t: c.get("/admin/users", token=t)),
    ],
    ids=["in a public handler", "in the token check", "in an admin handler"],
)
def test_a_crash_is_a_500_with_the_contract_body_and_no_traceback(client, monkeypatch, target, request_):
    from chalicelib.services import services

    admin = seed_account("admin")
    owner, name = target.split(".")
    monkeypatch.setattr(getattr(services(), owner), name, _boom)
    reply = request_(client, admin.token)
    body = assert_contract_error(reply, 500, "internal_error")
    assert "secret internal detail" not in reply.body.decode()
    assert "RuntimeError" not in reply.body.decode() and "chalicelib" not in reply.body.decode()
    assert set(body) == {"code", "message", "request_id"}


def test_the_app_never_runs_in_debug_mode(app):
    assert app.debug is False


def _dynamodb_fails_with(monkeypatch: pytest.MonkeyPatch, make_error: Callable[[str], Exception]) -> None:
    original = BaseClient._make_api_call

    def failing(self: BaseClient, operation_name: str, params: dict[str, Any]) -> Any:
        if self.meta.service_model.service_name == "dynamodb":
            raise make_error(operation_name)
        return original(self, operation_name, params)

    monkeypatch.setattr(BaseClient, "_make_api_call", failing)


def _endpoint_down(operation: str) -> Exception:
    return EndpointConnectionError(endpoint_url="https://dynamodb.us-east-1.amazonaws.com")


def _throttled(operation: str) -> Exception:
    error = {"Code": "ProvisionedThroughputExceededException", "Message": "slow down"}
    return ClientError({"Error": error, "ResponseMetadata": {"HTTPStatusCode": 400}}, operation)


@pytest.mark.parametrize("failure", [_endpoint_down, _throttled], ids=["endpoint down", "throttled"])
def test_a_dynamodb_outage_is_a_503_with_retry_after(client, monkeypatch, failure):
    user = seed_account("user")
    admin = seed_account("admin")
    _dynamodb_fails_with(monkeypatch, failure)
    replies = {
        "login (read)": client.post("/auth/login", {"username": user.username, "password": STRONG_PASSWORD}),
        "register (transaction)": client.post(
            "/auth/register",
            {"username": "outage", "email": "outage@example.com", "password": STRONG_PASSWORD},
        ),
        "token check": client.get("/auth/me", token=user.token),
        "admin list (scan)": client.get("/admin/users", token=admin.token),
    }
    for case, reply in replies.items():
        body = assert_contract_error(reply, 503)
        assert body["code"] == "service_unavailable", case
        assert int(header(reply, "Retry-After")) >= 1, case
        assert "dynamodb.us-east-1" not in reply.body.decode() and "slow down" not in reply.body.decode()


def test_health_reports_a_dynamodb_outage_without_failing(client, monkeypatch):
    _dynamodb_fails_with(monkeypatch, _endpoint_down)
    reply = client.get("/health")
    assert reply.status in (200, 503), reply.json
    assert missing_security_headers(reply) == []
    assert reply.json["dynamodb"]["status"] == "down"
    assert reply.json["status"] != "healthy"
