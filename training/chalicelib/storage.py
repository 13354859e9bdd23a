"""The artifacts bucket: JSON and bytes by key, through a boto3 S3 client given to it."""

from __future__ import annotations

import json
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from chalicelib.settings import Settings

_MISSING_CODES = frozenset({"NoSuchKey", "404", "NotFound"})


def make_s3_client(settings: Settings) -> Any:
    return boto3.client(
        "s3",
        region_name=settings.aws_region,
        endpoint_url=settings.aws_endpoint_url,
        config=Config(retries={"mode": "standard", "max_attempts": 5}),
    )


class ArtifactStore:
    def __init__(self, client: Any, bucket: str) -> None:
        self._client = client
        self.bucket = bucket

    def get_bytes(self, key: str) -> bytes | None:
        """The object's body, or None when there is no such key."""
        try:
            response = self._client.get_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in _MISSING_CODES:
                return None
            raise
        body: bytes = response["Body"].read()
        return body

    def get_json(self, key: str) -> Any | None:
        body = self.get_bytes(key)
        return None if body is None else json.loads(body)

    def put_bytes(self, key: str, body: bytes, content_type: str) -> None:
        self._client.put_object(Bucket=self.bucket, Key=key, Body=body, ContentType=content_type)

    def put_json(self, key: str, value: Any) -> None:
        body = json.dumps(value, allow_nan=False, separators=(",", ":")).encode()
        self.put_bytes(key, body, "application/json")
