"""A user's totals (predictions, saved profiles) survive a concurrent read-modify-save of the user.

Role changes, (de)activation and password changes re-read the user and put the whole item back
under a version condition. The totals are bumped with ADD in other transactions; those bump the
version too, so a save that read before them fails its condition and re-reads (no lost update).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.api import seed_account, user_record

CUSTOMER = {"age": 30, "annual_income": 60, "spending_score": 50, "purchase_frequency": 12}
PROFILE = {"name": "p", **CUSTOMER}


def concurrent_write_before_first_save(monkeypatch, write) -> None:
    """Runs ``write`` between the service's read of the user and its first save."""
    from chalicelib.accounts.repository import UserRepository

    original = UserRepository.save_fields
    done: list[bool] = []

    def racing(self: Any, user: Any, deltas: Any = None) -> None:
        if not done:
            done.append(True)
            write()
        original(self, user, deltas)

    monkeypatch.setattr(UserRepository, "save_fields", racing)


@pytest.mark.parametrize("kind", ["prediction", "profile"])
def test_role_change_racing_a_total_update_keeps_the_total(client, active_model, monkeypatch, kind):
    from chalicelib.roles import Role
    from chalicelib.services import services

    admin, user = seed_account("admin"), seed_account()
    assert int(user_record(user.id).version) == 1  # the value a None-version update would SET

    def write() -> None:
        reply = (
            client.post("/predict", CUSTOMER, token=user.token)
            if kind == "prediction"
            else client.post("/profiles", PROFILE, token=user.token)
        )
        assert reply.status in (200, 201), reply.json

    concurrent_write_before_first_save(monkeypatch, write)
    services().accounts.change_role(user_record(admin.id), user.id, Role.ANALYST)
    record = user_record(user.id)
    assert record.role == "analyst"
    assert (int(record.total_predictions), int(record.total_saved_profiles)) == (
        (1, 0) if kind == "prediction" else (0, 1)
    )


def test_a_save_holding_a_version_read_before_a_prediction_is_refused(client, active_model):
    from chalicelib.accounts.repository import StaleUser, UserRepository

    user = seed_account()
    stale = user_record(user.id)
    assert client.post("/predict", CUSTOMER, token=user.token).status == 200
    with pytest.raises(StaleUser):
        UserRepository().save_fields(stale)
    assert int(user_record(user.id).total_predictions) == 1
