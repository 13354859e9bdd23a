"""The API's trainer dispatcher: an async Lambda invoke, its client made only when a job starts."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from chalicelib import aws as aws_clients
from chalicelib.segmentation.dispatch import LambdaDispatcher


def test_lambda_dispatcher_makes_its_client_on_the_first_dispatch_only(aws: None) -> None:
    made: list[Any] = []

    def lambda_client() -> Any:
        made.append(aws_clients.client("lambda"))
        return made[-1]

    dispatcher = LambdaDispatcher(lambda_client, "segmentation-trainer-missing")
    assert made == []  # building the services costs no Lambda client

    # moto has no such function: the invoke reaches Lambda through the client made just now.
    with pytest.raises(ClientError, match="ResourceNotFound"):
        dispatcher.dispatch({"job_id": "job-1"})
    with pytest.raises(ClientError, match="ResourceNotFound"):
        dispatcher.dispatch({"job_id": "job-2"})
    assert len(made) == 2 and made[0] is made[1]  # the cached client, asked for on each dispatch
