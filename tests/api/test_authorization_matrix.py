"""Every route x {anonymous, user, analyst, admin} against an explicit expected table.

The table below is the access policy written out by hand from docs/API.md; it is deliberately NOT
derived from `chalicelib.http.routing.REGISTRY`. `test_table_covers_exactly_the_registered_routes`
fails when a route is registered without a row here, or a row outlives its route.

ADDING A ROUTE: add one `Row(method, path template, minimum role or PUBLIC)` to `TABLE`. Give it a
`body` when the route reads one so an allowed caller gets past parsing (an allowed caller may get
any answer but 401, 403 or 5xx: a 404 for a made-up id, a 409 for "no active model", or a 422 are
fine, and a 422 is the cheap way to stop a route with side effects such as POST /train), and a
`content_type` when it is not JSON. Path parameters other than `{user_id}` get a made-up id.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.support.api import STRONG_PASSWORD, Account, ApiClient, Reply, assert_error, seed_account

PUBLIC = "public"
USER, ANALYST, ADMIN = "user", "analyst", "admin"
RANK = {USER: 0, ANALYST: 1, ADMIN: 2}
CALLERS = ("anonymous", USER, ANALYST, ADMIN)
JSON, CSV = "application/json", "text/csv"

FEATURES = {"sex": "Female", "age": 30, "annual_income": 60, "spending_score": 50, "purchase_frequency": 12}
REGISTER = object()  # a fresh registration, built per call
LOGIN = object()  # the caller's own credentials (a fresh account's for the anonymous caller)


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    minimum: str  # PUBLIC or a role name
    body: Any = field(default=None, compare=False)
    content_type: str = field(default=JSON, compare=False)


TABLE: list[Row] = [
    # health and docs
    Row("GET", "/", PUBLIC),
    Row("GET", "/health", PUBLIC),
    Row("GET", "/openapi.json", PUBLIC),
    # accounts
    Row("POST", "/auth/register", PUBLIC, body=REGISTER),
    Row("POST", "/auth/login", PUBLIC, body=LOGIN),
    Row("GET", "/auth/me", USER),
    Row("POST", "/auth/logout", USER),
    Row("GET", "/users/me/profile", USER),
    Row("PUT", "/users/me", USER, body={"full_name": "Matrix Person"}),
    Row(
        "PUT",
        "/users/me/password",
        USER,
        body={"current_password": STRONG_PASSWORD, "new_password": "a brand new passphrase 77"},
    ),
    Row("DELETE", "/users/me", USER, body={"password": STRONG_PASSWORD}),
    # account recovery
    Row("POST", "/auth/forgot-password", PUBLIC, body={"email": "nobody.here@example.com"}),
    Row(
        "POST", "/auth/password-reset", PUBLIC, body={"token": "not-a-token", "new_password": STRONG_PASSWORD}
    ),
    # user administration, and the /users aliases
    Row("GET", "/admin/users", ADMIN),
    Row("GET", "/admin/users/{user_id}", ADMIN),
    Row("PUT", "/admin/users/{user_id}/role", ADMIN, body={"role": "analyst"}),
    Row("PUT", "/admin/users/{user_id}/toggle-active", ADMIN),
    Row("DELETE", "/admin/users/{user_id}", ADMIN),
    Row("POST", "/admin/users/{user_id}/password-reset", ADMIN),
    Row("GET", "/users", ADMIN),
    Row("GET", "/users/{user_id}", ADMIN),
    Row("PUT", "/users/{user_id}/role", ADMIN, body={"role": "analyst"}),
    Row("DELETE", "/users/{user_id}", ADMIN),
    # segmentation
    Row("POST", "/predict", USER, body=FEATURES),
    Row("POST", "/predict/batch", USER, body={"customers": [FEATURES]}),
    Row("GET", "/schema", USER),
    Row("GET", "/clusters", USER),
    Row("GET", "/elbow", USER),
    Row("GET", "/clusters/projection", USER),
    Row("GET", "/history", USER),
    Row("GET", "/history/export", USER),
    Row("GET", "/history/{entry_id}", USER),
    # training and models
    # datasets (users see their own) and scoring jobs (own only)
    Row("POST", "/datasets", USER, body="age,annual_income\n30,60\n", content_type=CSV),
    Row("GET", "/datasets", USER),
    Row("POST", "/datasets/uploads", USER, body={"filename": "a.csv", "size_bytes": 0}),  # 422
    Row("GET", "/datasets/{dataset_id}", USER),
    Row("POST", "/datasets/{dataset_id}/complete", USER),
    Row("POST", "/scoring-jobs", USER, body={"dataset_id": "no-such-dataset"}),
    Row("GET", "/scoring-jobs", USER),
    Row("GET", "/scoring-jobs/{job_id}", USER),
    Row("POST", "/train", ANALYST, body={"not_a_field": 1}),  # 422: never starts a job here
    Row("GET", "/train/{job_id}", ANALYST),
    Row("POST", "/train/{job_id}/cancel", ADMIN),
    Row("GET", "/models", ANALYST),
    Row("GET", "/models/{version}", ANALYST),
    Row("POST", "/models/{version}/activate", ADMIN),
    Row("PUT", "/models/{version}/clusters/{cluster_id}", ANALYST, body={"name": "Renamed"}),
    # customer profiles (own only)
    Row("POST", "/profiles", USER, body={"name": "Matrix profile", **FEATURES}),
    Row("GET", "/profiles", USER),
    Row("GET", "/profiles/{profile_id}", USER),
    Row("PUT", "/profiles/{profile_id}", USER, body={"name": "Renamed profile"}),
    Row("DELETE", "/profiles/{profile_id}", USER),
    Row("POST", "/profiles/{profile_id}/predict", USER),
    # administration
    Row("GET", "/admin/stats", ADMIN),
    Row("GET", "/admin/audit", ADMIN),
]

CASES = [(row, caller) for row in TABLE for caller in CALLERS]  # the matrix: len(TABLE) x 4


def expected(row: Row, caller: str) -> str:
    """'allowed', '401' or '403'."""
    if row.minimum == PUBLIC:
        return "allowed"
    if caller == "anonymous":
        return "401"
    return "allowed" if RANK[caller] >= RANK[row.minimum] else "403"


def test_table_has_one_row_per_route_and_known_roles():
    keys = [(r.method, r.path) for r in TABLE]
    assert len(keys) == len(set(keys)), "duplicate rows"
    assert all(r.minimum in (PUBLIC, *RANK) for r in TABLE)


def test_table_covers_exactly_the_registered_routes(app):
    from chalicelib.http.routing import REGISTRY

    registered = {(s.method, s.path) for s in REGISTRY}
    in_table = {(r.method, r.path) for r in TABLE}
    assert registered - in_table == set(), "routes without a row in the authorization table"
    assert in_table - registered == set(), "rows for routes that are not registered"


def test_registered_roles_match_the_table(app):
    from chalicelib.http.routing import REGISTRY

    declared = {(s.method, s.path): (s.role.value if s.role else PUBLIC) for s in REGISTRY}
    wrong = {
        (r.method, r.path): {"declared": declared[(r.method, r.path)], "expected": r.minimum}
        for r in TABLE
        if (r.method, r.path) in declared and declared[(r.method, r.path)] != r.minimum
    }
    assert wrong == {}


def test_every_served_route_goes_through_the_registry(app):
    """A route added with a bare @app.route would skip the role check and the OpenAPI document."""
    from chalicelib.http.routing import REGISTRY

    registered = {(s.method, s.path) for s in REGISTRY}
    served = {(m, path) for path, methods in app.routes.items() for m in methods if m != "OPTIONS"}
    assert served == registered


def _path(row: Row, victim: Account) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return victim.id if name == "user_id" else f"no-such-{name}-{uuid.uuid4().hex[:8]}"

    return re.sub(r"{(\w+)}", value, row.path)


def _body(row: Row, caller: Account | None) -> Any:
    if row.body is REGISTER:
        name = f"reg_{uuid.uuid4().hex[:8]}"
        return {"username": name, "email": f"{name}@example.com", "password": STRONG_PASSWORD}
    if row.body is LOGIN:
        account = caller or seed_account(USER)
        return {"username": account.username, "password": account.password}
    return row.body


def _call(client: ApiClient, row: Row, path: str, caller: Account | None, body: Any) -> Reply:
    token = caller.token if caller else None
    headers = {"Content-Type": row.content_type}
    if body is None or (row.content_type == JSON and not isinstance(body, str)):
        return client.request(row.method, path, json_body=body, token=token, headers=headers)
    return client.request(row.method, path, raw=body, token=token, headers=headers)


@pytest.mark.parametrize("row", TABLE, ids=lambda r: f"{r.method} {r.path}")
def test_route_answers_each_caller_as_the_table_says(client: ApiClient, row: Row):
    """One route, four callers (anonymous, user, analyst, admin), 0 mismatches.

    Callers go from least to most powerful, so destructive calls only spend the caller's own
    account or, for the admin, the victim after every other caller has been refused.
    Refused callers are also refused when the body is malformed: the role check comes first.
    """
    victim = seed_account(USER)
    path = _path(row, victim)
    accounts = {caller: seed_account(caller) for caller in CALLERS if caller != "anonymous"}
    if (row.method, row.path) == ("DELETE", "/users/me"):
        seed_account(ADMIN)  # so the admin caller is not the last admin (a 409, not the point here)
    mismatches = []
    for caller in CALLERS:
        account = accounts.get(caller)
        want = expected(row, caller)
        if want != "allowed":
            early = _call(client, row, path, account, "{not json" if row.content_type == JSON else "\xff,\n")
            if early.status != int(want):
                mismatches.append((caller, "malformed body", want, early.status, early.json))
        reply = _call(client, row, path, account, _body(row, account))
        if want == "401":
            ok = reply.status == 401 and assert_error(reply, 401)["code"] == "missing_token"
        elif want == "403":
            ok = reply.status == 403 and assert_error(reply, 403)["code"] == "insufficient_role"
        else:
            ok = reply.status not in (401, 403) and reply.status < 500
        if not ok:
            mismatches.append((caller, want, reply.status, reply.json))
    assert mismatches == []
