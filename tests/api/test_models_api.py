"""Datasets, training jobs and the model registry: list, detail, activate (rollback), rename."""

from __future__ import annotations

import json
from typing import Any

import pytest

from segcore import layout
from tests.support.api import assert_error, seed_account
from tests.support.model_fixture import add_model_copy

CUSTOMER = {"age": 30, "annual_income": 120, "spending_score": 85, "purchase_frequency": 20}
SUMMARY_FIELDS = {
    "version",
    "created_at",
    "n_clusters",
    "features",
    "silhouette_score",
    "inertia",
    "dataset_id",
    "rows",
    "active",
}


def upload(client, token: str, text: str, content_type: str = "text/csv"):
    return client.request("POST", "/datasets", raw=text, token=token, headers={"Content-Type": content_type})


class RecordingDispatcher:
    """Stands in for the trainer: records each event and runs nothing."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def dispatch(self, event: dict[str, Any]) -> None:
        self.events.append(event)


class InstantDispatcher(RecordingDispatcher):
    """Reports the job as finished at once, as a trainer that is done by the first poll."""

    def dispatch(self, event: dict[str, Any]) -> None:
        from chalicelib.services import services

        super().dispatch(event)
        artifacts = services().training.artifacts
        status = artifacts.get_json(layout.job_key(event["job_id"]))
        status.update(
            status="succeeded",
            stage="done",
            progress=1.0,
            model_version="v-instant",
            metrics={"n_clusters": 4, "silhouette_score": 0.61, "inertia": 1234.5},
        )
        artifacts.put_json(layout.job_key(event["job_id"]), status)


@pytest.fixture()
def dispatcher(monkeypatch) -> RecordingDispatcher:
    from chalicelib.services import services

    recorder = RecordingDispatcher()
    monkeypatch.setattr(services().training, "dispatcher", recorder)
    return recorder


# ---- training ---------------------------------------------------------------------------------


def test_train_unknown_dataset_is_404(client, active_model, dispatcher):
    analyst = seed_account("analyst")
    assert_error(client.post("/train", {"dataset_id": "no-such-dataset"}, token=analyst.token), 404)
    assert_error(client.post("/train", {"dataset_id": "../models"}, token=analyst.token), 404)
    assert dispatcher.events == []


def test_train_with_invalid_features_is_422(client, active_model, dispatcher):
    analyst = seed_account("analyst")
    for features in (
        ["age"],
        ["age", "height"],
        ["age", "age"],
        ["age", {"name": "sex", "transform": "sqrt"}],
    ):
        body = assert_error(client.post("/train", {"features": features}, token=analyst.token), 422)
        assert "features" in {d["field"] for d in body["details"]}, (features, body)
    for bad in ({"k": 1}, {"k_max": 99}, {"activate": "yes"}, {"colour": "red"}):
        assert_error(client.post("/train", bad, token=analyst.token), 422)
    assert dispatcher.events == []


def test_train_with_k_min_above_k_max_is_422(client, active_model, dispatcher):
    analyst = seed_account("analyst")
    body = assert_error(client.post("/train", {"k_min": 6, "k_max": 3}, token=analyst.token), 422)
    assert "k_min" in {d["field"] for d in body["details"]}
    assert dispatcher.events == []


def test_train_on_features_the_dataset_lacks_is_422(client, active_model, dispatcher):
    analyst = seed_account("analyst")
    dataset = upload(client, analyst.token, "Age,Annual Income,Spending Score\n30,50,50\n40,60,70\n").json
    reply = client.post(
        "/train",
        {"dataset_id": dataset["dataset_id"], "features": ["age", "purchase_frequency"]},
        token=analyst.token,
    )
    body = assert_error(reply, 422)
    assert "features" in {d["field"] for d in body["details"]}
    assert dispatcher.events == []


def test_train_needs_an_analyst(client, active_model, dispatcher):
    assert_error(client.post("/train", {}, token=seed_account().token), 403)
    assert dispatcher.events == []


def test_train_queues_a_job_with_its_params(client, active_model, dispatcher):
    analyst = seed_account("analyst")
    params = {"k": 4, "features": ["age", "annual_income", "spending_score"], "activate": False}
    reply = client.post("/train", params, token=analyst.token)
    assert reply.status == 202, reply.json
    job_id = reply.json["job_id"]
    assert reply.json["status"] == "queued"
    [event] = dispatcher.events
    assert event["job_id"] == job_id
    assert event["dataset_id"] == layout.BUNDLED_DATASET_ID
    assert event["k"] == 4
    assert event["features"] == ["age", "annual_income", "spending_score"]
    assert event["activate"] is False
    assert event["requested_by"] == analyst.id
    status = client.get(f"/train/{job_id}", token=analyst.token)
    assert status.status == 200, status.json
    assert status.json["job_id"] == job_id
    assert status.json["status"] == "queued"
    assert {
        "stage",
        "progress",
        "created_at",
        "started_at",
        "finished_at",
        "model_version",
        "metrics",
        "error",
    } <= set(status.json)
    assert_error(client.get("/train/job-unknown", token=analyst.token), 404)


def test_train_passes_feature_options_id_column_and_seed_to_the_trainer(client, mall_model, dispatcher):
    analyst = seed_account("analyst")
    features = ["spending_score", {"name": "annual_income_thousands", "transform": "log", "label": "Income"}]
    params = {
        "dataset_id": "mall",
        "features": features,
        "id_column": "customer_id",
        "seed": 7,
        "activate": False,
    }
    reply = client.post("/train", params, token=analyst.token)
    assert reply.status == 202, reply.json
    [event] = dispatcher.events
    assert event["features"] == features
    assert (event["id_column"], event["seed"], event["dataset_id"]) == ("customer_id", 7, "mall")


def test_train_without_features_uses_the_dataset_profiles_suggestions(client, mall_model, dispatcher):
    from tests.support.model_fixture import put_objects

    meta = {
        "dataset_id": "profiled",
        "created_at": "2024-01-01T00:00:00Z",
        "columns": [
            {"name": "customer_id", "type": "id", "suggested": "id"},
            {"name": "gender", "type": "categorical", "suggested": "feature"},
            {"name": "notes", "type": "text", "suggested": "ignore"},
            {"name": "spend", "type": "numeric", "suggested": "feature"},
        ],
    }
    put_objects({"datasets/profiled/meta.json": json.dumps(meta).encode()})
    analyst = seed_account("analyst")
    reply = client.post("/train", {"dataset_id": "profiled", "activate": False}, token=analyst.token)
    assert reply.status == 202, reply.json
    [event] = dispatcher.events
    assert event["features"] == [
        {"name": "gender", "type": "categorical"},
        {"name": "spend", "type": "numeric"},
    ]
    assert event["id_column"] == "customer_id"
    body = assert_error(
        client.post(
            "/train", {"dataset_id": "profiled", "features": ["spend", "tenure"]}, token=analyst.token
        ),
        422,
    )
    assert "tenure" in body["message"]


def test_the_bundled_dataset_without_features_trains_the_default_fields_as_the_first_model(
    client, active_model, dispatcher
):
    admin = seed_account("admin")
    reply = client.post("/train", {"seed": 42, "activate": False}, token=admin.token)
    assert reply.status == 202, reply.json
    [event] = dispatcher.events
    assert (event["dataset_id"], event["features"], event["id_column"], event["seed"]) == (
        layout.BUNDLED_DATASET_ID,
        None,
        None,
        42,
    )


def test_second_train_while_one_is_queued_or_running_is_409(client, active_model, dispatcher):
    from chalicelib.services import services

    analyst = seed_account("analyst")
    first = client.post("/train", {}, token=analyst.token)
    assert first.status == 202, first.json
    assert_error(client.post("/train", {"k": 3}, token=analyst.token), 409, "training_in_progress")

    artifacts = services().training.artifacts
    key = layout.job_key(first.json["job_id"])
    artifacts.put_json(key, {**artifacts.get_json(key), "status": "running", "stage": "fitting"})
    assert_error(client.post("/train", {"k": 3}, token=analyst.token), 409, "training_in_progress")
    assert len(dispatcher.events) == 1

    artifacts.put_json(key, {**artifacts.get_json(key), "status": "failed", "error": "boom"})
    again = client.post("/train", {"k": 3}, token=analyst.token)
    assert again.status == 202, again.json
    assert [e["k"] for e in dispatcher.events] == [None, 3]


def test_train_wait_returns_the_result_when_the_job_ends_in_time(client, active_model, monkeypatch):
    from chalicelib.services import services

    monkeypatch.setattr(services().training, "dispatcher", InstantDispatcher())
    analyst = seed_account("analyst")
    reply = client.post("/train?wait=5", {}, token=analyst.token)
    assert reply.status == 200, reply.json
    body = reply.json
    assert body["status"] == "succeeded"
    assert body["model_version"] == "v-instant"
    assert (body["n_clusters"], body["silhouette_score"], body["inertia"]) == (4, 0.61, 1234.5)
    assert body["message"]


def test_train_wait_gives_202_when_the_job_is_still_running(client, active_model, dispatcher):
    analyst = seed_account("analyst")
    reply = client.post("/train?wait=0.3", {}, token=analyst.token)
    assert reply.status == 202, reply.json
    assert reply.json["status"] == "queued"
    assert_error(client.post("/train?wait=26", {}, token=analyst.token), 400)


# ---- registry ---------------------------------------------------------------------------------


def test_models_lists_versions_with_the_active_one(client, active_model):
    analyst = seed_account("analyst")
    copy = add_model_copy(active_model, "v-copy")
    reply = client.get("/models", token=analyst.token)
    assert reply.status == 200, reply.json
    body = reply.json
    assert body["active_version"] == active_model.version
    assert [m["version"] for m in body["models"]] == [active_model.version, copy]
    for model in body["models"]:
        assert set(model) >= SUMMARY_FIELDS
        assert model["active"] is (model["version"] == active_model.version)
        assert model["dataset_id"] == layout.BUNDLED_DATASET_ID
        assert model["rows"] == 5000
    assert_error(client.get("/models", token=seed_account().token), 403)


def test_model_detail(client, active_model):
    analyst = seed_account("analyst")
    reply = client.get(f"/models/{active_model.version}", token=analyst.token)
    assert reply.status == 200, reply.json
    body = reply.json
    assert body["version"] == active_model.version
    assert body["active"] is True
    assert {"silhouette_score", "inertia"} <= set(body["metrics"])
    assert body["features"] == ["age", "annual_income", "spending_score", "purchase_frequency"]
    assert body["dataset_id"] == layout.BUNDLED_DATASET_ID
    assert len(body["clusters"]) == body["n_clusters"]
    assert {"k_range", "inertias", "silhouette_scores", "optimal_k"} <= set(body["elbow"])
    assert "moved" in body


def test_unknown_model_is_404(client, active_model):
    analyst = seed_account("analyst")
    admin = seed_account("admin")
    for version in ("v-none", "active.json", "..", "a..b"):
        assert_error(client.get(f"/models/{version}", token=analyst.token), 404)
    assert_error(client.post("/models/v-none/activate", token=admin.token), 404)
    assert_error(client.put("/models/v-none/clusters/0", {"name": "X"}, token=analyst.token), 404)


def test_activate_switches_the_served_model_and_rolls_back(client, active_model):
    admin = seed_account("admin")
    user = seed_account()
    copy = add_model_copy(active_model, "v-copy")
    assert client.get("/clusters", token=user.token).json["model_version"] == active_model.version

    reply = client.post(f"/models/{copy}/activate", token=admin.token)
    assert reply.status == 200, reply.json
    assert reply.json["active_version"] == copy
    assert client.get("/clusters", token=user.token).json["model_version"] == copy
    assert client.post("/predict", CUSTOMER, token=user.token).json["model_version"] == copy

    rollback = client.post(f"/models/{active_model.version}/activate", token=admin.token)
    assert rollback.status == 200
    assert client.get("/clusters", token=user.token).json["model_version"] == active_model.version
    listed = client.get("/models", token=admin.token).json
    assert {m["version"]: m["active"] for m in listed["models"]} == {active_model.version: True, copy: False}


def test_only_an_admin_activates(client, active_model):
    copy = add_model_copy(active_model, "v-copy")
    for role in ("analyst", "user"):
        account = seed_account(role)
        assert_error(client.post(f"/models/{copy}/activate", token=account.token), 403)
    assert client.get("/clusters", token=seed_account().token).json["model_version"] == active_model.version


def test_rename_changes_the_name_shown_by_clusters_and_predict(client, active_model):
    analyst = seed_account("analyst")
    user = seed_account()
    cluster = client.post("/predict", CUSTOMER, token=user.token).json["cluster"]
    reply = client.put(
        f"/models/{active_model.version}/clusters/{cluster}",
        {"name": "Big Spenders", "description": "Earn a lot, spend a lot."},
        token=analyst.token,
    )
    assert reply.status == 200, reply.json
    clusters = {c["cluster_id"]: c for c in client.get("/clusters", token=user.token).json["clusters"]}
    assert clusters[cluster]["cluster_name"] == "Big Spenders"
    assert clusters[cluster]["description"] == "Earn a lot, spend a lot."
    prediction = client.post("/predict", CUSTOMER, token=user.token).json
    assert prediction["cluster_name"] == "Big Spenders"
    assert "Big Spenders" in prediction["explanation"]["summary"]
    batch = client.post("/predict/batch", {"customers": [CUSTOMER]}, token=user.token).json
    assert batch["results"][0]["cluster_name"] == "Big Spenders"
    assert "Big Spenders" in batch["summary"]
    detail = client.get(f"/models/{active_model.version}", token=analyst.token).json
    assert detail["clusters"][cluster]["cluster_name"] == "Big Spenders"


def test_rename_answers_the_segment_as_clusters_shows_it(client, active_model):
    analyst = seed_account("analyst")
    path = f"/models/{active_model.version}/clusters/1"
    reply = client.put(path, {"name": "Quiet Ones"}, token=analyst.token)
    assert reply.status == 200, reply.json
    shown = client.get("/clusters", token=analyst.token).json["clusters"][1]
    assert reply.json == shown
    assert reply.json["cluster_name"] == "Quiet Ones" and reply.json["renamed"] is True


def test_rename_a_model_that_is_not_active_leaves_the_served_names(client, active_model):
    analyst = seed_account("analyst")
    copy = add_model_copy(active_model, "v-copy")
    reply = client.put(f"/models/{copy}/clusters/0", {"name": "Elsewhere"}, token=analyst.token)
    assert reply.status == 200, reply.json
    names = [c["cluster_name"] for c in client.get("/clusters", token=analyst.token).json["clusters"]]
    assert "Elsewhere" not in names


def test_rename_to_a_taken_name_is_409(client, active_model):
    analyst = seed_account("analyst")
    names = [c["name"] for c in active_model.document()["clusters"]]
    for taken in (names[1], names[1].upper()):
        reply = client.put(f"/models/{active_model.version}/clusters/0", {"name": taken}, token=analyst.token)
        assert_error(reply, 409, "segment_name_taken")
    same = client.put(f"/models/{active_model.version}/clusters/0", {"name": names[0]}, token=analyst.token)
    assert same.status == 200


def test_rename_unknown_cluster_is_404_and_bad_names_422(client, active_model):
    analyst = seed_account("analyst")
    n_clusters = len(active_model.document()["clusters"])
    path = f"/models/{active_model.version}/clusters"
    assert_error(client.put(f"{path}/{n_clusters}", {"name": "Nobody"}, token=analyst.token), 404)
    assert_error(client.put(f"{path}/99", {"name": "Nobody"}, token=analyst.token), 404)
    assert_error(client.put(f"{path}/0", {"name": ""}, token=analyst.token), 422)
    assert_error(client.put(f"{path}/0", {"name": "x" * 61}, token=analyst.token), 422)
    assert_error(client.put(f"{path}/0", {"name": "   "}, token=analyst.token), 422)


def test_rename_needs_an_analyst(client, active_model):
    user = seed_account()
    reply = client.put(f"/models/{active_model.version}/clusters/0", {"name": "Mine"}, token=user.token)
    assert_error(reply, 403)


def test_train_passes_the_seed_to_the_trainer_and_refuses_a_bad_one(client, active_model, dispatcher):
    analyst = seed_account("analyst")
    reply = client.post("/train", {"seed": 7, "activate": False}, token=analyst.token)
    assert reply.status == 202, reply.json
    assert dispatcher.events[-1]["seed"] == 7
    for bad in (-1, "7", 1.5, True):
        body = client.post("/train", {"seed": bad, "activate": False}, token=analyst.token)
        assert body.status == 422, (bad, body.json)
