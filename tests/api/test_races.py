"""Races, run through the service layer from real threads (one chalice test client is not
thread-safe). moto's DynamoDB is made serialisable like the real service by tests/api/conftest.py,
so these check the application's conditions, not the fake's locking."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.support.api import (
    STRONG_PASSWORD,
    counter_value,
    guard_keys,
    recount_active_admins,
    seed_account,
    user_record,
)

RACERS = 20


def race(calls: list[Callable[[], Any]]) -> list[tuple[str, Any]]:
    """Run every call at the same moment; ('ok', result) or ('error', exception) for each."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> tuple[str, Any]:
        barrier.wait()
        try:
            return "ok", call()
        except Exception as exc:
            return "error", exc

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def outcome(result: tuple[str, Any]) -> str:
    kind, value = result
    return (
        "ok"
        if kind == "ok"
        else f"{getattr(value, 'status', type(value).__name__)} {getattr(value, 'code', '')}"
    )


def _register(username: str, email: str) -> Callable[[], Any]:
    from chalicelib.schemas.users import RegisterBody
    from chalicelib.services import services

    body = RegisterBody(username=username, email=email, password=STRONG_PASSWORD)
    return lambda: services().auth.register(**body.model_dump())


def _users() -> list[Any]:
    from chalicelib.db.models import UserRecord

    return list(UserRecord.scan())


def test_twenty_concurrent_registrations_of_one_username_have_one_winner(client):
    calls = [_register("Contested" if i % 2 else "contested", f"racer{i}@example.com") for i in range(RACERS)]
    results = race(calls)
    tally = Counter(outcome(r) for r in results)
    assert tally == {"ok": 1, "409 username_taken": RACERS - 1}, tally

    winner = next(value for kind, value in results if kind == "ok")
    users = _users()
    assert [u.id for u in users] == [winner.id]
    # Exactly the winner's two guards: no loser left an email guard behind.
    assert guard_keys() == {"username#contested", f"email#{winner.email.lower()}"}
    assert counter_value("users.total") == 1
    reply = client.post("/auth/login", {"username": "CONTESTED", "password": STRONG_PASSWORD})
    assert reply.status == 200 and reply.json["user"]["id"] == winner.id


def test_twenty_concurrent_registrations_of_one_email_have_one_winner(client):
    calls = [
        _register(f"racer_{i}", "Same@Example.com" if i % 2 else "same@example.com") for i in range(RACERS)
    ]
    results = race(calls)
    tally = Counter(outcome(r) for r in results)
    assert tally == {"ok": 1, "409 email_taken": RACERS - 1}, tally
    winner = next(value for kind, value in results if kind == "ok")
    assert guard_keys() == {f"username#{winner.username.lower()}", "email#same@example.com"}
    assert len(_users()) == 1


def _change_role(actor: Any, target: str) -> Callable[[], Any]:
    from chalicelib.roles import Role
    from chalicelib.services import services

    return lambda: services().accounts.change_role(actor, target, Role.USER)


def _toggle(actor: Any, target: str) -> Callable[[], Any]:
    from chalicelib.services import services

    return lambda: services().accounts.toggle_active(actor, target)


def _delete(actor: Any, target: str) -> Callable[[], Any]:
    from chalicelib.services import services

    return lambda: services().accounts.delete_user(actor, target)


ACTIONS = {"demote": _change_role, "deactivate": _toggle, "delete": _delete}


def _wipe_users() -> None:
    """Start a round from an empty user base (cheaper than a fresh moto per round)."""
    from chalicelib.db.models import Counter as CounterItem
    from chalicelib.db.models import UniqueGuard, UserRecord

    for model in (UserRecord, UniqueGuard, CounterItem):
        for item in model.scan():
            item.delete(add_version_condition=False)


def _last_admin_round(client: Any, a_does: str, b_does: str) -> None:
    """Two admins act on each other at once, each request past its token check (records loaded)."""
    _wipe_users()
    a, b = seed_account("admin"), seed_account("admin")
    a_record, b_record = user_record(a.id), user_record(b.id)
    results = race([ACTIONS[a_does](a_record, b.id), ACTIONS[b_does](b_record, a.id)])
    tally = Counter(outcome(r) for r in results)
    assert tally == {"ok": 1, "409 last_admin": 1}, (a_does, b_does, tally)
    assert counter_value("users.active_admins") == recount_active_admins() == 1
    survivor = a if results[0][0] == "ok" else b
    record = user_record(survivor.id)
    assert (record.role, record.is_active, record.deleting) == ("admin", True, False)
    assert client.get("/admin/users", token=survivor.token).status == 200


def test_two_admins_demoting_each_other_at_once_exactly_one_succeeds(client):
    for _ in range(10):
        _last_admin_round(client, "demote", "demote")


@pytest.mark.parametrize(
    ("a_does", "b_does"),
    [("demote", "deactivate"), ("deactivate", "deactivate"), ("delete", "delete"), ("delete", "demote")],
)
def test_two_admins_removing_each_other_any_way_at_once_leave_exactly_one_admin(client, a_does, b_does):
    for _ in range(2):
        _last_admin_round(client, a_does, b_does)


def test_concurrent_profile_edits_by_one_user_keep_the_guards_consistent(client):
    """Renames racing each other: whatever wins, the user owns exactly one username guard."""
    from chalicelib.services import services

    account = seed_account("user", username="renamer")

    def rename(new: str) -> Callable[[], Any]:
        return lambda: services().accounts.update_me(
            user_record(account.id), username=new, email=None, full_name=None, full_name_given=False
        )

    # Four racers: with_retries gives each four tries, and every round has a winner.
    results = race([rename(f"renamed_{i}") for i in range(4)])
    assert all(kind == "ok" or getattr(value, "status", 500) == 409 for kind, value in results), results
    final = user_record(account.id).username.lower()
    usernames = {k for k in guard_keys() if k.startswith("username#")}
    assert usernames == {f"username#{final}"}
