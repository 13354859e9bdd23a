"""Accounts: registration rules, sign-in, enumeration, lockout, and self-service account changes."""

from __future__ import annotations

import types
import uuid
from typing import Any

import pytest

from tests.support.api import (
    STRONG_PASSWORD,
    ApiClient,
    Reply,
    assert_error,
    guard_keys,
    seed_account,
    user_record,
)

USER_FIELDS = {"id", "email", "username", "full_name", "role", "is_active", "created_at", "updated_at"}


def register(client: ApiClient, **fields: Any) -> Reply:
    name = f"n_{uuid.uuid4().hex[:8]}"
    body = {"username": name, "email": f"{name}@example.com", "password": STRONG_PASSWORD, **fields}
    return client.post("/auth/register", {k: v for k, v in body.items() if v is not None})


def login(client: ApiClient, username: str, password: str = STRONG_PASSWORD) -> Reply:
    return client.post("/auth/login", {"username": username, "password": password})


def detail_fields(reply: Reply) -> set[str]:
    return {d["field"] for d in assert_error(reply, 422).get("details", [])}


# ---- registration ------------------------------------------------------------------------------


def test_register_returns_the_user_without_any_secret(client):
    reply = register(client, username="Grace.Hopper-1", email="grace@example.com", full_name="Grace")
    assert reply.status == 201, reply.json
    assert set(reply.json) == USER_FIELDS
    assert reply.json["role"] == "user" and reply.json["is_active"] is True
    assert reply.json["username"] == "Grace.Hopper-1"
    assert reply.json["created_at"].endswith("Z")
    assert "argon2" not in reply.body.decode() and STRONG_PASSWORD not in reply.body.decode()


def test_register_accepts_usernames_of_3_to_32_allowed_characters(client):
    for username in ["abc", "a" * 32, "a.b-c_d", "ABC123", "x_y", "9.9"]:
        reply = register(client, username=username, email=f"{uuid.uuid4().hex[:8]}@example.com")
        assert reply.status == 201, (username, reply.json)


def test_register_refuses_bad_usernames_naming_the_field(client):
    bad = ["ab", "a" * 33, "has space", "slash/name", "semi;colon", "émile", "a@b", "", "名前です"]
    wrong = []
    for username in bad:
        reply = register(client, username=username)
        if reply.status != 422 or "username" not in detail_fields(reply):
            wrong.append((username, reply.status, reply.json))
    assert wrong == []


def test_register_refuses_bad_emails_naming_the_field(client):
    wrong = []
    for email in ["not-an-email", "a@", "@example.com", "a b@example.com", "x" * 250 + "@example.com"]:
        reply = register(client, email=email)
        if reply.status != 422 or "email" not in detail_fields(reply):
            wrong.append((email, reply.status, reply.json))
    assert wrong == []


def test_register_accepts_passwords_of_15_and_128_characters(client):
    for password in ("kq7!vz ploum 3x", "kq7!vz ploum 3x" + "Z" * 113):
        reply = register(client, password=password)
        assert reply.status == 201, (len(password), reply.json)


def test_register_refuses_short_long_and_common_passwords_saying_why(client):
    cases = [
        ("kq7!vz ploum 3", "at least 15"),
        ("kq7!vz ploum 3x" + "Z" * 114, "at most 128"),
        ("passwordpassword", "common"),
        ("123456789987654321", "common"),
        ("iloveyouiloveyou", "common"),
    ]
    for password, why in cases:
        body = assert_error(register(client, password=password), 422)
        details = [d for d in body.get("details", []) if d["field"] == "password"]
        assert any(why in d["message"].lower() for d in details), (password, body)
        assert why in body["message"].lower(), (password, body)


def test_register_refuses_a_password_containing_the_username(client):
    reply = register(
        client, username="zebrafish", email="zf@example.com", password="my ZebraFish is 42 years"
    )
    body = assert_error(reply, 422)
    assert any(d["field"] == "password" and "username" in d["message"] for d in body["details"]), body


def test_register_refuses_a_password_containing_the_email_name(client):
    reply = register(client, username="zf9", email="marmalade@example.com", password="toast with marmalade 7")
    body = assert_error(reply, 422)
    assert any(d["field"] == "password" and "email" in d["message"] for d in body["details"]), body


def test_register_refuses_missing_fields_naming_each(client):
    reply = client.post("/auth/register", {})
    assert {"username", "email", "password"} <= detail_fields(reply)


def test_register_refuses_a_body_that_is_not_an_object(client):
    for raw in ('["a"]', '"text"', "42", "null"):
        reply = client.request("POST", "/auth/register", raw=raw)
        assert reply.status in (400, 422), (raw, reply.status)
        assert_error(reply, reply.status)


MASS_ASSIGNMENT = [("role", "admin"), ("is_active", False), ("id", "chosen-id"), ("password_hash", "x")]


def test_register_with_mass_assignment_fields_is_refused(client):
    for field, value in MASS_ASSIGNMENT:
        name = f"m_{uuid.uuid4().hex[:8]}"
        reply = register(client, username=name, **{field: value})
        assert field in detail_fields(reply), (field, reply.json)
        assert f"username#{name}" not in guard_keys()  # nothing was created


def test_duplicate_username_or_email_is_a_409_whatever_the_case(client):
    assert register(client, username="MixedCase", email="mixed@example.com").status == 201
    for second, code in [
        ({"username": "MixedCase"}, "username_taken"),
        ({"username": "mixedcase"}, "username_taken"),
        ({"username": "MIXEDCASE"}, "username_taken"),
        ({"email": "Mixed@Example.com"}, "email_taken"),
        ({"email": "MIXED@EXAMPLE.COM"}, "email_taken"),
    ]:
        assert_error(register(client, **second), 409, code)
    assert len([k for k in guard_keys() if k.startswith("username#")]) == 1


# ---- login -------------------------------------------------------------------------------------


def test_login_by_username_or_email_in_any_case(client, accounts):
    account = accounts.register("Casey.Jones")
    for identifier in ("Casey.Jones", "casey.jones", "casey.jones@example.com", "CASEY.JONES@EXAMPLE.COM"):
        reply = login(client, identifier)
        assert reply.status == 200, (identifier, reply.json)
        assert reply.json["token_type"] == "bearer"
        assert reply.json["expires_in"] == 1800
        assert reply.json["user"]["id"] == account.id
        assert set(reply.json["user"]) == USER_FIELDS
    assert client.get("/auth/me", token=reply.json["access_token"]).json["id"] == account.id


def test_login_is_refused_with_a_wrong_password_of_any_case_or_spacing(client, accounts):
    account = accounts.register()
    for password in (STRONG_PASSWORD.upper(), STRONG_PASSWORD + " ", " " + STRONG_PASSWORD):
        assert_error(login(client, account.username, password), 401, "invalid_credentials")


def _without_request_id(reply: Reply) -> tuple[int, dict[str, Any], dict[str, str]]:
    body = dict(reply.json)
    body.pop("request_id")
    headers = {k: v for k, v in reply.headers.items() if k.lower() != "x-request-id"}
    return reply.status, body, headers


def test_unknown_user_wrong_password_and_inactive_account_look_identical(client, accounts, monkeypatch):
    from chalicelib.services import services

    admin = seed_account("admin")
    victim = accounts.register("victim")
    inactive = accounts.register("sleeper")
    assert client.put(f"/admin/users/{inactive.id}/toggle-active", token=admin.token).status == 200

    # Count the argon2 verifications each attempt costs: equal work is what keeps the timing equal.
    context = services().auth.hasher._context
    calls: list[str] = []
    for name in ("verify", "verify_and_update"):
        original = getattr(context, name)
        monkeypatch.setattr(
            context, name, lambda *a, _f=original, _n=name, **k: calls.append(_n) or _f(*a, **k)
        )

    replies = {}
    work = {}
    for label, identifier, password in [
        ("unknown user", "nobody_here", STRONG_PASSWORD),
        ("unknown email", "nobody@example.com", STRONG_PASSWORD),
        ("wrong password", victim.username, "wrong password for victim"),
        ("inactive, right password", inactive.username, inactive.password),
    ]:
        calls.clear()
        replies[label] = login(client, identifier, password)
        work[label] = len(calls)
    shapes = {label: _without_request_id(r) for label, r in replies.items()}
    first = shapes["unknown user"]
    assert first[0] == 401 and first[1]["code"] == "invalid_credentials", first
    assert all(shape == first for shape in shapes.values()), shapes
    assert set(work.values()) == {1}, work


# ---- lockout -----------------------------------------------------------------------------------


@pytest.fixture()
def clock(monkeypatch):
    """The throttler's clock, moved by hand (lockouts then take no real time)."""
    import time as real_time

    from chalicelib.auth import throttle

    now = [real_time.time()]
    monkeypatch.setattr(throttle, "time", types.SimpleNamespace(time=lambda: now[0]))
    return now


def fail(client: ApiClient, username: str, times: int) -> list[int]:
    return [login(client, username, "definitely not the password").status for _ in range(times)]


def test_login_locked_after_five_failures_even_with_the_right_password(client, accounts, clock):
    account = accounts.register()
    assert fail(client, account.username, 4) == [401] * 4
    assert login(client, account.username).status == 200  # a success resets the count
    assert fail(client, account.username, 5) == [401] * 5
    reply = login(client, account.username)  # right password, still locked
    body = assert_error(reply, 429)
    assert body["code"] == "too_many_attempts"
    assert 1 <= int(reply.headers["Retry-After"]) <= 30
    assert "access_token" not in reply.body.decode()


def test_lockout_counts_failures_by_username_and_email_together(client, accounts, clock):
    account = accounts.register()
    fail(client, account.username, 3)
    fail(client, account.email.upper(), 2)
    assert_error(login(client, account.username), 429)


def test_lockout_expires_and_the_next_lockout_is_longer(client, accounts, clock):
    account = accounts.register()
    fail(client, account.username, 5)
    first = int(login(client, account.username).headers["Retry-After"])

    clock[0] += first + 1  # the first lockout has passed
    assert fail(client, account.username, 5) == [401] * 5
    second_reply = login(client, account.username)
    assert_error(second_reply, 429)
    second = int(second_reply.headers["Retry-After"])
    assert second > first

    clock[0] += second + 1
    assert login(client, account.username).status == 200


def test_lockout_really_waits_for_retry_after(client, accounts, monkeypatch):
    """With the real clock: a one-second base lockout, then sign-in works again."""
    import time

    from chalicelib.services import services

    monkeypatch.setattr(services().auth.throttler, "_base", 1)
    account = accounts.register()
    fail(client, account.username, 5)
    reply = login(client, account.username)
    assert_error(reply, 429)
    assert reply.headers["Retry-After"] == "1"
    time.sleep(1.1)
    assert login(client, account.username).status == 200


def test_unknown_accounts_are_locked_out_like_real_ones(client, clock):
    assert fail(client, "ghost_user", 5) == [401] * 5
    reply = login(client, "ghost_user")
    assert_error(reply, 429)
    assert "Retry-After" in reply.headers


# ---- own profile -------------------------------------------------------------------------------


def test_profile_shows_the_user_with_its_totals(client, accounts):
    account = accounts.register()
    reply = client.get("/users/me/profile", token=account.token)
    assert reply.status == 200
    assert set(reply.json) == USER_FIELDS | {"total_predictions", "total_saved_profiles"}
    assert reply.json["total_predictions"] == 0 and reply.json["total_saved_profiles"] == 0

    record = user_record(account.id)
    record.update(actions=[type(record).total_predictions.set(7), type(record).total_saved_profiles.set(2)])
    reply = client.get("/users/me/profile", token=account.token)
    assert (reply.json["total_predictions"], reply.json["total_saved_profiles"]) == (7, 2)


# ---- PUT /users/me -----------------------------------------------------------------------------


def test_update_me_changes_identity_and_frees_the_old_username_and_email(client, accounts):
    account = accounts.register("oldname")
    reply = client.put(
        "/users/me",
        {"username": "newname", "email": "new@example.com", "full_name": "New Name"},
        token=account.token,
    )
    assert reply.status == 200, reply.json
    assert (reply.json["username"], reply.json["email"], reply.json["full_name"]) == (
        "newname",
        "new@example.com",
        "New Name",
    )
    assert reply.json["updated_at"] >= reply.json["created_at"]
    assert login(client, "newname").status == 200
    assert login(client, "new@example.com").status == 200
    assert_error(login(client, "oldname"), 401, "invalid_credentials")
    assert register(client, username="oldname", email="oldname@example.com").status == 201
    keys = guard_keys()
    assert {"username#newname", "email#new@example.com", "username#oldname"} <= keys


def test_update_me_keeps_fields_that_are_not_sent(client, accounts):
    account = accounts.register()
    client.put("/users/me", {"full_name": "Ada"}, token=account.token)
    reply = client.put("/users/me", {"username": account.username + "x"}, token=account.token)
    assert reply.json["full_name"] == "Ada" and reply.json["email"] == account.email


def test_update_me_may_change_only_the_case_of_its_own_username(client, accounts):
    account = accounts.register("lowercase")
    reply = client.put("/users/me", {"username": "LowerCase"}, token=account.token)
    assert reply.status == 200, reply.json
    assert reply.json["username"] == "LowerCase"
    assert login(client, "lowercase").status == 200


def test_update_me_to_a_taken_username_or_email_is_a_409_and_changes_nothing(client, accounts):
    accounts.register("taken_name")
    account = accounts.register("mover")
    assert_error(
        client.put("/users/me", {"username": "TAKEN_NAME"}, token=account.token), 409, "username_taken"
    )
    assert_error(
        client.put("/users/me", {"email": "Taken_Name@example.com"}, token=account.token), 409, "email_taken"
    )
    # A half-applied change would have moved one guard: both sign-ins still work.
    reply = client.put(
        "/users/me", {"username": "fresh_name", "email": "taken_name@example.com"}, token=account.token
    )
    assert_error(reply, 409, "email_taken")
    assert login(client, "mover").status == 200
    assert "username#fresh_name" not in guard_keys()


def test_update_me_with_mass_assignment_fields_is_refused(client):
    account = seed_account("user")
    for field, value in [*MASS_ASSIGNMENT, ("password", STRONG_PASSWORD), ("token_version", 0)]:
        reply = client.put("/users/me", {"full_name": "Sneaky", field: value}, token=account.token)
        assert field in detail_fields(reply), (field, reply.json)
    me = client.get("/auth/me", token=account.token).json
    assert me["role"] == "user" and me["is_active"] is True and me["full_name"] is None


def test_update_me_validates_username_and_email(client, accounts):
    account = accounts.register()
    assert "username" in detail_fields(client.put("/users/me", {"username": "a b"}, token=account.token))
    assert "email" in detail_fields(client.put("/users/me", {"email": "nope"}, token=account.token))


# ---- PUT /users/me/password --------------------------------------------------------------------


NEW_PASSWORD = "a completely different passphrase 5"


def test_password_change_returns_a_new_token_and_kills_old_ones(client, accounts):
    account = accounts.register()
    other = accounts.login(account.username)
    reply = client.put(
        "/users/me/password",
        {"current_password": account.password, "new_password": NEW_PASSWORD},
        token=account.token,
    )
    assert reply.status == 200, reply.json
    assert set(reply.json) == {"access_token", "token_type", "expires_in", "user"}
    assert reply.json["user"]["id"] == account.id
    for old in (account.token, other):
        assert_error(client.get("/auth/me", token=old), 401)
    assert client.get("/auth/me", token=reply.json["access_token"]).status == 200
    assert_error(login(client, account.username), 401, "invalid_credentials")
    assert login(client, account.username, NEW_PASSWORD).status == 200


def test_password_change_needs_the_current_password(client, accounts):
    account = accounts.register()
    reply = client.put(
        "/users/me/password",
        {"current_password": "not my password at all", "new_password": NEW_PASSWORD},
        token=account.token,
    )
    assert_error(reply, 422)
    assert "current_password" in detail_fields(reply)
    assert client.get("/auth/me", token=account.token).status == 200, "a wrong password is no sign-out"
    assert login(client, account.username).status == 200
    assert_error(login(client, account.username, NEW_PASSWORD), 401)


def test_password_change_applies_the_password_policy(client, accounts):
    account = accounts.register("policy_user")
    for new in (
        "short one",
        "passwordpassword",
        "my policy_user pass 1",
        "1234567890123456",
        "qwertyuiopasdfgh",
    ):
        reply = client.put(
            "/users/me/password",
            {"current_password": account.password, "new_password": new},
            token=account.token,
        )
        assert "new_password" in detail_fields(reply), (new, reply.json)
    assert client.get("/auth/me", token=account.token).status == 200


# ---- DELETE /users/me --------------------------------------------------------------------------


def test_delete_me_requires_the_password(client, accounts):
    account = accounts.register()
    assert "password" in detail_fields(client.delete("/users/me", {}, token=account.token))
    reply = client.delete("/users/me", {"password": "not the password ever"}, token=account.token)
    assert_error(reply, 422)
    assert "password" in detail_fields(reply)
    assert client.get("/auth/me", token=account.token).status == 200


def test_delete_me_removes_the_user_and_its_guards_so_the_names_can_be_reused(client, accounts):
    account = accounts.register("leaver")
    before = guard_keys()
    assert {"username#leaver", "email#leaver@example.com"} <= before
    reply = client.delete("/users/me", {"password": account.password}, token=account.token)
    assert reply.status == 204 and not reply.body
    assert user_record(account.id) is None
    assert before - guard_keys() == {"username#leaver", "email#leaver@example.com"}
    assert_error(login(client, "leaver"), 401, "invalid_credentials")
    again = register(client, username="leaver", email="leaver@example.com")
    assert again.status == 201 and again.json["id"] != account.id


def test_delete_me_updates_the_user_counters(client, accounts):
    from tests.support.api import counter_value

    account = accounts.register()
    total = counter_value("users.total")
    assert client.delete("/users/me", {"password": account.password}, token=account.token).status == 204
    assert counter_value("users.total") == total - 1


def test_the_last_active_admin_cannot_delete_itself(client):
    admin = seed_account("admin")
    reply = client.delete("/users/me", {"password": admin.password}, token=admin.token)
    assert_error(reply, 409, "last_admin")
    assert client.get("/auth/me", token=admin.token).status == 200
    assert user_record(admin.id).deleting is False


def test_an_admin_that_is_not_the_last_may_delete_itself(client):
    admin = seed_account("admin")
    seed_account("admin")
    assert client.delete("/users/me", {"password": admin.password}, token=admin.token).status == 204
    assert user_record(admin.id) is None
