"""The durable moto server (local/moto_runner.py) on its own, killed with SIGKILL: every
acknowledged DynamoDB and S3 write comes back (form POST uploads, multipart, copies, deletes),
refused writes stay refused, and a record torn by the crash is dropped."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.support.stack import ROOT, free_port

BUCKET = "journal-test"
TABLE = "journal-test"
TORN = b"MJ01\x00\x00\x01\x00partial"  # the start of a record whose write never finished


class MotoProcess:
    def __init__(self, state_dir: Path, compact_mb: float) -> None:
        self.state_dir = state_dir
        self.port = free_port()
        self.compact_mb = compact_mb
        self.process: subprocess.Popen[str] | None = None

    @property
    def options(self) -> list[str]:
        return ["--port", str(self.port), "--compact-mb", str(self.compact_mb)]

    def start(self) -> str:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "local.moto_runner", str(self.state_dir), *self.options],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert "ready" in line, line
        return line

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def client(self, service: str) -> Any:
        return boto3.client(
            service,
            endpoint_url=f"http://127.0.0.1:{self.port}",
            region_name="us-east-1",
            aws_access_key_id="local",
            aws_secret_access_key="local",
        )


# Never compacting: everything comes back from the journal. Compacting every 50 kB: snapshots
# are taken while concurrent writers are held, and the journal carries on after each.
@pytest.fixture(params=[1000, 0.05], ids=["journal-only", "compacting"])
def moto(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[MotoProcess]:
    server = MotoProcess(tmp_path / "state", compact_mb=request.param)
    yield server
    if server.process is not None and server.process.poll() is None:
        server.kill()


def form_post(s3: Any, key: str, content: bytes) -> int:
    """A browser's presigned form upload: fields, then the file, as multipart/form-data."""
    post = s3.generate_presigned_post(BUCKET, key)
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in post["fields"].items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{key}"\r\n'
        f"Content-Type: text/csv\r\n\r\n".encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        post["url"],
        data=b"".join(parts),
        method="POST",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.status)


def count_up(dynamodb: Any, name: str) -> None:
    dynamodb.transact_write_items(
        TransactItems=[
            {
                "Update": {
                    "TableName": TABLE,
                    "Key": {"pk": {"S": name}},
                    "UpdateExpression": "ADD n :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                }
            }
        ]
    )


def test_sigkilled_moto_server_restores_every_acknowledged_write(moto: MotoProcess) -> None:
    moto.start()
    dynamodb, s3 = moto.client("dynamodb"), moto.client("s3")
    dynamodb.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    s3.create_bucket(Bucket=BUCKET)
    # Concurrent counters through transactions: each acknowledged increment must come back.
    acknowledged = [0] * 4

    def counter(n: int) -> None:
        for _ in range(40):
            count_up(dynamodb, f"counter-{n}")
            acknowledged[n] += 1

    writers = [threading.Thread(target=counter, args=(n,)) for n in range(4)]
    for writer in writers:
        writer.start()
    assert form_post(s3, "form.csv", b"a,b\n1,2\n") == 204
    s3.put_object(Bucket=BUCKET, Key="plain.csv", Body=b"x" * 1000, ContentType="text/csv")
    s3.upload_fileobj(io.BytesIO(b"m" * (9 * 1024 * 1024)), BUCKET, "multipart.bin")  # 2 parts
    s3.copy_object(Bucket=BUCKET, Key="copy.csv", CopySource={"Bucket": BUCKET, "Key": "plain.csv"})
    s3.put_object(Bucket=BUCKET, Key="gone.csv", Body=b"soon deleted")
    s3.delete_object(Bucket=BUCKET, Key="gone.csv")
    pending = s3.create_multipart_upload(Bucket=BUCKET, Key="resumed.bin")["UploadId"]
    first = s3.upload_part(
        Bucket=BUCKET, Key="resumed.bin", UploadId=pending, PartNumber=1, Body=b"r" * (5 * 1024 * 1024)
    )
    dynamodb.put_item(TableName=TABLE, Item={"pk": {"S": "guarded"}, "v": {"S": "first"}})
    with pytest.raises(ClientError):  # refused: must stay refused after replay
        dynamodb.put_item(
            TableName=TABLE,
            Item={"pk": {"S": "guarded"}, "v": {"S": "second"}},
            ConditionExpression="attribute_not_exists(pk)",
        )
    with pytest.raises(ClientError):  # a cancelled transaction leaves nothing behind
        dynamodb.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": TABLE, "Item": {"pk": {"S": "half"}}}},
                {
                    "Put": {
                        "TableName": TABLE,
                        "Item": {"pk": {"S": "guarded"}},
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
            ]
        )
    for writer in writers:
        writer.join()
    moto.kill()
    journals = sorted(moto.state_dir.glob("journal-*.log"))
    with open(journals[-1], "ab") as torn:  # a crash in the middle of writing a record
        torn.write(TORN)

    assert f"torn_bytes={len(TORN)}," in moto.start()
    dynamodb, s3 = moto.client("dynamodb"), moto.client("s3")
    for n, expected in enumerate(acknowledged):
        item = dynamodb.get_item(TableName=TABLE, Key={"pk": {"S": f"counter-{n}"}})["Item"]
        assert int(item["n"]["N"]) == expected
    assert dynamodb.get_item(TableName=TABLE, Key={"pk": {"S": "guarded"}})["Item"]["v"] == {"S": "first"}
    assert "Item" not in dynamodb.get_item(TableName=TABLE, Key={"pk": {"S": "half"}})
    listed = {o["Key"]: o["Size"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert listed == {"form.csv": 8, "plain.csv": 1000, "multipart.bin": 9 * 1024 * 1024, "copy.csv": 1000}
    assert s3.get_object(Bucket=BUCKET, Key="form.csv")["Body"].read() == b"a,b\n1,2\n"
    # The client still holds its upload id: it finishes the upload after the restart.
    second = s3.upload_part(Bucket=BUCKET, Key="resumed.bin", UploadId=pending, PartNumber=2, Body=b"s")
    s3.complete_multipart_upload(
        Bucket=BUCKET,
        Key="resumed.bin",
        UploadId=pending,
        MultipartUpload={
            "Parts": [{"PartNumber": 1, "ETag": first["ETag"]}, {"PartNumber": 2, "ETag": second["ETag"]}]
        },
    )
    assert s3.head_object(Bucket=BUCKET, Key="resumed.bin")["ContentLength"] == 5 * 1024 * 1024 + 1
