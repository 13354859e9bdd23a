"""Test helpers: a JSON client over chalice.test.Client and ready-made accounts."""

from __future__ import annotations

import json
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
