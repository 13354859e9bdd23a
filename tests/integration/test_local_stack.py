"""The real local stack over HTTP: state survives a stop and a start."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.api import STRONG_PASSWORD
from tests.support.stack import LocalStack

ADMIN_PASSWORD = "integration operator secret 7"


@pytest.fixture()
def stack(tmp_path: Path):
    running = LocalStack(tmp_path / "state", admin_password=ADMIN_PASSWORD)
    yield running
    running.stop()


def test_local_stack_keeps_accounts_and_model_across_restart(stack: LocalStack) -> None:
    cold = stack.start()
    status, user = stack.call(
        "POST",
        "/auth/register",
        {"username": "carol", "email": "carol@example.com", "password": STRONG_PASSWORD},
    )
    assert status == 201, user
    status, login = stack.call("POST", "/auth/login", {"username": "carol", "password": STRONG_PASSWORD})
    assert status == 200
    status, prediction = stack.call(
        "POST",
        "/predict",
        {"age": 30, "annual_income": 120, "spending_score": 85, "purchase_frequency": 20},
        token=login["access_token"],
    )
    assert status == 200, prediction
    version = prediction["model_version"]

    stack.stop()
    warm = stack.start()

    status, again = stack.call("POST", "/auth/login", {"username": "carol", "password": STRONG_PASSWORD})
    assert status == 200
    assert again["user"]["id"] == user["id"]
    status, history = stack.call("GET", "/history", token=again["access_token"])
    assert status == 200
    assert [entry["id"] for entry in history["history"]] == [prediction["prediction_id"]]
    status, health = stack.call("GET", "/health")
    assert health["active_model_version"] == version
    status, _ = stack.call("POST", "/auth/login", {"username": "admin", "password": ADMIN_PASSWORD})
    assert status == 200
    print(f"local stack start: cold {cold:.1f} s, warm {warm:.1f} s")
