"""Property: after any sequence of register, predict, batch, role change, (de)activation, delete
and profile changes, every maintained counter equals a recount.

The recount scans the tables (test only; the API never scans for statistics). Prediction
counters count predictions made: deleting an account removes its history but not the anonymous
totals, so the history of a user is tallied (by scanning it) just before the user is deleted.
Drift bins are recounted from the inputs the test sent (batch inputs are not stored).
"""

from __future__ import annotations

import json
import uuid
from collections import Counter as Tally
from datetime import datetime
from typing import Any

import hypothesis.strategies as st
from hypothesis import settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    rule,
    run_state_machine_as_test,
)

from segcore import layout
from tests.support import recount
from tests.support.api import STRONG_PASSWORD
from tests.support.model_fixture import TrainedObjects, put_objects

ROLES = ("user", "analyst", "admin")

customers = st.fixed_dictionaries(
    {
        "age": st.integers(18, 100),
        "annual_income": st.integers(0, 3000).map(lambda tenths: tenths / 10),
        "spending_score": st.integers(1, 100),
        "purchase_frequency": st.integers(0, 365),
    },
    optional={"sex": st.sampled_from(["Male", "f"])},
)
invalid_customers = st.sampled_from([{"age": 10}, {"age": 30, "annual_income": -1}, "not an object"])
batch_rows = st.lists(st.one_of(customers, customers, invalid_customers), min_size=1, max_size=6)
pick = st.integers(min_value=0, max_value=1_000)


def _at(created_at: str) -> datetime:
    return datetime.fromisoformat(created_at.replace("Z", "+00:00"))


class World:
    """The database outlives each generated sequence: every sequence continues the last one."""

    def __init__(self, trained: TrainedObjects) -> None:
        from chalicelib.services import services

        model_objects = {k: v for k, v in trained.objects.items() if k.startswith(layout.MODELS_PREFIX)}
        pointer = json.dumps({"version": trained.version, "revision": 1}).encode()
        put_objects({**model_objects, layout.ACTIVE_POINTER_KEY: pointer})
        self.svc = services()
        self.svc.models.invalidate()
        self.doc = trained.document()
        self.root = ""
        self.others: list[str] = []
        # Prediction counters of deleted users' history, tallied from the table before deletion.
        self.archived: Tally[str] = Tally()
        # Drift bins: history id -> (day, valid inputs) for every recorded prediction.
        self.inputs: dict[str, tuple[str, list[dict[str, Any]]]] = {}


class CounterMachine(RuleBasedStateMachine):
    world: World

    def __init__(self) -> None:
        super().__init__()
        self.w = self.world
        self.svc = self.w.svc
        if not self.w.root:
            self.w.root = self._register("admin")

    def teardown(self) -> None:
        # Checked once per sequence: a recount scans every table, too slow after every step.
        self.counters_equal_a_recount()

    # ---- helpers ------------------------------------------------------------------------

    def _register(self, role: str = "user") -> str:
        from chalicelib.roles import Role
        from chalicelib.schemas.users import RegisterBody

        name = f"u_{uuid.uuid4().hex[:10]}"
        body = RegisterBody(username=name, email=f"{name}@example.com", password=STRONG_PASSWORD)
        return self.svc.auth.register(**body.model_dump(), role=Role(role)).id

    def _user(self, user_id: str) -> Any:
        return self.svc.accounts.get(user_id)

    def _active(self, index: int) -> Any:
        """A user that may use the API (an inactive one could not sign in): the pick or root."""
        everyone = [self.w.root, *self.w.others]
        user = self._user(everyone[index % len(everyone)])
        return user if user.is_active else self._user(self.w.root)

    def _other(self, index: int) -> str:
        return self.w.others[index % len(self.w.others)]

    # ---- operations ---------------------------------------------------------------------

    @rule()
    def register(self) -> None:
        self.w.others.append(self._register())

    @rule(who=pick, customer=customers)
    def predict(self, who: int, customer: dict[str, Any]) -> None:
        result = self.svc.predictions.predict(self._active(who), customer)
        self.w.inputs[result.prediction_id] = (result.created_at[:10], [result.customer_data])

    @rule(who=pick, rows=batch_rows)
    def batch(self, who: int, rows: list[Any]) -> None:
        result = self.svc.predictions.predict_json_batch(self._active(who), rows)
        valid = [rows[r["row"] - 1] for r in result.results if "cluster" in r]
        entry = next(h for h in self._history(None) if h.id == result.batch_id)
        self.w.inputs[result.batch_id] = (entry.created_at[:10], valid)

    @rule(victim=pick, role=st.sampled_from(ROLES))
    def change_role(self, victim: int, role: str) -> None:
        if not self.w.others:
            return
        from chalicelib.roles import Role

        self.svc.accounts.change_role(self._user(self.w.root), self._other(victim), Role(role))

    @rule(victim=pick)
    def toggle_active(self, victim: int) -> None:
        if not self.w.others:
            return
        self.svc.accounts.toggle_active(self._user(self.w.root), self._other(victim))

    @rule(victim=pick)
    def delete(self, victim: int) -> None:
        if not self.w.others:
            return
        user_id = self._other(victim)
        for entry in self._history(user_id):
            self.w.archived.update(recount.prediction_tally(entry))
        self.svc.accounts.delete_user(self._user(self.w.root), user_id)
        self.w.others.remove(user_id)

    @rule(who=pick, customer=customers)
    def save_profile(self, who: int, customer: dict[str, Any]) -> None:
        fields = {"sex": None, **customer, "name": "p"}
        fields["sex"] = {"f": "Female"}.get(fields["sex"], fields["sex"])
        self.svc.profiles.create(self._active(who), fields)

    @rule(who=pick, which=pick)
    def delete_profile(self, who: int, which: int) -> None:
        user = self._active(who)
        profiles = self.svc.profiles.list(user, limit=200, cursor=None).profiles
        if profiles:
            self.svc.profiles.delete(user, profiles[which % len(profiles)].id)

    # ---- the recount --------------------------------------------------------------------

    @staticmethod
    def _history(user_id: str | None) -> list[Any]:
        from chalicelib.db.models import HistoryRecord

        return list(HistoryRecord.query(user_id) if user_id else HistoryRecord.scan())

    def counters_equal_a_recount(self) -> None:
        version = self.w.doc["version"]
        inputs = [(version, day, rows) for day, rows in self.w.inputs.values()]
        diff = recount.differences(
            archived=self.w.archived, inputs=inputs, drift_bins=lambda _: self.w.doc["drift_bins"]
        )
        assert not diff, diff


def test_counters_equal_a_recount_after_any_sequence(aws, trained_model_objects):
    CounterMachine.world = World(trained_model_objects)
    run_state_machine_as_test(
        CounterMachine,
        settings=settings(max_examples=25, stateful_step_count=8, deadline=None),
    )
    CounterMachine.world.svc.models.invalidate()
