"""What a handler returns goes out through its route's response model, and only that."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from chalice import Blueprint
from chalice.test import Client
from pydantic import BaseModel

from chalicelib.http import routing
from chalicelib.http.routing import JSON, Api, Reply, Router
from chalicelib.schemas.common import Out


class Thing(Out):
    name: str
    size: int
    note: str | None = None


def _client(monkeypatch: pytest.MonkeyPatch, result: Any) -> Client:
    """``GET /thing`` answers ``result`` (or what ``result()`` builds, when it is a function)."""
    monkeypatch.setattr(routing, "REGISTRY", [])  # the app's own route table stays as it is
    blueprint = Blueprint("things")
    router = Router(blueprint, tag="test")
    router.route("/thing", "GET", role=None, response=Thing, also=(200,), status=202, summary="a thing")(
        lambda ctx: result() if callable(result) else result
    )
    app = Api("things", authenticator=lambda ctx, role: None)
    app.register_blueprint(blueprint)
    return Client(app, stage_name="local")


def test_a_mapping_goes_out_through_the_model_with_the_fields_it_gave(monkeypatch):
    with _client(monkeypatch, {"name": "a", "size": 3.0}) as client:
        reply = client.http.get("/thing")
    assert reply.status_code == 202
    assert reply.json_body == {"name": "a", "size": 3}  # coerced to the declared int; no `note`


def test_a_field_the_model_does_not_declare_is_a_500_and_never_sent(monkeypatch):
    with _client(monkeypatch, {"name": "a", "size": 1, "secret_key": "s3://internal"}) as client:
        reply = client.http.get("/thing")
    assert reply.status_code == 500
    assert reply.json_body["code"] == "internal_error"
    assert "secret" not in reply.body.decode()


def test_a_result_of_the_wrong_shape_is_a_500_not_a_422(monkeypatch):
    with _client(monkeypatch, {"name": "a"}) as client:
        reply = client.http.get("/thing")
    assert reply.status_code == 500


def test_an_out_model_a_service_fails_to_build_is_a_500_not_a_422(monkeypatch):
    with _client(monkeypatch, lambda: Thing(name="a", size="not a number")) as client:
        reply = client.http.get("/thing")
    assert reply.status_code == 500
    assert reply.json_body["code"] == "internal_error"


def test_a_model_instance_goes_out_with_the_fields_it_was_given_and_a_reply_takes_its_other_status(
    monkeypatch,
):
    with _client(monkeypatch, Reply(Thing(name="b", size=2), 200)) as client:
        reply = client.http.get("/thing")
    assert reply.status_code == 200
    assert reply.json_body == {"name": "b", "size": 2}
    with _client(monkeypatch, Thing(name="b", size=2, note=None)) as client:
        assert client.http.get("/thing").json_body == {"name": "b", "size": 2, "note": None}


# Fields whose keys are not fixed by design, each with why.
FREE_FORM = {("AuditEvent", "details")}  # each audit action records its own facts


def _free_form_fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> list[tuple[str, str]]:
    """(model, field) of every field, nested models included, typed with Any somewhere."""
    if model in seen:
        return []
    seen.add(model)
    found = []
    for name, info in model.model_fields.items():
        pending = [info.annotation]
        while pending:
            annotation = pending.pop()
            if annotation is Any:
                found.append((model.__name__, name))
            elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
                found += _free_form_fields(annotation, seen)
            pending += get_args(annotation)
    return found


def test_every_route_answering_json_declares_its_response_model(app):
    # GET /openapi.json answers the OpenAPI document itself.
    untyped = [
        (spec.method, spec.path)
        for spec in routing.REGISTRY
        if spec.status != 204 and JSON in spec.response_types and spec.response is None
    ]
    assert untyped == [("GET", "/openapi.json")]


def test_response_models_type_every_field_but_the_free_form_ones(app):
    seen: set[type[BaseModel]] = set()
    found = {
        field
        for spec in routing.REGISTRY
        if spec.response
        for field in _free_form_fields(spec.response, seen)
    }
    assert found == FREE_FORM
