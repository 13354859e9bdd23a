"""Snapshot of every table and object of the local moto server, restored on the next start.

moto keeps state in memory only, so the local stack writes one gzip'd JSON file atomically
(temporary file, then rename) on clean shutdown and periodically, and loads it on start.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
from pathlib import Path
from typing import Any

SNAPSHOT_NAME = "snapshot.json.gz"


def take(dynamodb: Any, s3: Any) -> dict[str, Any]:
    tables = []
    for name in dynamodb.list_tables()["TableNames"]:
        desc = dynamodb.describe_table(TableName=name)["Table"]
        ttl = dynamodb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
        items = [
            item
            for page in dynamodb.get_paginator("scan").paginate(TableName=name, ConsistentRead=True)
            for item in page["Items"]
        ]
        tables.append(
            {
                "name": name,
                "key_schema": desc["KeySchema"],
                "attributes": desc["AttributeDefinitions"],
                "ttl_attribute": ttl.get("AttributeName")
                if ttl.get("TimeToLiveStatus") == "ENABLED"
                else None,
                "items": items,
            }
        )
    buckets = []
    for bucket in s3.list_buckets()["Buckets"]:
        objects = []
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket["Name"]):
            for entry in page.get("Contents", []):
                obj = s3.get_object(Bucket=bucket["Name"], Key=entry["Key"])
                objects.append(
                    {
                        "key": entry["Key"],
                        "content_type": obj.get("ContentType"),
                        "body": base64.b64encode(obj["Body"].read()).decode(),
                    }
                )
        buckets.append({"name": bucket["Name"], "objects": objects})
    return {"format": 1, "tables": tables, "buckets": buckets}


def write(state_dir: Path, snapshot: dict[str, Any]) -> Path:
    state_dir.mkdir(parents=True, exist_ok=True)
    target = state_dir / SNAPSHOT_NAME
    tmp = target.with_name(target.name + ".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as handle:
        json.dump(snapshot, handle)
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    return target


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
