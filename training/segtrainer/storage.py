"""The artifacts bucket: JSON and bytes by key, through a boto3 S3 client given to it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from segcore import records
from segtrainer.settings import Settings

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

    def read_record(self, key: str) -> tuple[Any | None, str | None]:
        """A job record and its version, for a later ``write_record`` (see ``segcore.records``)."""
        return records.read_record(self._client, self.bucket, key)

    def write_record(self, key: str, value: Any, *, version: str | None) -> str:
        """Replace a job record still at ``version``; ``RecordChanged`` when someone wrote first."""
        return records.write_record(self._client, self.bucket, key, value, version=version)

    def iter_blocks(self, key: str, block_bytes: int = 8 * 1024 * 1024) -> Iterator[bytes]:
        """The object's bytes in blocks, streamed (never the whole object in memory)."""
        response = self._client.get_object(Bucket=self.bucket, Key=key)
        yield from response["Body"].iter_chunks(block_bytes)

    def size(self, key: str) -> int | None:
        try:
            return int(self._client.head_object(Bucket=self.bucket, Key=key)["ContentLength"])
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in _MISSING_CODES:
                return None
            raise

    def writer(self, key: str, content_type: str) -> MultipartWriter:
        return MultipartWriter(self._client, self.bucket, key, content_type)


class MultipartWriter:
    """Writes an object of any size as a multipart upload in parts of ``PART_BYTES``.

    Use as a context manager: the upload is completed on a clean exit and aborted on an error,
    so a failed job never leaves a partial object behind.
    """

    PART_BYTES = 16 * 1024 * 1024

    def __init__(self, client: Any, bucket: str, key: str, content_type: str) -> None:
        self._client = client
        self._bucket = bucket
        self._key = key
        self._content_type = content_type
        self._buffer: list[bytes] = []
        self._buffered = 0
        self._parts: list[dict[str, Any]] = []
        self._upload_id: str | None = None

    def __enter__(self) -> MultipartWriter:
        response = self._client.create_multipart_upload(
            Bucket=self._bucket, Key=self._key, ContentType=self._content_type
        )
        self._upload_id = response["UploadId"]
        return self

    def write(self, data: bytes) -> None:
        self._buffer.append(data)
        self._buffered += len(data)
        if self._buffered >= self.PART_BYTES:
            self._flush()

    def _flush(self) -> None:
        body = b"".join(self._buffer)
        self._buffer, self._buffered = [], 0
        number = len(self._parts) + 1
        response = self._client.upload_part(
            Bucket=self._bucket, Key=self._key, UploadId=self._upload_id, PartNumber=number, Body=body
        )
        self._parts.append({"PartNumber": number, "ETag": response["ETag"]})

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if error is not None:
            self._client.abort_multipart_upload(Bucket=self._bucket, Key=self._key, UploadId=self._upload_id)
            return
        if self._buffer or not self._parts:
            self._flush()
        self._client.complete_multipart_upload(
            Bucket=self._bucket,
            Key=self._key,
            UploadId=self._upload_id,
            MultipartUpload={"Parts": self._parts},
        )
