"""Many users at once on the real local stack: sign in, predict, read history, save and list
profiles; nothing fails and /admin/stats counts exactly the predictions acknowledged.
(The 50-user, 60 s run is in `make bench`; this is its shorter twin.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.load import Connection, registered_clients, run_mixed
from tests.support.stack import LocalStack

ADMIN_PASSWORD = "integration mixed load secret 3"
USERS, SECONDS = 20, 12.0
CUSTOMER = {"sex": "Male", "age": 52, "annual_income": 41.0, "spending_score": 23, "purchase_frequency": 4}


@pytest.fixture()
def stack(tmp_path: Path):
    running = LocalStack(tmp_path / "state", admin_password=ADMIN_PASSWORD)
    yield running
    running.stop()


def test_mixed_users_get_no_failure_and_stats_count_every_acknowledged_prediction(stack: LocalStack) -> None:
    stack.start()
    admin = Connection(stack.api)
    status, login = admin.request("POST", "/auth/login", {"username": "admin", "password": ADMIN_PASSWORD})
    assert status == 200, login
    admin.token = login["access_token"]
    before = admin.request("GET", "/admin/stats")[1]["predictions"]["total"]

    result = run_mixed(registered_clients(stack.api, USERS, "mixed"), SECONDS, CUSTOMER)

    assert result.failures == []
    assert result.acknowledged["login"] == USERS
    assert result.acknowledged["predict"] > 0
    assert result.acknowledged["save profile"] > 0
    status, stats = admin.request("GET", "/admin/stats")
    assert status == 200, stats
    assert stats["predictions"]["total"] - before == result.acknowledged["predict"]
