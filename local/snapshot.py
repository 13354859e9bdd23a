"""The snapshot format of the local stack before its journal (snapshot.json.gz): read once.

A state folder written by an older local stack holds every table and object as gzip'd JSON;
the stack loads it into moto through the API on its first start, after which the journal and
its snapshots (local/moto_runner.py) keep the state.
"""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path
from typing import Any

SNAPSHOT_NAME = "snapshot.json.gz"


def read(state_dir: Path) -> dict[str, Any] | None:
    path = state_dir / SNAPSHOT_NAME
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def restore(dynamodb: Any, s3: Any, snapshot: dict[str, Any]) -> None:
    existing = set(dynamodb.list_tables()["TableNames"])
    for table in snapshot["tables"]:
        if table["name"] not in existing:
            dynamodb.create_table(
                TableName=table["name"],
                KeySchema=table["key_schema"],
                AttributeDefinitions=table["attributes"],
                BillingMode="PAY_PER_REQUEST",
            )
        if table.get("ttl_attribute"):
            dynamodb.update_time_to_live(
                TableName=table["name"],
                TimeToLiveSpecification={"Enabled": True, "AttributeName": table["ttl_attribute"]},
            )
        items = table["items"]
        for start in range(0, len(items), 25):
            batch = [{"PutRequest": {"Item": item}} for item in items[start : start + 25]]
            pending: dict[str, Any] = {table["name"]: batch}
            while pending:
                pending = dynamodb.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}
    existing_buckets = {b["Name"] for b in s3.list_buckets()["Buckets"]}
    for bucket in snapshot["buckets"]:
        if bucket["name"] not in existing_buckets:
            s3.create_bucket(Bucket=bucket["name"])
        for obj in bucket["objects"]:
            extra = {"ContentType": obj["content_type"]} if obj.get("content_type") else {}
            s3.put_object(Bucket=bucket["name"], Key=obj["key"], Body=base64.b64decode(obj["body"]), **extra)
