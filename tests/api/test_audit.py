"""GET /admin/audit: every privileged action leaves exactly one event; newest first, paged."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.api import assert_error, seed_account


class NullDispatcher:
    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def dispatch(self, event: dict[str, Any]) -> None:
        self.events.append(event)


@pytest.fixture()
def dispatcher(monkeypatch) -> NullDispatcher:
    from chalicelib.services import services

    recorder = NullDispatcher()
    monkeypatch.setattr(services().training, "dispatcher", recorder)
    return recorder


def events(client, admin) -> list[dict[str, Any]]:
    reply = client.get("/admin/audit?limit=200", token=admin.token)
    assert reply.status == 200, reply.json
    return list(reply.json["events"])


def test_each_privileged_action_leaves_exactly_one_event(client, active_model, dispatcher):
    admin, analyst, target = seed_account("admin"), seed_account("analyst"), seed_account()
    version = active_model.version
    actions = [
        (admin, "PUT", f"/admin/users/{target.id}/role", {"role": "analyst"}, "user.role_changed", target.id),
        (admin, "PUT", f"/admin/users/{target.id}/toggle-active", None, "user.deactivated", target.id),
        (admin, "PUT", f"/admin/users/{target.id}/toggle-active", None, "user.activated", target.id),
        (analyst, "POST", "/train", {"k": 3}, "model.training_started", None),
        (admin, "POST", f"/models/{version}/activate", None, "model.activated", version),
        (
            analyst,
            "PUT",
            f"/models/{version}/clusters/0",
            {"name": "Renamed"},
            "segment.renamed",
            f"{version}/0",
        ),
        (admin, "DELETE", f"/admin/users/{target.id}", None, "user.deleted", target.id),
    ]
    for actor, method, path, body, action, target_id in actions:
        before = events(client, admin)
        reply = client.request(method, path, json_body=body, token=actor.token)
        assert reply.status < 300, (path, reply.json)
        after = events(client, admin)
        assert len(after) == len(before) + 1, (action, after[: len(after) - len(before)])
        event = after[0]
        assert (event["action"], event["actor_id"], event["actor_username"]) == (
            action,
            actor.id,
            actor.username,
        )
        if target_id is not None:
            assert event["target"] == target_id
        else:
            assert event["target"] == dispatcher.events[-1]["job_id"]
        assert event["at"].endswith("Z") and isinstance(event["details"], dict)
    by_action = {e["action"]: e for e in events(client, admin)}
    assert by_action["user.role_changed"]["details"] == {"from": "user", "to": "analyst"}
    assert by_action["segment.renamed"]["details"]["to"] == "Renamed"


def test_unprivileged_and_refused_actions_leave_no_event(client, active_model, dispatcher):
    admin, user = seed_account("admin"), seed_account()
    customer = {"age": 30, "annual_income": 60, "spending_score": 50, "purchase_frequency": 12}
    client.post("/predict", customer, token=user.token)
    client.post("/profiles", {"name": "p", **customer}, token=user.token)
    client.put("/users/me", {"full_name": "Someone"}, token=user.token)
    assert client.put(f"/admin/users/{admin.id}/role", {"role": "user"}, token=admin.token).status == 403
    assert client.put(f"/admin/users/{user.id}/role", {"role": "admin"}, token=user.token).status == 403
    assert (
        client.put(f"/admin/users/{user.id}/role", {"role": "user"}, token=admin.token).status == 200
    )  # no-op
    assert client.post("/models/nope/activate", token=admin.token).status == 404
    assert events(client, admin) == []


def test_audit_is_newest_first_in_cursor_pages_bound_to_the_admin(client, aws):
    admin, other_admin = seed_account("admin"), seed_account("admin")
    target = seed_account()
    for _ in range(5):
        assert client.put(f"/admin/users/{target.id}/toggle-active", token=admin.token).status == 200
    pages: list[list[dict[str, Any]]] = []
    cursor = None
    while True:
        reply = client.get(
            "/admin/audit?limit=2" + (f"&cursor={cursor}" if cursor else ""), token=admin.token
        )
        pages.append(reply.json["events"])
        cursor = reply.json["next_cursor"]
        if cursor is None:
            break
    flat = [e for page in pages for e in page]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [e["action"] for e in flat] == ["user.deactivated", "user.activated"] * 2 + ["user.deactivated"]
    assert [e["id"] for e in flat] == sorted((e["id"] for e in flat), reverse=True)
    assert flat == events(client, admin)
    first_cursor = client.get("/admin/audit?limit=2", token=admin.token).json["next_cursor"]
    assert_error(
        client.get(f"/admin/audit?cursor={first_cursor}", token=other_admin.token), 400, "invalid_cursor"
    )


def test_the_audit_route_documents_every_audited_action(client):
    from chalicelib.audit.actions import AuditAction

    document = client.get("/openapi.json").json
    description = document["paths"]["/admin/audit"]["get"]["description"]
    assert [a.value for a in AuditAction if a.value not in description] == []


def test_a_protected_route_on_an_app_without_a_token_check_is_refused(monkeypatch):
    from chalice import Blueprint, Chalice
    from chalice.test import Client

    from chalicelib.http import routing
    from chalicelib.http.routing import Router
    from chalicelib.roles import Role

    monkeypatch.setattr(routing, "REGISTRY", [])  # the app's route table stays as it is

    blueprint = Blueprint("unguarded")
    Router(blueprint, tag="test").route("/secret", "GET", role=Role.USER, summary="secret")(lambda ctx: {})
    bare = Chalice(app_name="no-token-check")
    bare.register_blueprint(blueprint)
    with Client(bare, stage_name="local") as test_client:
        reply = test_client.http.get("/secret")
    assert reply.status_code == 401
