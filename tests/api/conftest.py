from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from chalice.test import Client
from moto import mock_aws

from local.moto_serial import serialise_dynamodb
from tests.support.api import Accounts, ApiClient
from tests.support.model_fixture import (  # noqa: F401
    active_model,
    mall_gender_model,
    mall_gender_model_objects,
    mall_model,
    mall_model_objects,
    no_active_model,
    trained_model_objects,
)


@pytest.fixture(scope="session", autouse=True)
def _serial_dynamodb() -> Iterator[None]:
    with serialise_dynamodb():
        yield


@pytest.fixture()
def aws() -> Iterator[None]:
    from chalicelib import aws as aws_clients
    from chalicelib.bootstrap import create_resources

    with mock_aws():
        aws_clients.reset_clients()
        create_resources()
        yield
    aws_clients.reset_clients()


@pytest.fixture()
def app(aws: None) -> Any:
    from app import app as chalice_app

    return chalice_app


@pytest.fixture()
def client(app: Any) -> Iterator[ApiClient]:
    with Client(app, stage_name="local") as test_client:
        yield ApiClient(test_client)


@pytest.fixture()
def accounts(client: ApiClient) -> Accounts:
    return Accounts(client)


@pytest.fixture()
def s3() -> Any:
    return boto3.client("s3", region_name="us-east-1")
