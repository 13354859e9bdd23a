"""POST /predict and the segment views against a model the real trainer fitted."""

from __future__ import annotations

import math
import re
import time
from typing import Any

import pytest
from botocore.exceptions import EndpointConnectionError

from tests.support.api import assert_error, seed_account

CUSTOMER = {"sex": "f", "age": 30, "annual_income": 120, "spending_score": 85, "purchase_frequency": 20}
CONTRACT_FIELDS = {
    "prediction_id",
    "cluster",
    "cluster_name",
    "confidence",
    "probabilities",
    "explanation",
    "customer_data",
    "model_version",
    "created_at",
}
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def predict(client, token: str, customer: dict[str, Any] | None = None, **changes: Any):
    return client.post("/predict", {**(customer or CUSTOMER), **changes}, token=token)


def test_predict_returns_every_contract_field(client, active_model):
    user = seed_account()
    reply = predict(client, user.token)
    assert reply.status == 200, reply.json
    body = reply.json
    assert set(body) >= CONTRACT_FIELDS
    assert body["model_version"] == active_model.version
    assert ISO_Z.match(body["created_at"])
    assert body["customer_data"] == {
        "sex": "Female",
        "age": 30,
        "annual_income": 120,
        "spending_score": 85,
        "purchase_frequency": 20,
    }
    names = {c["cluster_id"]: c["name"] for c in active_model.document()["clusters"]}
    assert body["cluster_name"] == names[body["cluster"]]
    assert set(body["projection"]) == {"x", "y"}


def test_confidence_is_the_top_probability_and_probabilities_sum_to_one(client, active_model):
    user = seed_account()
    body = predict(client, user.token).json
    probabilities = body["probabilities"]
    n_clusters = len(active_model.document()["clusters"])
    assert sorted(p["cluster"] for p in probabilities) == list(range(n_clusters))
    assert math.isclose(sum(p["probability"] for p in probabilities), 1.0, abs_tol=1e-9)
    assert all(0 <= p["probability"] <= 1 for p in probabilities)
    top = max(probabilities, key=lambda p: p["probability"])
    assert 0 <= body["confidence"] <= 1
    assert body["confidence"] == pytest.approx(top["probability"], abs=1e-12)
    assert (top["cluster"], top["cluster_name"]) == (body["cluster"], body["cluster_name"])


def test_a_customer_at_a_centroid_is_confidently_in_that_segment(client, active_model):
    user = seed_account()
    for cluster in active_model.document()["clusters"]:
        centroid = cluster["centroid"]
        customer = {
            "age": round(centroid["age"]),
            "annual_income": round(centroid["annual_income"], 1),
            "spending_score": round(centroid["spending_score"]),
            "purchase_frequency": round(centroid["purchase_frequency"]),
        }
        body = predict(client, user.token, customer).json
        assert body["cluster"] == cluster["cluster_id"], (cluster["name"], body)
        assert body["confidence"] > 0.9, (cluster["name"], body["confidence"])


def test_explanation_names_a_feature_in_words_and_numbers(client, active_model):
    user = seed_account()
    body = predict(client, user.token).json
    explanation = body["explanation"]
    summary = explanation["summary"]
    labels = {c["label"] for c in explanation["contributions"]}
    assert {c["feature"] for c in explanation["contributions"]} == {
        "age",
        "annual_income",
        "spending_score",
        "purchase_frequency",
    }
    assert any(label in summary for label in labels), summary
    assert re.search(r"\d", summary), summary
    assert body["cluster_name"] in summary
    runner_up = explanation["runner_up"]
    assert runner_up["cluster"] != body["cluster"]
    assert runner_up["cluster_name"] in summary
    for item in explanation["contributions"]:
        assert isinstance(item["z_score"], float) and isinstance(item["contribution"], float)
        assert item["direction"] == ("toward" if item["contribution"] > 0 else "away")


def test_prediction_is_recorded_in_history(client, active_model):
    user = seed_account()
    body = predict(client, user.token).json
    history = client.get("/history", token=user.token).json
    assert history["total"] == 1
    [entry] = history["history"]
    assert entry["id"] == body["prediction_id"]
    assert entry["kind"] == "single"
    assert (entry["cluster"], entry["cluster_name"]) == (body["cluster"], body["cluster_name"])
    assert entry["confidence"] == pytest.approx(body["confidence"])
    assert entry["model_version"] == active_model.version
    assert entry["customer_data"] == body["customer_data"]
    detail = client.get(f"/history/{body['prediction_id']}", token=user.token)
    assert detail.status == 200 and detail.json["id"] == body["prediction_id"]


INVALID_CUSTOMERS = [
    ({"age": True}, "age"),
    ({"spending_score": False}, "spending_score"),
    ({"age": "30"}, "age"),
    ({"annual_income": "120"}, "annual_income"),
    ({"age": 30.5}, "age"),
    ({"age": 17}, "age"),
    ({"age": 101}, "age"),
    ({"annual_income": -1}, "annual_income"),
    ({"annual_income": 10_000.5}, "annual_income"),
    ({"spending_score": 0}, "spending_score"),
    ({"purchase_frequency": 366}, "purchase_frequency"),
    ({"sex": "robot"}, "sex"),
    ({"height": 180}, "height"),
]


def test_invalid_customer_is_422_naming_the_field(client, active_model):
    user = seed_account()
    for changes, field in INVALID_CUSTOMERS:
        body = assert_error(predict(client, user.token, **changes), 422)
        assert field in {d["field"] for d in body["details"]}, (changes, body)


def test_nan_literal_in_raw_json_is_422_naming_the_field(client, active_model):
    user = seed_account()
    for field in ("annual_income", "age", "spending_score"):
        values = {k: v for k, v in CUSTOMER.items() if k != "sex"}
        values[field] = "NaN"
        raw = "{" + ", ".join(f'"{k}": {v}' for k, v in values.items()) + "}"
        body = assert_error(client.request("POST", "/predict", raw=raw, token=user.token), 422)
        assert field in {d["field"] for d in body["details"]}, (field, body)


def test_invalid_customer_is_not_recorded(client, active_model):
    user = seed_account()
    assert predict(client, user.token, age=17).status == 422
    assert client.get("/history", token=user.token).json["total"] == 0


def test_missing_model_feature_is_422_naming_it(client, active_model):
    user = seed_account()
    customer = {k: v for k, v in CUSTOMER.items() if k != "purchase_frequency"}
    body = assert_error(predict(client, user.token, customer), 422)
    assert "purchase_frequency" in {d["field"] for d in body["details"]}, body


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/predict"), ("GET", "/clusters"), ("GET", "/elbow"), ("GET", "/clusters/projection")],
)
def test_no_active_model_is_409(client, no_active_model, method, path):
    user = seed_account()
    body = CUSTOMER if method == "POST" else None
    assert_error(client.request(method, path, json_body=body, token=user.token), 409, "no_active_model")


def test_predictions_are_still_served_when_s3_fails_after_the_model_is_loaded(
    client, active_model, monkeypatch
):
    from chalicelib.services import services

    user = seed_account()
    first = predict(client, user.token)
    assert first.status == 200

    store = services().models
    s3 = store.artifacts.s3
    calls: list[str] = []

    def unreachable(**kwargs: Any) -> Any:
        calls.append(kwargs["Key"])
        raise EndpointConnectionError(endpoint_url="https://s3.us-east-1.amazonaws.com")

    monkeypatch.setattr(s3, "get_object", unreachable)
    later = time.monotonic() + store.refresh_seconds + 1
    monkeypatch.setattr(store, "clock", lambda: later)

    again = predict(client, user.token)
    assert again.status == 200, again.json
    assert again.json["model_version"] == active_model.version
    assert again.json["cluster"] == first.json["cluster"]
    assert calls, "the store should have tried to re-read the active pointer"
    assert client.get("/clusters", token=user.token).status == 200


def test_s3_failing_before_any_model_is_loaded_is_503(client, no_active_model, monkeypatch):
    from chalicelib.services import services

    user = seed_account()

    def unreachable(**kwargs: Any) -> Any:
        raise EndpointConnectionError(endpoint_url="https://s3.us-east-1.amazonaws.com")

    monkeypatch.setattr(services().models.artifacts.s3, "get_object", unreachable)
    reply = predict(client, user.token)
    assert_error(reply, 503)
    assert reply.headers.get("retry-after") or reply.headers.get("Retry-After")


def test_clusters_lists_every_segment_with_its_statistics(client, active_model):
    user = seed_account()
    reply = client.get("/clusters", token=user.token)
    assert reply.status == 200, reply.json
    body = reply.json
    doc = active_model.document()
    assert body["model_version"] == active_model.version
    assert body["n_clusters"] == len(doc["clusters"]) == len(body["clusters"])
    assert body["total_customers"] == 5000
    assert body["features"] == ["age", "annual_income", "spending_score", "purchase_frequency"]
    assert {"silhouette_score", "inertia"} <= set(body["metrics"])
    fields = {
        "cluster_id",
        "cluster_name",
        "description",
        "size",
        "share",
        "avg_age",
        "avg_income",
        "avg_spending_score",
        "avg_purchase_frequency",
        "centroid",
    }
    for cluster in body["clusters"]:
        assert set(cluster) >= fields, cluster
        assert cluster["description"].strip()
    assert sum(c["size"] for c in body["clusters"]) == body["total_customers"]
    assert sum(c["share"] for c in body["clusters"]) == pytest.approx(1.0, abs=1e-3)
    assert len({c["cluster_name"] for c in body["clusters"]}) == body["n_clusters"]


def test_elbow_reports_inertia_and_silhouette_per_k(client, active_model):
    user = seed_account()
    reply = client.get("/elbow", token=user.token)
    assert reply.status == 200, reply.json
    body = reply.json
    assert body["model_version"] == active_model.version
    assert body["k_range"] == list(range(2, 11))
    assert len(body["inertias"]) == len(body["silhouette_scores"]) == len(body["k_range"])
    assert body["optimal_k"] in body["k_range"]
    assert body["optimal_k"] == len(active_model.document()["clusters"])
    assert body["inertias"] == sorted(body["inertias"], reverse=True)


def test_projection_has_points_and_centroids_in_one_plane(client, active_model):
    user = seed_account()
    reply = client.get("/clusters/projection", token=user.token)
    assert reply.status == 200, reply.json
    body = reply.json
    n_clusters = len(active_model.document()["clusters"])
    assert body["model_version"] == active_model.version
    assert len(body["explained_variance_ratio"]) == 2
    assert body["points"] and all({"x", "y", "cluster"} <= set(p) for p in body["points"])
    assert {p["cluster"] for p in body["points"]} == set(range(n_clusters))
    assert sorted(c["cluster"] for c in body["centroids"]) == list(range(n_clusters))
