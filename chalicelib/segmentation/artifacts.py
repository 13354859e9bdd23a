"""The artifacts bucket: JSON objects and CSV text, with errors the API understands."""

from __future__ import annotations

import json
from typing import Any

from botocore.exceptions import ClientError

from segcore import records


class ArtifactStore:
    def __init__(self, s3: Any, bucket: str) -> None:
        self.s3 = s3
        self.bucket = bucket

    def get_bytes(self, key: str) -> bytes | None:
        try:
            response = self.s3.get_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                return None
            raise
        body: bytes = response["Body"].read()
        return body

    def get_json(self, key: str) -> Any | None:
        raw = self.get_bytes(key)
        return None if raw is None else json.loads(raw)

    def put_json(self, key: str, value: Any) -> None:
        self.put_bytes(key, json.dumps(value, separators=(",", ":")).encode(), "application/json")

    def read_record(self, key: str) -> tuple[Any | None, str | None]:
        """A job record and its version, for a later ``write_record`` (see ``segcore.records``)."""
        return records.read_record(self.s3, self.bucket, key)

    def write_record(self, key: str, value: Any, *, version: str | None) -> str:
        """Replace a job record still at ``version``; ``RecordChanged`` when someone wrote first."""
        return records.write_record(self.s3, self.bucket, key, value, version=version)

    def put_bytes(self, key: str, body: bytes, content_type: str) -> None:
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=body, ContentType=content_type)

    def size(self, key: str) -> int | None:
        """The object's size in bytes, or None when there is no such object."""
        try:
            response = self.s3.head_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                return None
            raise
        return int(response["ContentLength"])

    def first_bytes(self, key: str, count: int) -> bytes:
        response = self.s3.get_object(Bucket=self.bucket, Key=key, Range=f"bytes=0-{count - 1}")
        body: bytes = response["Body"].read()
        return body

    def presigned_post(self, key: str, *, max_bytes: int, expires_in: int) -> dict[str, Any]:
        """A form upload of at most ``max_bytes`` to ``key``: ``{url, fields}``."""
        post: dict[str, Any] = self.s3.generate_presigned_post(
            Bucket=self.bucket,
            Key=key,
            Conditions=[["content-length-range", 1, max_bytes]],
            ExpiresIn=expires_in,
        )
        return post

    def presigned_get(self, key: str, *, expires_in: int, filename: str) -> str:
        url: str = self.s3.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.bucket,
                "Key": key,
                "ResponseContentDisposition": f'attachment; filename="{filename}"',
                "ResponseContentType": "text/csv",
            },
            ExpiresIn=expires_in,
        )
        return url

    def list_prefixes(self, prefix: str) -> list[str]:
        found: list[str] = []
        paginator = self.s3.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix, Delimiter="/"):
            found += [p["Prefix"] for p in page.get("CommonPrefixes", [])]
        return found

    def list_keys(self, prefix: str) -> list[str]:
        keys: list[str] = []
        paginator = self.s3.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
            keys += [obj["Key"] for obj in page.get("Contents", [])]
        return keys

    def delete_keys(self, keys: list[str]) -> None:
        for start in range(0, len(keys), 1000):
            chunk = keys[start : start + 1000]
            self.s3.delete_objects(
                Bucket=self.bucket, Delete={"Objects": [{"Key": k} for k in chunk], "Quiet": True}
            )
