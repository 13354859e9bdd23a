"""A write whose commit landed but whose answer was lost (a DynamoDB stall) is reported truthfully.

The transport is cut after DynamoDB (moto) has applied a TransactWriteItems: botocore sees a read
timeout and retries the same request, as it does in AWS, and the retry meets the first attempt's
writes. Nothing of our own code is replaced.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ReadTimeoutError
from moto.core.models import botocore_stubber

from tests.support.api import STRONG_PASSWORD, seed_account

CUSTOMER = {"age": 30, "annual_income": 120, "spending_score": 85, "purchase_frequency": 20}


class LoseFirstCommitAnswer:
    """Lets moto apply the next TransactWriteItems, then drops its response (a read timeout)."""

    def __init__(self) -> None:
        self.armed = False
        self.dropped = 0

    def __call__(self, request: Any, **kwargs: Any) -> Any:
        if not self.armed:
            return None
        self.armed = False
        response = botocore_stubber(event_name="before-send.dynamodb.TransactWriteItems", request=request)
        assert response is not None and response.status_code == 200, "the commit itself must succeed"
        self.dropped += 1
        raise ReadTimeoutError(endpoint_url=request.url)


@pytest.fixture()
def lose_answer(app: Any) -> Iterator[LoseFirstCommitAnswer]:
    from chalicelib.db.models import transaction_connection

    events = transaction_connection().client.meta.events
    hook = LoseFirstCommitAnswer()
    events.register("before-send.dynamodb.TransactWriteItems", hook, unique_id="lose-answer")
    yield hook
    events.unregister("before-send.dynamodb.TransactWriteItems", unique_id="lose-answer")


def test_a_registration_whose_answer_was_lost_is_201(client, lose_answer):
    lose_answer.armed = True
    body = {"username": "stalled_user", "email": "stalled@example.com", "password": STRONG_PASSWORD}
    reply = client.post("/auth/register", body)
    assert lose_answer.dropped == 1
    assert reply.status == 201, reply.body[:300]
    assert reply.json["username"] == "stalled_user"
    login = client.post("/auth/login", {"username": "stalled_user", "password": STRONG_PASSWORD})
    assert login.status == 200 and login.json["user"]["id"] == reply.json["id"]
    again = client.post("/auth/register", body)  # a new request for a taken name is still 409
    assert (again.status, again.json["code"]) == (409, "username_taken")


def test_a_prediction_whose_answer_was_lost_is_200_and_counted_once(client, active_model, lose_answer):
    user = seed_account()
    lose_answer.armed = True
    reply = client.post("/predict", CUSTOMER, token=user.token)
    assert lose_answer.dropped == 1
    assert reply.status == 200, reply.body[:300]
    history = client.get("/history", token=user.token).json
    assert [entry["id"] for entry in history["history"]] == [reply.json["prediction_id"]]
    profile = client.get("/users/me/profile", token=user.token).json
    assert profile["total_predictions"] == 1


def test_a_batch_whose_answer_was_lost_is_200(client, active_model, lose_answer):
    user = seed_account()
    lose_answer.armed = True
    reply = client.post("/predict/batch", {"customers": [CUSTOMER, CUSTOMER]}, token=user.token)
    assert lose_answer.dropped == 1
    assert reply.status == 200, reply.body[:300]
    assert client.get("/users/me/profile", token=user.token).json["total_predictions"] == 2


def test_a_saved_profile_whose_answer_was_lost_is_201_and_counted_once(client, active_model, lose_answer):
    user = seed_account()
    lose_answer.armed = True
    reply = client.post("/profiles", {"name": "stalled", **CUSTOMER}, token=user.token)
    assert lose_answer.dropped == 1
    assert reply.status == 201, reply.body[:300]
    listed = client.get("/profiles", token=user.token).json["profiles"]
    assert [p["id"] for p in listed] == [reply.json["id"]]
    assert client.get("/users/me/profile", token=user.token).json["total_saved_profiles"] == 1
