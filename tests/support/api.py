"""Test helpers: a JSON client over chalice.test.Client and ready-made accounts."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from typing import Any

STRONG_PASSWORD = "correct horse battery staple 42"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class ApiClient:
    def __init__(self, test_client: Any) -> None:
        self._client = test_client

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        raw: str | bytes | None = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        all_headers = {"Content-Type": "application/json"}
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        all_headers.update(headers or {})
        body = raw if raw is not None else (json.dumps(json_body) if json_body is not None else None)
        response = self._client.http.request(method, path, headers=all_headers, body=body)
        return Reply(response.status_code, dict(response.headers), response.body)

    def get(self, path: str, **kw: Any) -> Reply:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Reply:
        return self.request("POST", path, json_body=body, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> Reply:
        return self.request("PUT", path, json_body=body, **kw)

    def delete(self, path: str, body: Any = None, **kw: Any) -> Reply:
        return self.request("DELETE", path, json_body=body, **kw)


@dataclass
class Account:
    id: str
    username: str
    email: str
    password: str
    token: str
    role: str


class Accounts:
    """Registers users and signs them in; promotes through the data layer for set-up only."""

    def __init__(self, client: ApiClient) -> None:
        self.client = client

    def register(self, username: str | None = None, password: str = STRONG_PASSWORD) -> Account:
        username = username or f"user_{uuid.uuid4().hex[:8]}"
        email = f"{username}@example.com"
        reply = self.client.post(
            "/auth/register", {"username": username, "email": email, "password": password}
        )
        assert reply.status == 201, reply.json
        token = self.login(username, password)
        return Account(reply.json["id"], username, email, password, token, "user")

    def login(self, username: str, password: str = STRONG_PASSWORD) -> str:
        reply = self.client.post("/auth/login", {"username": username, "password": password})
        assert reply.status == 200, reply.json
        return str(reply.json["access_token"])

    def create(self, role: str = "user", username: str | None = None) -> Account:
        account = self.register(username)
        if role != "user":
            promote(account.id, role)
        account.role = role
        return account


def promote(user_id: str, role: str) -> None:
    from chalicelib.accounts.repository import ACTIVE_ADMINS, UserRepository
    from chalicelib.db.transactions import CounterDelta

    repo = UserRepository()
    user = repo.get(user_id)
    assert user is not None
    deltas = [CounterDelta(f"users.role.{user.role}", -1), CounterDelta(f"users.role.{role}", 1)]
    if role == "admin":
        deltas.append(CounterDelta(ACTIVE_ADMINS, 1))
    user.role = role
    repo.save_fields(user, deltas)


# ---- direct set-up and inspection (no HTTP): cheaper, for tests that need many accounts ----


_HASHES: dict[str, str] = {}


class _ReusedHash:
    """Stands in for the PasswordHasher during seeding: hash() returns a precomputed hash."""

    def __init__(self, real: Any, cached: str) -> None:
        self._real, self._cached = real, cached

    def hash(self, password: str) -> str:
        return self._cached

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def seed_account(role: str = "user", username: str | None = None, password: str = STRONG_PASSWORD) -> Account:
    """Create an active user with the given role through the service layer and issue it a token.

    Set-up only: the argon2 hash of each password is computed once per process and reused (the
    real register + login cost two argon2 runs; tests create hundreds of accounts).
    """
    from chalicelib.roles import Role
    from chalicelib.schemas.users import RegisterBody
    from chalicelib.services import services

    username = username or f"u_{uuid.uuid4().hex[:10]}"
    email = f"{username}@example.com"
    body = RegisterBody(username=username, email=email, password=password)
    auth = services().auth
    if password not in _HASHES:
        _HASHES[password] = auth.hasher.hash(password)
    real_hasher = auth.hasher
    auth.hasher = _ReusedHash(real_hasher, _HASHES[password])  # type: ignore[assignment]
    try:
        user = auth.register(**body.model_dump(), role=Role(role))
    finally:
        auth.hasher = real_hasher
    token = services().auth.tokens.issue(user.id, int(user.token_version)).token
    return Account(user.id, username, email, password, token, role)


def user_record(user_id: str) -> Any:
    from chalicelib.accounts.repository import UserRepository

    return UserRepository().get(user_id)


def counter_value(name: str) -> int:
    from chalicelib.accounts.repository import UserRepository

    return UserRepository().counters().get(name, 0)


def recount_active_admins() -> int:
    """What the users.active_admins counter should say, counted the slow way."""
    from chalicelib.db.models import UserRecord

    return sum(1 for u in UserRecord.scan() if u.role == "admin" and u.is_active and not u.deleting)


def guard_keys() -> set[str]:
    from chalicelib.db.models import UniqueGuard

    return {g.key for g in UniqueGuard.scan()}


SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def assert_error(reply: Reply, status: int, code: str | None = None) -> dict[str, Any]:
    """The contract's error shape: status, snake_case code, a message, the request id."""
    assert reply.status == status, (reply.status, reply.body[:500])
    body = reply.json
    assert isinstance(body, dict), body
    assert set(body) <= {"code", "message", "details", "request_id"}, body
    assert isinstance(body.get("code"), str) and SNAKE_CASE.match(body["code"]), body
    assert isinstance(body.get("message"), str) and body["message"].strip(), body
    assert isinstance(body.get("request_id"), str) and body["request_id"], body
    if "details" in body:
        assert isinstance(body["details"], list), body
    if code is not None:
        assert body["code"] == code, body
    return body
