"""Every request writes exactly one JSON access line (request id, route, method, status,
duration, user id, model version) and nothing personal beyond the user's id."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from chalicelib.http import access_log
from tests.support.api import STRONG_PASSWORD, seed_account

CUSTOMER = {"sex": "f", "age": 30, "annual_income": 120, "spending_score": 85, "purchase_frequency": 20}


class _Lines(logging.Handler):
    """Keeps each record exactly as the access logger's own handler would print it."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(access_log.JsonLineFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture()
def access_lines() -> Iterator[list[str]]:
    logger = access_log.access_logger()
    capture = _Lines()
    logger.addHandler(capture)
    try:
        yield capture.lines
    finally:
        logger.removeHandler(capture)


def _only_line(lines: list[str]) -> dict[str, Any]:
    assert len(lines) == 1, lines
    assert "\n" not in lines[0]
    record = json.loads(lines[0])
    assert isinstance(record, dict)
    assert set(record) == set(access_log.FIELDS), record
    assert isinstance(record["duration_ms"], float) and record["duration_ms"] >= 0
    return record


def test_a_prediction_writes_one_line_with_its_user_and_model_version(client, active_model, access_lines):
    user = seed_account()
    reply = client.post("/predict", CUSTOMER, token=user.token)
    assert reply.status == 200, reply.json
    record = _only_line(access_lines)
    assert record == {
        **record,
        "request_id": reply.headers["X-Request-Id"],
        "route": "/predict",
        "method": "POST",
        "status": 200,
        "user_id": user.id,
        "model_version": active_model.version,
    }
    for personal in (user.username, user.email, user.token, "annual_income", "spending_score"):
        assert personal not in access_lines[0]


def test_a_route_with_path_values_logs_the_route_template_not_the_path(client, access_lines):
    user = seed_account()
    reply = client.get("/history/no-such-entry", token=user.token)
    assert reply.status == 404
    record = _only_line(access_lines)
    assert record["route"] == "/history/{entry_id}"
    assert "no-such-entry" not in access_lines[0]
    assert (record["status"], record["user_id"], record["model_version"]) == (404, user.id, None)


def test_a_rejected_request_writes_one_line_without_a_user(client, access_lines):
    reply = client.get("/auth/me")
    assert reply.status == 401
    record = _only_line(access_lines)
    assert record["status"] == 401
    assert record["user_id"] is None
    assert record["request_id"] == reply.json["request_id"]


def test_a_refused_role_is_logged_with_the_user_who_was_refused(client, access_lines):
    user = seed_account()
    reply = client.get("/admin/users", token=user.token)
    assert reply.status == 403
    record = _only_line(access_lines)
    assert (record["route"], record["status"], record["user_id"]) == ("/admin/users", 403, user.id)


def test_a_failed_login_logs_neither_the_username_nor_the_password(client, access_lines):
    reply = client.post("/auth/login", {"username": "someone_private", "password": STRONG_PASSWORD})
    assert reply.status == 401
    record = _only_line(access_lines)
    assert (record["route"], record["method"], record["status"]) == ("/auth/login", "POST", 401)
    assert "someone_private" not in access_lines[0] and STRONG_PASSWORD not in access_lines[0]


def test_a_crash_writes_one_line_with_status_500(client, monkeypatch, access_lines):
    from chalicelib.services import services

    user = seed_account()

    def boom(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("internal detail")

    monkeypatch.setattr(services().auth, "authenticate", boom)
    reply = client.get("/auth/me", token=user.token)
    assert reply.status == 500
    record = _only_line(access_lines)
    assert record["status"] == 500
    assert "internal detail" not in access_lines[0]


def test_only_the_user_id_and_model_version_can_be_added_to_the_line() -> None:
    with pytest.raises(ValueError, match="email"):
        access_log.annotate(None, email="a@example.com")


def test_the_line_goes_to_stdout_unprefixed_and_does_not_propagate() -> None:
    logger = access_log.access_logger()
    assert logger.propagate is False
    (handler,) = [h for h in logger.handlers if type(h) is logging.StreamHandler]
    assert isinstance(handler.formatter, access_log.JsonLineFormatter)
