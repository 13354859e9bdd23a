"""User administration: listing with filters and cursors, get/role/toggle/delete, the /users aliases,
self-protection and the last-admin rule."""

from __future__ import annotations

import base64
import json
import uuid

import pytest

from tests.support.api import (
    ApiClient,
    assert_error,
    counter_value,
    guard_keys,
    recount_active_admins,
    seed_account,
    user_record,
)

PREFIXES = ["/admin/users", "/users"]
TOTALS_FIELDS = {
    "id",
    "email",
    "username",
    "full_name",
    "role",
    "is_active",
    "created_at",
    "updated_at",
    "total_predictions",
    "total_saved_profiles",
}


def names(reply) -> list[str]:
    assert reply.status == 200, reply.json
    return [u["username"] for u in reply.json["users"]]


@pytest.fixture()
def population(client):
    """An admin and four others: two users, an analyst, one user deactivated."""
    admin = seed_account("admin", username="boss")
    alice = seed_account("user", username="alice_w")
    bob = seed_account("user", username="bob_b")
    carol = seed_account("analyst", username="carol_c")
    dave = seed_account("user", username="dave_d")
    assert client.put(f"/admin/users/{dave.id}/toggle-active", token=admin.token).status == 200
    return admin, {"alice_w": alice, "bob_b": bob, "carol_c": carol, "dave_d": dave}


# ---- listing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", PREFIXES)
def test_list_shows_every_user_with_totals_and_no_secret(client, population, prefix):
    admin, _ = population
    reply = client.get(prefix, token=admin.token)
    assert sorted(names(reply)) == ["alice_w", "bob_b", "boss", "carol_c", "dave_d"]
    assert reply.json["total"] == 5 and reply.json["next_cursor"] is None
    assert all(set(u) == TOTALS_FIELDS for u in reply.json["users"])
    assert "argon2" not in reply.body.decode() and "password" not in reply.body.decode()


def test_list_filters_by_search_role_and_active_flag(client, population):
    admin, _ = population
    token = admin.token
    assert names(client.get("/admin/users?search=ALICE", token=token)) == ["alice_w"]
    assert names(client.get("/admin/users?search=bob_b@example", token=token)) == ["bob_b"]  # email
    assert names(client.get("/admin/users?search=nobody-matches", token=token)) == []
    assert sorted(names(client.get("/admin/users?role=user", token=token))) == ["alice_w", "bob_b", "dave_d"]
    assert names(client.get("/admin/users?role=analyst", token=token)) == ["carol_c"]
    assert names(client.get("/admin/users?is_active=false", token=token)) == ["dave_d"]
    assert len(names(client.get("/admin/users?is_active=true", token=token))) == 4
    both = client.get("/admin/users?role=user&is_active=true", token=token)
    assert sorted(names(both)) == ["alice_w", "bob_b"] and both.json["total"] == 2


def test_list_searches_the_full_name(client, population):
    admin, people = population
    assert (
        client.put("/users/me", {"full_name": "Alice Wonderland"}, token=people["alice_w"].token).status
        == 200
    )
    assert names(client.get("/admin/users?search=wonderland", token=admin.token)) == ["alice_w"]


def test_list_refuses_a_bad_query_with_400(client, population):
    admin, _ = population
    for query in [
        "role=superuser",
        "is_active=maybe",
        "limit=0",
        "limit=201",
        "limit=ten",
        "search=" + "x" * 101,
    ]:
        body = assert_error(client.get(f"/admin/users?{query}", token=admin.token), 400)
        assert body["details"], (query, body)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_cursor_pages_give_every_user_exactly_once(client, population, prefix):
    admin, _ = population
    seen, pages, cursor = [], 0, None
    while True:
        path = f"{prefix}?limit=2" + (f"&cursor={cursor}" if cursor else "")
        reply = client.get(path, token=admin.token)
        assert reply.status == 200, reply.json
        assert reply.json["total"] == 5
        assert len(reply.json["users"]) <= 2
        seen += names(reply)
        pages += 1
        cursor = reply.json["next_cursor"]
        if cursor is None:
            break
        assert pages < 10, "cursor never ends"
    assert pages == 3
    assert sorted(seen) == ["alice_w", "bob_b", "boss", "carol_c", "dave_d"]


def test_cursor_pages_respect_the_filters(client, population):
    admin, _ = population
    first = client.get("/admin/users?role=user&limit=2", token=admin.token)
    assert first.json["total"] == 3 and first.json["next_cursor"]
    rest = client.get(f"/admin/users?role=user&limit=2&cursor={first.json['next_cursor']}", token=admin.token)
    assert sorted(names(first) + names(rest)) == ["alice_w", "bob_b", "dave_d"]
    assert rest.json["next_cursor"] is None


def _next_cursor(client: ApiClient, token: str) -> str:
    cursor = client.get("/admin/users?limit=2", token=token).json["next_cursor"]
    assert cursor
    return cursor


def test_tampered_cursor_is_a_400(client, population):
    admin, _ = population
    cursor = _next_cursor(client, admin.token)
    body, _, mac = cursor.partition(".")
    data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    data["p"] = ["0000-00-00T00:00:00.000Z", "0"]  # point elsewhere, keep the MAC
    forged = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")
    tampered = [
        f"{forged}.{mac}",
        cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB"),
        "not-a-cursor",
        "e30.AAAA",
        "%%%",
        cursor.partition(".")[0],
    ]
    wrong = []
    for bad in tampered:
        reply = client.get(f"/admin/users?limit=2&cursor={bad}", token=admin.token)
        if reply.status != 400:
            wrong.append((bad, reply.status, reply.json))
        else:
            assert_error(reply, 400)
    assert wrong == []


def test_cursor_from_another_admin_is_a_400(client, population):
    admin, _ = population
    other_admin = seed_account("admin")
    cursor = _next_cursor(client, admin.token)
    assert_error(client.get(f"/admin/users?limit=2&cursor={cursor}", token=other_admin.token), 400)


def test_cursor_used_with_other_filters_is_a_400(client, population):
    admin, _ = population
    cursor = _next_cursor(client, admin.token)
    assert_error(client.get(f"/admin/users?limit=2&role=user&cursor={cursor}", token=admin.token), 400)


# ---- get, role, toggle, delete (and the aliases) -----------------------------------------------


@pytest.mark.parametrize("prefix", PREFIXES)
def test_get_user_with_totals(client, population, prefix):
    admin, people = population
    reply = client.get(f"{prefix}/{people['carol_c'].id}", token=admin.token)
    assert reply.status == 200
    assert set(reply.json) == TOTALS_FIELDS
    assert reply.json["username"] == "carol_c" and reply.json["role"] == "analyst"


@pytest.mark.parametrize("prefix", PREFIXES)
def test_change_role_updates_the_user_and_the_counters(client, population, prefix):
    admin, people = population
    target = people["alice_w"]
    before = {r: counter_value(f"users.role.{r}") for r in ("user", "analyst", "admin")}
    reply = client.put(f"{prefix}/{target.id}/role", {"role": "analyst"}, token=admin.token)
    assert reply.status == 200, reply.json
    assert reply.json["role"] == "analyst" and set(reply.json) == TOTALS_FIELDS
    assert client.get(f"/admin/users/{target.id}", token=admin.token).json["role"] == "analyst"
    assert counter_value("users.role.user") == before["user"] - 1
    assert counter_value("users.role.analyst") == before["analyst"] + 1

    assert client.put(f"{prefix}/{target.id}/role", {"role": "admin"}, token=admin.token).status == 200
    assert counter_value("users.active_admins") == recount_active_admins() == 2


def test_change_role_validates_the_body(client, population):
    admin, people = population
    for body in [
        {"role": "root"},
        {"role": None},
        {},
        {"role": "ADMIN"},
        {"role": "admin", "is_active": False},
    ]:
        reply = client.put(f"/admin/users/{people['bob_b'].id}/role", body, token=admin.token)
        assert_error(reply, 422)
    record = user_record(people["bob_b"].id)
    assert (record.role, record.is_active) == ("user", True)


def test_toggle_active_flips_the_flag_both_ways(client, population):
    admin, people = population
    target = people["bob_b"]
    active_before = counter_value("users.active")
    off = client.put(f"/admin/users/{target.id}/toggle-active", token=admin.token)
    assert off.status == 200 and off.json["is_active"] is False
    assert counter_value("users.active") == active_before - 1
    on = client.put(f"/admin/users/{target.id}/toggle-active", token=admin.token)
    assert on.status == 200 and on.json["is_active"] is True
    assert counter_value("users.active") == active_before


def test_deactivated_user_cannot_sign_in(client, population):
    _, people = population
    reply = client.post("/auth/login", {"username": "dave_d", "password": people["dave_d"].password})
    assert_error(reply, 401, "invalid_credentials")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_delete_user_removes_it_its_guards_and_its_counts(client, population, prefix):
    admin, people = population
    target = people["bob_b"]
    total = counter_value("users.total")
    reply = client.delete(f"{prefix}/{target.id}", token=admin.token)
    assert reply.status == 204 and not reply.body
    assert user_record(target.id) is None
    assert not {"username#bob_b", "email#bob_b@example.com"} & guard_keys()
    assert counter_value("users.total") == total - 1
    assert_error(client.get(f"{prefix}/{target.id}", token=admin.token), 404)
    assert_error(client.delete(f"{prefix}/{target.id}", token=admin.token), 404)
    assert "bob_b" not in names(client.get("/admin/users", token=admin.token))


def test_deleted_username_can_be_registered_again(client, population):
    admin, people = population
    assert client.delete(f"/users/{people['bob_b'].id}", token=admin.token).status == 204
    reply = client.post(
        "/auth/register",
        {"username": "bob_b", "email": "bob_b@example.com", "password": people["bob_b"].password},
    )
    assert reply.status == 201, reply.json


def test_unknown_user_id_is_a_404_everywhere(client):
    admin = seed_account("admin")
    operations = [
        ("GET", "", None),
        ("PUT", "/role", {"role": "analyst"}),
        ("PUT", "/toggle-active", None),
        ("DELETE", "", None),
    ]
    wrong = []
    for method, suffix, body in operations:
        for prefix in PREFIXES if suffix != "/toggle-active" else PREFIXES[:1]:
            for user_id in (uuid.uuid4().hex, "..", "%2e%2e", "x" * 300):
                reply = client.request(
                    method, f"{prefix}/{user_id}{suffix}", json_body=body, token=admin.token
                )
                if reply.status != 404:
                    wrong.append((method, prefix, suffix, user_id[:10], reply.status))
                else:
                    assert_error(reply, 404)
    assert wrong == []


# ---- self-protection and the last admin ------------------------------------------------------


def test_admin_cannot_demote_deactivate_or_delete_itself(client):
    admin = seed_account("admin")
    seed_account("admin")  # not the last admin: the refusal is about acting on oneself
    for method, path, body in [
        ("PUT", "/admin/users/{id}/role", {"role": "user"}),
        ("PUT", "/users/{id}/role", {"role": "analyst"}),
        ("PUT", "/admin/users/{id}/toggle-active", None),
        ("DELETE", "/admin/users/{id}", None),
        ("DELETE", "/users/{id}", None),
    ]:
        reply = client.request(method, path.format(id=admin.id), json_body=body, token=admin.token)
        assert_error(reply, 403)
    record = user_record(admin.id)
    assert (record.role, record.is_active, record.deleting) == ("admin", True, False)


def test_admin_may_set_its_own_role_to_admin_harmlessly_or_is_refused(client):
    admin = seed_account("admin")
    reply = client.put(f"/admin/users/{admin.id}/role", {"role": "admin"}, token=admin.token)
    assert reply.status in (200, 403)
    assert user_record(admin.id).role == "admin"


@pytest.fixture()
def last_admin_setup(client):
    """A is the last active admin; B was an admin whose request is already past the token check.

    This is the slow-motion version of the race: B authenticated, then A deactivated (or demoted)
    B, and now B's request reaches the service layer. Through HTTP alone a last admin can only be
    targeted by itself, which the self-protection rule answers first.
    """
    from chalicelib.services import services

    a = seed_account("admin")
    b = seed_account("admin")
    stale_b = user_record(b.id)  # what B's request loaded at its token check
    assert client.put(f"/admin/users/{b.id}/toggle-active", token=a.token).status == 200
    assert counter_value("users.active_admins") == 1
    return services().accounts, stale_b, a


def test_last_active_admin_can_never_be_demoted_deactivated_or_deleted(client, last_admin_setup):
    from chalicelib.accounts.repository import LastAdmin
    from chalicelib.roles import Role

    accounts, stale_b, a = last_admin_setup
    for action in (
        lambda: accounts.change_role(stale_b, a.id, Role.USER),
        lambda: accounts.change_role(stale_b, a.id, Role.ANALYST),
        lambda: accounts.toggle_active(stale_b, a.id),
        lambda: accounts.delete_user(stale_b, a.id),
    ):
        with pytest.raises(LastAdmin) as raised:
            action()
        assert raised.value.status == 409 and raised.value.code == "last_admin"
    record = user_record(a.id)
    assert (record.role, record.is_active, record.deleting) == ("admin", True, False)
    assert counter_value("users.active_admins") == recount_active_admins() == 1
    assert client.get("/admin/users", token=a.token).status == 200


def test_last_admin_error_reaches_the_client_as_a_409(client, last_admin_setup, monkeypatch):
    """The HTTP mapping of the same refusal, with B's stale request let through the guard."""
    from chalicelib.services import services

    _, stale_b, a = last_admin_setup
    b_token = services().auth.tokens.issue(stale_b.id, int(stale_b.token_version)).token
    monkeypatch.setattr(services().auth, "authenticate", lambda token: (stale_b, None))
    reply = client.put(f"/users/{a.id}/role", {"role": "user"}, token=b_token)
    assert_error(reply, 409, "last_admin")


def test_an_admin_may_demote_another_admin_while_one_remains(client):
    a = seed_account("admin")
    b = seed_account("admin")
    reply = client.put(f"/admin/users/{b.id}/role", {"role": "user"}, token=a.token)
    assert reply.status == 200, reply.json
    assert counter_value("users.active_admins") == recount_active_admins() == 1


def test_deactivating_and_reactivating_an_admin_keeps_the_admin_count_true(client):
    a = seed_account("admin")
    b = seed_account("admin")
    client.put(f"/admin/users/{b.id}/toggle-active", token=a.token)
    assert counter_value("users.active_admins") == recount_active_admins() == 1
    client.put(f"/admin/users/{b.id}/toggle-active", token=a.token)
    assert counter_value("users.active_admins") == recount_active_admins() == 2
    # An inactive admin promoted from user does not count until active.
    c = seed_account("user")
    client.put(f"/admin/users/{c.id}/toggle-active", token=a.token)
    client.put(f"/admin/users/{c.id}/role", {"role": "admin"}, token=a.token)
    assert counter_value("users.active_admins") == recount_active_admins() == 2
