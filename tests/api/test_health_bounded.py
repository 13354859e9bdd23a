"""GET /health answers in about its timeout while DynamoDB and S3 accept connections and go silent."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import botocore.session
import pytest

from chalicelib.healthcheck import HealthChecker, health_client_config


@pytest.fixture()
def silent_server() -> Iterator[str]:
    """Accepts every connection and never sends a byte."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def silent_client(service: str, endpoint: str, timeout: float) -> Any:
    return botocore.session.get_session().create_client(
        service,
        region_name="us-east-1",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=health_client_config(timeout),
    )


def test_health_checks_of_silent_stores_give_up_within_the_timeout(silent_server):
    dynamodb = silent_client("dynamodb", silent_server, 1.0)
    s3 = silent_client("s3", silent_server, 1.0)
    # The model and training probes use the ordinary clients (10 s reads, retries): bounded too.
    slow_s3 = botocore.session.get_session().create_client(
        "s3",
        region_name="us-east-1",
        endpoint_url=silent_server,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    checker = HealthChecker(
        dynamodb=lambda: dynamodb.describe_table(TableName="t"),
        s3=lambda: s3.head_bucket(Bucket="b"),
        model_version=lambda: slow_s3.get_object(Bucket="b", Key="models/active.json"),
        training=lambda: slow_s3.get_object(Bucket="b", Key="jobs/x.json"),
        timeout_seconds=1.0,
    )
    started = time.monotonic()
    report = checker.report("1.0.0")
    elapsed = time.monotonic() - started
    assert elapsed < 2.5, elapsed
    assert report.status == "degraded"
    assert report.dynamodb.status == report.s3.status == "down"
    assert report.model.status == "down" and report.active_model_version is None
    assert report.training.status == "unknown"


def test_the_health_route_is_bounded_by_its_setting(client, monkeypatch, silent_server):
    from chalicelib import aws

    monkeypatch.setattr(aws, "health_client", lambda service: silent_client(service, silent_server, 1.0))
    started = time.monotonic()
    reply = client.get("/health")
    elapsed = time.monotonic() - started
    assert reply.status == 200
    assert elapsed < 4.0, elapsed  # settings.health_timeout_seconds is 2 s
    body = reply.json
    assert body["status"] == "degraded"
    assert (body["dynamodb"]["status"], body["s3"]["status"]) == ("down", "down")
