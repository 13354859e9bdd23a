"""The local moto server's speed-ups (local/moto_fast.py, local/moto_serial.py) answer exactly
as moto does: every update, transaction and error compared with moto left alone."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from local import moto_fast
from local.moto_serial import serialise_dynamodb

TABLE = "counters"
# (existing attributes of the item or None, UpdateExpression, names, values, ConditionExpression)
UPDATES: list[tuple[dict[str, Any] | None, str, dict[str, str], dict[str, Any], str | None]] = [
    (None, "ADD #0 :0", {"#0": "value"}, {":0": {"N": "1"}}, None),
    ({"value": {"N": "41"}}, "ADD #0 :0", {"#0": "value"}, {":0": {"N": "1"}}, None),
    ({"value": {"N": "2.5"}}, "ADD #0 :0", {"#0": "value"}, {":0": {"N": "-0.25"}}, None),
    ({"value": {"N": "7"}}, "ADD #0 :0", {"#0": "value"}, {":0": {"N": "1.50"}}, None),
    ({"other": {"S": "kept"}}, "ADD #0 :0", {"#0": "value"}, {":0": {"N": "-3"}}, None),
    ({"value": {"S": "text"}}, "ADD #0 :0", {"#0": "value"}, {":0": {"N": "1"}}, None),  # wrong type
    (None, "ADD #0 :0", {"#0": "name"}, {":0": {"N": "1"}}, None),  # the key attribute
    (None, "ADD #0 :0", {"#0": "value"}, {":0": {"N": "not a number"}}, None),
    (None, "ADD #0 :1", {"#0": "value"}, {":0": {"N": "1"}}, None),  # unknown placeholder
    ({"value": {"N": "1"}}, "ADD #0 :0", {"#0": "value"}, {":0": {"N": "1"}, ":1": {"N": "5"}}, "#0 >= :1"),
    ({"value": {"N": "9"}}, "ADD #0 :0", {"#0": "value"}, {":0": {"N": "-1"}, ":1": {"N": "5"}}, "#0 >= :1"),
    (None, "ADD #0 :0", {"#0": "members"}, {":0": {"SS": ["a", "b"]}}, None),
    (None, "SET #0 = :0", {"#0": "value"}, {":0": {"N": "3"}}, None),
    ({"value": {"N": "1"}}, "ADD  #0   :0 ", {"#0": "value"}, {":0": {"N": "10"}}, None),
]


@contextlib.contextmanager
def dynamodb(fast: bool) -> Iterator[Any]:
    with mock_aws(), serialise_dynamodb(), moto_fast.installed() if fast else contextlib.nullcontext():
        client = boto3.client(
            "dynamodb", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
        )
        client.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "name", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "name", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        yield client


def outcome(client: Any, call: Callable[[], Any]) -> tuple[str, Any]:
    try:
        call()
    except ClientError as error:
        return "error", (error.response["Error"]["Code"], error.response["Error"]["Message"])
    except Exception as error:
        return "raised", type(error).__name__
    items = client.scan(TableName=TABLE, ConsistentRead=True)["Items"]
    return "ok", sorted(json.dumps(item, sort_keys=True) for item in items)


def run_updates(fast: bool) -> list[tuple[str, Any]]:
    results = []
    for n, (existing, expression, names, values, condition) in enumerate(UPDATES):
        with dynamodb(fast) as client:
            key = {"name": {"S": f"c{n}"}}
            if existing is not None:
                client.put_item(TableName=TABLE, Item={**key, **existing})
            request = {
                "TableName": TABLE,
                "Key": key,
                "UpdateExpression": expression,
                "ExpressionAttributeNames": names,
                "ExpressionAttributeValues": values,
                "ReturnValues": "ALL_NEW",
                **({"ConditionExpression": condition} if condition else {}),
            }
            results.append(
                outcome(client, lambda client=client, request=request: client.update_item(**request))
            )
    return results


def test_fast_counter_updates_answer_as_moto_does() -> None:
    assert run_updates(fast=True) == run_updates(fast=False)


def counter_update(name: str, delta: str) -> dict[str, Any]:
    return {
        "Update": {
            "TableName": TABLE,
            "Key": {"name": {"S": name}},
            "UpdateExpression": "ADD #0 :0",
            "ExpressionAttributeNames": {"#0": "value"},
            "ExpressionAttributeValues": {":0": {"N": delta}},
        }
    }


TRANSACTIONS: list[list[dict[str, Any]]] = [
    [counter_update("a", "1"), counter_update("b", "2")],
    [counter_update("a", "1"), {"Put": {"TableName": TABLE, "Item": {"name": {"S": "new"}}}}],
    [  # cancelled by its last item: nothing of it may remain
        counter_update("a", "5"),
        {"Put": {"TableName": TABLE, "Item": {"name": {"S": "fresh"}, "v": {"N": "1"}}}},
        {
            "Put": {
                "TableName": TABLE,
                "Item": {"name": {"S": "new"}},
                "ConditionExpression": "attribute_not_exists(#k)",
                "ExpressionAttributeNames": {"#k": "name"},
            }
        },
    ],
    [counter_update("a", "1"), counter_update("a", "1")],  # the same item twice: refused
    [  # a condition on an item that changes in the same transaction is refused as a whole
        counter_update("b", "-2"),
        {
            "ConditionCheck": {
                "TableName": TABLE,
                "Key": {"name": {"S": "missing"}},
                "ConditionExpression": "attribute_exists(#k)",
                "ExpressionAttributeNames": {"#k": "name"},
            }
        },
    ],
]


@pytest.mark.parametrize("fast", [True, False], ids=["item-undo", "moto"])
def test_transactions_commit_or_roll_back_whole(fast: bool) -> None:
    with dynamodb(fast) as client:
        results = [
            outcome(client, lambda items=items: client.transact_write_items(TransactItems=items))
            for items in TRANSACTIONS
        ]
        final = outcome(client, lambda: None)
    assert [kind for kind, _ in results] == ["ok", "ok", "error", "error", "error"]
    assert results[2][1][0] == "TransactionCanceledException"
    expected = [
        {"name": {"S": "a"}, "value": {"N": "2"}},
        {"name": {"S": "b"}, "value": {"N": "2"}},
        {"name": {"S": "new"}},
    ]
    assert final == ("ok", sorted(json.dumps(item, sort_keys=True) for item in expected))


def test_a_retried_transaction_applies_once_as_in_dynamodb() -> None:
    with dynamodb(fast=True) as client:
        first = [counter_update("a", "1")]
        client.transact_write_items(TransactItems=first, ClientRequestToken="retry-1")
        client.transact_write_items(TransactItems=first, ClientRequestToken="retry-1")  # a retry
        client.transact_write_items(TransactItems=first, ClientRequestToken="another")
        with pytest.raises(ClientError) as refused:
            client.transact_write_items(
                TransactItems=[counter_update("b", "1")], ClientRequestToken="retry-1"
            )
        final = outcome(client, lambda: None)
    assert refused.value.response["Error"]["Code"] == "IdempotentParameterMismatchException"
    assert final == ("ok", [json.dumps({"name": {"S": "a"}, "value": {"N": "2"}}, sort_keys=True)])


def run_queries(fast: bool) -> list[tuple[str, Any]]:
    """Queries of one partition among many, forwards, backwards, paged, by range and filter."""
    with mock_aws(), serialise_dynamodb(), moto_fast.installed() if fast else contextlib.nullcontext():
        client = boto3.client(
            "dynamodb", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
        )
        client.create_table(
            TableName="history",
            KeySchema=[
                {"AttributeName": "user", "KeyType": "HASH"},
                {"AttributeName": "id", "KeyType": "RANGE"},
            ],
            AttributeDefinitions=[
                {"AttributeName": "user", "AttributeType": "S"},
                {"AttributeName": "id", "AttributeType": "S"},
                {"AttributeName": "cluster", "AttributeType": "N"},
            ],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "by-cluster",
                    "KeySchema": [{"AttributeName": "cluster", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        for n in range(60):
            item = {"user": {"S": f"u{n % 3}"}, "id": {"S": f"{n:04d}"}, "cluster": {"N": str(n % 4)}}
            client.put_item(TableName="history", Item=item)
        own = {"KeyConditionExpression": "#u = :u", "ExpressionAttributeNames": {"#u": "user"}}
        requests: list[dict[str, Any]] = [
            {**own, "ExpressionAttributeValues": {":u": {"S": "u1"}}},
            {**own, "ExpressionAttributeValues": {":u": {"S": "u2"}}, "ScanIndexForward": False, "Limit": 4},
            {**own, "ExpressionAttributeValues": {":u": {"S": "nobody"}}},
            {
                "KeyConditionExpression": "#u = :u AND #i BETWEEN :a AND :b",
                "ExpressionAttributeNames": {"#u": "user", "#i": "id"},
                "ExpressionAttributeValues": {":u": {"S": "u0"}, ":a": {"S": "0010"}, ":b": {"S": "0040"}},
                "FilterExpression": "#c > :c",
            },
            {
                "IndexName": "by-cluster",
                "KeyConditionExpression": "#c = :c",
                "ExpressionAttributeNames": {"#c": "cluster"},
                "ExpressionAttributeValues": {":c": {"N": "2"}},
            },
        ]
        requests[3]["ExpressionAttributeNames"]["#c"] = "cluster"
        requests[3]["ExpressionAttributeValues"][":c"] = {"N": "1"}
        results: list[tuple[str, Any]] = []
        for request in requests:
            paginator = client.get_paginator("query")
            try:
                pages = paginator.paginate(TableName="history", **request, PaginationConfig={"PageSize": 3})
                results.append(("pages", [page["Items"] for page in pages]))
            except ClientError as error:
                results.append(("error", error.response["Error"]["Code"]))
        return results


def test_partition_queries_answer_as_moto_does() -> None:
    fast = run_queries(fast=True)
    assert any(kind == "pages" and any(value) for kind, value in fast)
    assert fast == run_queries(fast=False)
