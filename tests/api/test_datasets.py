"""Datasets: presigned uploads straight to S3, background profiling, inline uploads, bad input."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from pathlib import Path

import pytest
import requests

from segcore import layout
from tests.support.api import assert_error, seed_account
from tests.support.trainer_inline import InlineTrainer, install_inline_trainer

MALL = Path(__file__).resolve().parents[2] / "data" / "mall_customers.csv"


@pytest.fixture()
def trainer(monkeypatch, aws) -> InlineTrainer:
    return install_inline_trainer(monkeypatch)


def start_upload(client, token: str, filename: str, size: int, **extra):
    return client.post("/datasets/uploads", {"filename": filename, "size_bytes": size, **extra}, token=token)


def send_file(upload: dict, body: bytes, filename: str = "file.csv") -> requests.Response:
    """What the SPA does: a form POST of the presigned fields, then the file."""
    return requests.post(upload["url"], data=upload["fields"], files={"file": (filename, body)}, timeout=30)


def upload_file(client, token: str, body: bytes, filename: str = "file.csv") -> str:
    started = start_upload(client, token, filename, len(body))
    assert started.status == 201, started.json
    assert send_file(started.json["upload"], body, filename).status_code in (200, 201, 204)
    return str(started.json["dataset_id"])


def inline(client, token: str, body: bytes | str, content_type: str = "text/csv", query: str = ""):
    headers = {"Content-Type": content_type}
    return client.request("POST", f"/datasets{query}", raw=body, token=token, headers=headers)


def columns_by_name(dataset: dict) -> dict[str, dict]:
    return {column["name"]: column for column in dataset["columns"]}


# ---- presigned uploads ------------------------------------------------------------------------


def test_mall_customers_upload_through_a_presigned_post_then_profile_in_the_background(client, trainer):
    user = seed_account()
    started = start_upload(client, user.token, "Mall_Customers.csv", len(MALL.read_bytes()))
    assert started.status == 201, started.json
    upload = started.json["upload"]
    assert upload["method"] == "POST" and upload["fields"]["key"] == layout.dataset_key(
        started.json["dataset_id"]
    )
    assert started.json["expires_at"].endswith("Z")
    dataset_id = started.json["dataset_id"]
    pending = client.get(f"/datasets/{dataset_id}", token=user.token).json
    assert (pending["status"], pending["filename"], pending["columns"]) == (
        "uploading",
        "Mall_Customers.csv",
        [],
    )

    assert send_file(upload, MALL.read_bytes()).status_code == 204
    completed = client.post(f"/datasets/{dataset_id}/complete", token=user.token)
    assert completed.status == 202, completed.json
    assert completed.json["status"] == "profiling"
    assert trainer.events == [{"task": "profile", "job_id": dataset_id, "dataset_id": dataset_id}]

    dataset = client.get(f"/datasets/{dataset_id}", token=user.token).json
    assert (dataset["status"], dataset["rows"], dataset["rejected_rows"]) == ("ready", 200, 0)
    columns = columns_by_name(dataset)
    assert columns["customer_id"]["type"] == "id" and columns["customer_id"]["suggested"] == "id"
    assert columns["gender"]["type"] == "categorical" and columns["gender"]["suggested"] == "feature"
    assert {c["value"] for c in columns["gender"]["top_values"]} == {"Female", "Male"}
    assert columns["annual_income_thousands"]["type"] == "numeric"
    assert dataset["id_column"] == "customer_id" and dataset["uploaded_by"] == user.id


def test_the_upload_policy_limits_the_size_to_5_gib_and_the_key_to_the_dataset(client, trainer):
    user = seed_account()
    started = start_upload(client, user.token, "big.csv", 5 * 1024**3).json
    policy = json.loads(base64.b64decode(started["upload"]["fields"]["policy"]))
    assert ["content-length-range", 1, 5 * 1024**3] in policy["conditions"]
    assert {"key": layout.dataset_key(started["dataset_id"])} in policy["conditions"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"filename": "a.csv", "size_bytes": 0}, "file"),
        ({"filename": "a.csv", "size_bytes": 5 * 1024**3 + 1}, "size_bytes"),
        ({"filename": "a.csv", "size_bytes": "12"}, "size_bytes"),
        ({"filename": "", "size_bytes": 12}, "filename"),
        ({"filename": "../../", "size_bytes": 12}, "filename"),
        ({"size_bytes": 12}, "filename"),
        ({"filename": "a.csv", "size_bytes": 12, "kind": "orders"}, "kind"),
        ({"filename": "a.csv", "size_bytes": 12, "bucket": "other"}, "bucket"),
    ],
)
def test_bad_upload_requests_are_422_naming_the_field(client, trainer, body, field):
    user = seed_account()
    reply = assert_error(client.post("/datasets/uploads", body, token=user.token), 422)
    assert field in {d["field"] for d in reply["details"]}, reply


def test_complete_before_the_file_arrived_is_409_and_can_be_retried_after(client, trainer):
    user = seed_account()
    body = MALL.read_bytes()
    started = start_upload(client, user.token, "mall.csv", len(body)).json
    path = f"/datasets/{started['dataset_id']}/complete"
    assert_error(client.post(path, token=user.token), 409, "upload_incomplete")
    send_file(started["upload"], body)
    assert client.post(path, token=user.token).status == 202
    assert_error(client.post(path, token=user.token), 409, "dataset_already_completed")


def test_completing_an_unknown_or_someone_elses_dataset_is_404(client, trainer):
    owner, other, analyst = seed_account(), seed_account(), seed_account("analyst")
    dataset_id = upload_file(client, owner.token, MALL.read_bytes())
    for token in (other.token, analyst.token):
        assert_error(client.post(f"/datasets/{dataset_id}/complete", token=token), 404, "dataset_not_found")
    assert_error(client.post("/datasets/ds-nope/complete", token=owner.token), 404, "dataset_not_found")
    assert_error(client.post("/datasets/..%2Fmodels/complete", token=owner.token), 404)
    assert trainer.events == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"just text without any delimiter\nsecond line\n", "single column"),
    ],
)
def test_an_uploaded_file_that_is_not_csv_is_422_on_complete_and_the_dataset_fails(
    client, trainer, body, message
):
    user = seed_account()
    dataset_id = upload_file(client, user.token, body)
    reply = assert_error(
        client.post(f"/datasets/{dataset_id}/complete", token=user.token), 422, "invalid_csv"
    )
    assert message in reply["message"]
    dataset = client.get(f"/datasets/{dataset_id}", token=user.token).json
    assert dataset["status"] == "failed" and message in dataset["error"]
    assert trainer.events == []


def test_mall_customers_saved_by_excel_as_unicode_text_uploads_and_profiles_like_the_original(
    client, trainer
):
    """Excel's "Unicode Text": UTF-16 with a byte-order mark, tab separated, CRLF."""
    user = seed_account()
    original = MALL.read_text(encoding="utf-8")
    unicode_text = original.replace(",", "\t").replace("\n", "\r\n").encode("utf-16")
    expected = inline(client, user.token, original.encode()).json
    dataset_id = upload_file(client, user.token, unicode_text, "mall.txt")
    assert client.post(f"/datasets/{dataset_id}/complete", token=user.token).status == 202
    dataset = client.get(f"/datasets/{dataset_id}", token=user.token).json
    assert dataset["status"] == "ready", dataset
    assert dataset["dialect"] == {"delimiter": "\t", "decimal_comma": False, "encoding": "utf-16"}
    assert dataset["rows"] == expected["rows"] == 200 and dataset["columns"] == expected["columns"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"customer_id,age,Age\n1,30,31\n", "more than once"),
        (b"customer_id,age\n", "no data rows"),
        (b"customer_id,age\n1,2,3\n4,5,6\n", "no valid rows"),
    ],
)
def test_a_file_profiling_cannot_use_leaves_the_dataset_failed_with_the_reason(
    client, trainer, body, message
):
    user = seed_account()
    dataset_id = upload_file(client, user.token, body)
    assert client.post(f"/datasets/{dataset_id}/complete", token=user.token).status == 202
    dataset = client.get(f"/datasets/{dataset_id}", token=user.token).json
    assert dataset["status"] == "failed" and message in dataset["error"], dataset


def test_a_profiler_crash_leaves_the_dataset_failed_with_a_message(client, trainer, monkeypatch):
    import segtrainer.profile_task as task

    def crash(*args, **kwargs):
        raise MemoryError("out of memory")

    user = seed_account()
    dataset_id = upload_file(client, user.token, MALL.read_bytes())
    monkeypatch.setattr(task, "profile_csv", crash)
    assert client.post(f"/datasets/{dataset_id}/complete", token=user.token).status == 202
    dataset = client.get(f"/datasets/{dataset_id}", token=user.token).json
    assert dataset["status"] == "failed" and "MemoryError" in dataset["error"]


def test_a_profiler_that_died_outright_is_settled_as_failed_once_it_stops_reporting(
    client, trainer, monkeypatch
):
    from chalicelib.services import services
    from chalicelib.timeutil import utcnow

    user = seed_account()
    dataset_id = upload_file(client, user.token, MALL.read_bytes())
    trainer.paused = True  # the process never reports back
    client.post(f"/datasets/{dataset_id}/complete", token=user.token)
    assert client.get(f"/datasets/{dataset_id}", token=user.token).json["status"] == "profiling"
    later = utcnow() + timedelta(minutes=20)
    monkeypatch.setattr(services().datasets, "clock", lambda: later)
    dataset = client.get(f"/datasets/{dataset_id}", token=user.token).json
    assert dataset["status"] == "failed" and "stopped" in dataset["error"]

    trainer.run(trainer.events[-1])  # the profiler wakes after all: the verdict it was given stands
    late = client.get(f"/datasets/{dataset_id}", token=user.token).json
    assert (late["status"], late["error"]) == ("failed", dataset["error"])


def test_a_second_completion_racing_the_first_is_409_and_the_file_is_profiled_once(
    client, trainer, monkeypatch
):
    from chalicelib.db.models import UserRecord
    from chalicelib.services import services

    user = seed_account()
    dataset_id = upload_file(client, user.token, MALL.read_bytes())
    trainer.paused = True
    artifacts = services().datasets.artifacts
    real_read, reads = artifacts.read_record, []

    def read_then_the_other_request_completes(key: str):
        found = real_read(key)
        reads.append(key)
        if len(reads) == 1:  # the other request writes "profiling" before this one does
            other = services().datasets
            monkeypatch.setattr(artifacts, "read_record", real_read)
            other.complete(UserRecord.get(user.id), dataset_id)
            monkeypatch.setattr(artifacts, "read_record", read_then_the_other_request_completes)
        return found

    monkeypatch.setattr(artifacts, "read_record", read_then_the_other_request_completes)
    assert_error(
        client.post(f"/datasets/{dataset_id}/complete", token=user.token), 409, "dataset_already_completed"
    )
    assert [event["dataset_id"] for event in trainer.events] == [dataset_id]


def test_a_dataset_whose_record_keeps_changing_is_shown_as_it_is(client, trainer, monkeypatch):
    from chalicelib.services import services
    from chalicelib.timeutil import utcnow
    from segcore.records import RecordChanged

    user = seed_account()
    dataset_id = upload_file(client, user.token, MALL.read_bytes())
    artifacts = services().datasets.artifacts
    real_write = artifacts.write_record

    def always_raced(key: str, value, *, version):
        raise RecordChanged(key)

    monkeypatch.setattr(artifacts, "write_record", always_raced)
    monkeypatch.setattr(services().datasets, "clock", lambda: utcnow() + timedelta(hours=2))  # expired
    listed = client.get("/datasets", token=user.token)
    assert listed.status == 200, listed.body[:300]
    assert [(d["dataset_id"], d["status"]) for d in listed.json["datasets"]] == [(dataset_id, "uploading")]
    assert client.get(f"/datasets/{dataset_id}", token=user.token).json["status"] == "uploading"
    monkeypatch.setattr(artifacts, "write_record", real_write)
    assert client.get(f"/datasets/{dataset_id}", token=user.token).json["status"] == "failed"  # settled


def test_an_upload_never_completed_fails_when_its_link_expires(client, trainer, monkeypatch):
    from chalicelib.services import services
    from chalicelib.timeutil import utcnow

    user = seed_account()
    dataset_id = start_upload(client, user.token, "late.csv", 100).json["dataset_id"]
    later = utcnow() + timedelta(hours=2)
    monkeypatch.setattr(services().datasets, "clock", lambda: later)
    dataset = client.get(f"/datasets/{dataset_id}", token=user.token).json
    assert dataset["status"] == "failed" and "not completed" in dataset["error"]
    assert_error(client.post(f"/datasets/{dataset_id}/complete", token=user.token), 409)


# ---- inline uploads ---------------------------------------------------------------------------


def test_an_inline_csv_is_profiled_at_once_and_keeps_its_filename(client, trainer):
    user = seed_account()
    reply = inline(client, user.token, MALL.read_bytes(), query="?filename=Mall%20Customers.csv")
    assert reply.status == 201, reply.json
    body = reply.json
    assert (body["status"], body["rows"], body["filename"]) == ("ready", 200, "Mall Customers.csv")
    assert columns_by_name(body)["gender"]["type"] == "categorical"
    assert trainer.events == []


def test_inline_rows_with_bad_values_are_counted_with_their_row_and_customer_id(client, trainer):
    analyst = seed_account("analyst")
    rows = [f"{i},{'Male' if i % 2 else 'Female'},{20 + i % 50},{i % 100}" for i in range(1, 101)]
    rows[2] = "3,Female,abc,6"
    rows[3] = "4,Male,23"
    text = "CustomerID,Gender,Age,Spending\n" + "\n".join(rows) + "\n"
    body = inline(client, analyst.token, text).json
    assert (body["rows"], body["rejected_rows"]) == (98, 2)
    assert body["errors"] == [
        {
            "row": 3,
            "customer_id": "3",
            "errors": [{"field": "Age", "message": "must be a number (got 'abc')"}],
        },
        {
            "row": 4,
            "customer_id": "4",
            "errors": [{"field": "row", "message": "has 3 values; the header has 4"}],
        },
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("\ufeff\r\n", "empty"),
        ("a,b,A\n1,2,3\n", "more than once"),
        ("a,,b\n1,2,3\n", "no name"),
        ("one column\n1\n2\n", "single column"),
        ("a,b\n", "no data rows"),
    ],
)
def test_inline_files_that_cannot_be_used_are_422(client, trainer, text, message):
    user = seed_account()
    reply = assert_error(inline(client, user.token, text), 422, "invalid_csv")
    assert message in reply["message"], reply


def test_inline_uploads_over_5_mb_are_413_and_json_is_415(client, trainer):
    user = seed_account()
    big = "a,b\n" + "1,2\n" * (5 * 1024 * 1024 // 4 + 10)
    assert_error(inline(client, user.token, big), 413)
    assert_error(inline(client, user.token, '{"a": 1}', "application/json"), 415)


# ---- who sees what ----------------------------------------------------------------------------


def test_users_see_their_own_datasets_and_analysts_all_newest_first(client, trainer):
    alice, bob, analyst = seed_account(), seed_account(), seed_account("analyst")
    first = inline(client, alice.token, MALL.read_bytes(), query="?filename=first.csv").json["dataset_id"]
    second = inline(client, bob.token, MALL.read_bytes(), query="?filename=second.csv").json["dataset_id"]
    mine = client.get("/datasets", token=alice.token).json["datasets"]
    assert [(d["dataset_id"], d["filename"]) for d in mine] == [(first, "first.csv")]
    assert_error(client.get(f"/datasets/{second}", token=alice.token), 404, "dataset_not_found")
    everything = client.get("/datasets", token=analyst.token).json["datasets"]
    assert [d["dataset_id"] for d in everything] == [second, first]
    assert client.get(f"/datasets/{first}", token=analyst.token).status == 200


def test_unknown_datasets_are_404(client, trainer):
    user = seed_account()
    assert_error(client.get("/datasets/ds-missing", token=user.token), 404, "dataset_not_found")
    assert_error(client.get("/datasets/..", token=user.token), 404)
