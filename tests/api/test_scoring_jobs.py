"""Scoring jobs: a whole dataset scored in the background, the result CSV behind a short link."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import boto3
import pytest
import requests

from segcore import layout
from tests.support.api import assert_error, seed_account
from tests.support.trainer_inline import InlineTrainer, install_inline_trainer

ROOT = Path(__file__).resolve().parents[2]
RESULT_COLUMNS = ["segment_id", "segment_name", "confidence", "atypical", "error"]


@pytest.fixture()
def trainer(monkeypatch, active_model) -> InlineTrainer:
    return install_inline_trainer(monkeypatch)


def customers_csv(rows: int = 300) -> str:
    lines = (ROOT / "data" / "customers.csv").read_text().splitlines()
    return "\n".join(lines[: rows + 1]) + "\n"


def upload(client, token: str, text: str | bytes) -> str:
    reply = client.request(
        "POST", "/datasets?filename=crm.csv", raw=text, token=token, headers={"Content-Type": "text/csv"}
    )
    assert reply.status == 201, reply.json
    return str(reply.json["dataset_id"])


def download(url: str) -> list[list[str]]:
    reply = requests.get(url, timeout=30)
    assert reply.status_code == 200
    return list(csv.reader(io.StringIO(reply.content.decode("utf-8-sig"))))


def test_a_scored_dataset_keeps_every_input_column_and_adds_the_segment_columns(client, trainer):
    user = seed_account()
    text = customers_csv()
    dataset_id = upload(client, user.token, text)
    started = client.post("/scoring-jobs", {"dataset_id": dataset_id}, token=user.token)
    assert started.status == 202, started.json
    assert started.json["status"] == "queued"
    job = client.get(f"/scoring-jobs/{started.json['job_id']}", token=user.token).json
    assert (job["status"], job["rows"], job["failed"], job["progress"]) == ("succeeded", 300, 0, 1.0)
    assert sum(job["summary"].values()) == 300 and job["error"] is None
    assert job["download_url"] and job["expires_at"].endswith("Z")
    table = download(job["download_url"])
    inputs = list(csv.reader(io.StringIO(text)))
    assert table[0] == inputs[0] + RESULT_COLUMNS
    assert [row[: len(inputs[0])] for row in table[1:]] == inputs[1:]
    names = set(job["summary"])
    for row in table[1:]:
        _segment_id, name, confidence, atypical, error = row[len(inputs[0]) :]
        assert name in names and 0 < float(confidence) <= 1 and atypical in ("true", "false") and error == ""


def test_an_excel_export_in_windows_1252_is_scored_like_its_utf8_original_and_returned_as_utf8(
    client, trainer
):
    user = seed_account()
    lines = customers_csv(40).splitlines()
    lines[0] = "Prénom," + lines[0]
    lines[1:] = [f"Zoë-{n}," + line for n, line in enumerate(lines[1:])]
    original = "\n".join(lines) + "\n"
    excel = original.replace(",", ";").replace("\n", "\r\n").encode("cp1252")
    results = []
    for body in (original.encode(), excel):
        dataset_id = upload(client, user.token, body)
        job_id = client.post("/scoring-jobs", {"dataset_id": dataset_id}, token=user.token).json["job_id"]
        job = client.get(f"/scoring-jobs/{job_id}", token=user.token).json
        assert (job["status"], job["rows"], job["failed"]) == ("succeeded", 40, 0), job
        reply = requests.get(job["download_url"], timeout=30)
        results.append(reply.content)
    utf8, from_excel = results
    assert from_excel.startswith(b"\xef\xbb\xbf")  # UTF-8, marked for Excel
    rows = list(csv.reader(io.StringIO(from_excel.decode("utf-8-sig")), delimiter=";"))
    expected = list(csv.reader(io.StringIO(utf8.decode("utf-8"))))
    assert rows[0] == expected[0] and rows[1][0] == "Zoë-0"
    assert [row[:-3] for row in rows] == [row[:-3] for row in expected]  # cells and segments


def test_the_finished_job_is_one_batch_in_the_history_however_often_it_is_read(client, trainer):
    user = seed_account()
    job_id = client.post(
        "/scoring-jobs", {"dataset_id": upload(client, user.token, customers_csv(50))}, token=user.token
    ).json["job_id"]
    for _ in range(3):
        assert client.get(f"/scoring-jobs/{job_id}", token=user.token).status == 200
    history = client.get("/history", token=user.token).json
    assert history["total"] == 1
    entry = history["history"][0]
    assert (entry["kind"], entry["count"], entry["failed"]) == ("batch", 50, 0)
    assert entry["customer_data"]["scoring_job_id"] == job_id
    assert client.get("/users/me/profile", token=user.token).json["total_predictions"] == 50


def test_rows_that_cannot_be_scored_keep_their_cells_and_say_why(client, trainer):
    user = seed_account()
    text = customers_csv(20).splitlines()
    header = text[0]
    bad_value = text[3].split(",")
    bad_value[2] = "abc"  # Age
    text[3] = ",".join(bad_value)
    text[5] = "5,Male,30"  # too few values
    text[7] = "=cmd|' /C calc'!A0,Female,40,50,50,10"  # a formula in the id column
    dataset_id = upload(client, user.token, "\n".join(text) + "\n")
    job_id = client.post("/scoring-jobs", {"dataset_id": dataset_id}, token=user.token).json["job_id"]
    job = client.get(f"/scoring-jobs/{job_id}", token=user.token).json
    assert (job["rows"], job["failed"]) == (20, 2), job
    table = download(job["download_url"])
    assert table[0] == [*header.split(","), *RESULT_COLUMNS]
    assert table[3][-5:-1] == ["", "", "", ""] and "Age: must be an integer" in table[3][-1]
    assert table[5][:3] == ["5", "Male", "30"] and "has 3 values" in table[5][-1]
    assert table[7][0].startswith("'=") and table[7][-1] == ""


def test_scoring_jobs_are_visible_to_their_owner_only(client, trainer):
    owner, other = seed_account(), seed_account("admin")
    job_id = client.post(
        "/scoring-jobs", {"dataset_id": upload(client, owner.token, customers_csv(20))}, token=owner.token
    ).json["job_id"]
    assert_error(client.get(f"/scoring-jobs/{job_id}", token=other.token), 404, "scoring_job_not_found")
    assert client.get("/scoring-jobs", token=other.token).json["jobs"] == []
    assert [j["job_id"] for j in client.get("/scoring-jobs", token=owner.token).json["jobs"]] == [job_id]
    assert_error(client.get("/scoring-jobs/score-unknown", token=owner.token), 404)


def test_unknown_or_unready_datasets_and_no_model_are_refused(client, trainer):
    from chalicelib.services import services

    user = seed_account()
    assert_error(
        client.post("/scoring-jobs", {"dataset_id": "ds-nope"}, token=user.token), 404, "dataset_not_found"
    )
    other = upload(client, seed_account().token, customers_csv(20))
    assert_error(client.post("/scoring-jobs", {"dataset_id": other}, token=user.token), 404)
    pending = client.post("/datasets/uploads", {"filename": "a.csv", "size_bytes": 10}, token=user.token).json
    assert_error(
        client.post("/scoring-jobs", {"dataset_id": pending["dataset_id"]}, token=user.token),
        409,
        "dataset_not_ready",
    )
    assert_error(client.post("/scoring-jobs", {"dataset_id": other, "extra": 1}, token=user.token), 422)
    mine = upload(client, user.token, customers_csv(20))
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.delete_object(Bucket=services().settings.artifacts_bucket, Key=layout.ACTIVE_POINTER_KEY)
    services().models.invalidate()
    assert_error(client.post("/scoring-jobs", {"dataset_id": mine}, token=user.token), 409, "no_active_model")
    assert [e for e in trainer.events if e["task"] == "score"] == []


def test_a_file_without_the_models_columns_fails_with_the_reason(client, trainer):
    user = seed_account()
    dataset_id = upload(client, user.token, (ROOT / "data" / "mall_customers.csv").read_text())
    job_id = client.post("/scoring-jobs", {"dataset_id": dataset_id}, token=user.token).json["job_id"]
    job = client.get(f"/scoring-jobs/{job_id}", token=user.token).json
    assert job["status"] == "failed" and "purchase_frequency" in job["error"]
    assert "download_url" not in job or job["download_url"] is None
    assert client.get("/history", token=user.token).json["total"] == 0


def test_a_job_whose_function_died_is_settled_as_failed(client, trainer, monkeypatch):
    from chalicelib.services import services
    from chalicelib.timeutil import utcnow

    user = seed_account()
    dataset_id = upload(client, user.token, customers_csv(20))
    trainer.paused = True
    job_id = client.post("/scoring-jobs", {"dataset_id": dataset_id}, token=user.token).json["job_id"]
    assert client.get(f"/scoring-jobs/{job_id}", token=user.token).json["status"] == "queued"
    later = utcnow() + timedelta(minutes=20)
    monkeypatch.setattr(services().scoring_jobs, "clock", lambda: later)
    job = client.get(f"/scoring-jobs/{job_id}", token=user.token).json
    assert job["status"] == "failed" and "stopped" in job["error"]


def test_a_function_that_wakes_after_its_job_was_failed_keeps_that_verdict(client, trainer, monkeypatch):
    from chalicelib.services import services
    from chalicelib.timeutil import utcnow

    user = seed_account()
    dataset_id = upload(client, user.token, customers_csv(20))
    trainer.paused = True
    job_id = client.post("/scoring-jobs", {"dataset_id": dataset_id}, token=user.token).json["job_id"]
    later = utcnow() + timedelta(minutes=20)
    monkeypatch.setattr(services().scoring_jobs, "clock", lambda: later)
    told = client.get(f"/scoring-jobs/{job_id}", token=user.token).json
    assert told["status"] == "failed"

    outcome = trainer.run(trainer.events[-1])  # the delayed function runs after all

    assert (outcome["status"], outcome["error"]) == ("failed", told["error"])
    job = client.get(f"/scoring-jobs/{job_id}", token=user.token).json
    assert (job["status"], job["error"], job.get("download_url")) == ("failed", told["error"], None)
    assert client.get("/history", token=user.token).json["total"] == 0


@pytest.fixture()
def mall_trainer(monkeypatch, mall_gender_model) -> InlineTrainer:
    return install_inline_trainer(monkeypatch)


def test_mall_customers_scored_with_a_model_of_their_own_schema_keep_every_row_and_id(client, mall_trainer):
    user = seed_account()
    text = (ROOT / "data" / "mall_customers.csv").read_text()
    dataset_id = upload(client, user.token, text)
    job_id = client.post("/scoring-jobs", {"dataset_id": dataset_id}, token=user.token).json["job_id"]
    job = client.get(f"/scoring-jobs/{job_id}", token=user.token).json
    assert (job["status"], job["rows"], job["failed"]) == ("succeeded", 200, 0), job
    table = download(job["download_url"])
    inputs = list(csv.reader(io.StringIO(text)))
    assert table[0] == inputs[0] + RESULT_COLUMNS
    assert [row[0] for row in table[1:]] == [row[0] for row in inputs[1:]]  # every customer_id
    assert all(row[-1] == "" and row[-4] in job["summary"] for row in table[1:])


def test_an_analyst_scores_with_a_version_that_is_not_active_and_a_user_cannot(client, trainer):
    from chalicelib.services import services

    analyst, user = seed_account("analyst"), seed_account()
    active = services().models.active()
    s3 = boto3.client("s3", region_name="us-east-1")
    bucket = services().settings.artifacts_bucket
    # Another version: the active document stored under a second version key.
    body = s3.get_object(Bucket=bucket, Key=layout.model_document_key(active.version))["Body"].read()
    other = "v-not-active"
    s3.put_object(
        Bucket=bucket,
        Key=layout.model_document_key(other),
        Body=body.replace(active.version.encode(), other.encode()),
    )
    dataset_id = upload(client, analyst.token, customers_csv(30))
    body = {"dataset_id": dataset_id, "model_version": other}
    started = client.post("/scoring-jobs", body, token=analyst.token)
    assert started.status == 202, started.json
    job = client.get(f"/scoring-jobs/{started.json['job_id']}", token=analyst.token).json
    assert (job["status"], job["model_version"], job["rows"]) == ("succeeded", other, 30), job
    assert [e["model_version"] for e in trainer.events if e["task"] == "score"] == [other]
    assert_error(
        client.post("/scoring-jobs", {**body, "model_version": "v-unknown"}, token=analyst.token),
        404,
        "model_not_found",
    )
    own = upload(client, user.token, customers_csv(5))
    assert_error(
        client.post("/scoring-jobs", {"dataset_id": own, "model_version": other}, token=user.token), 403
    )
    # Naming the active version is the same as naming none, for every role.
    same = client.post(
        "/scoring-jobs", {"dataset_id": own, "model_version": active.version}, token=user.token
    )
    assert same.status == 202 and same.json["model_version"] == active.version
