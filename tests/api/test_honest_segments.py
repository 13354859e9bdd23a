"""Typicality, atypical customers, colours and every quality measure through the API, on the
model the real trainer fitted to the bundled data."""

from __future__ import annotations

import csv
import io

from tests.support.api import seed_account

# The customer of the issue: between the bundled segments, close to none of them.
BORDERLINE = {"age": 40, "annual_income": 60, "spending_score": 50, "purchase_frequency": 15}


def _typical_customer(active_model) -> dict[str, float]:
    """A customer on the centroid of the first segment (rounded to valid values)."""
    centroid = active_model.document()["clusters"][0]["centroid"]
    return {
        "age": round(centroid["age"]),
        "annual_income": round(centroid["annual_income"], 1),
        "spending_score": round(centroid["spending_score"]),
        "purchase_frequency": round(centroid["purchase_frequency"]),
    }


def test_borderline_customer_is_atypical_and_the_explanation_says_it_fits_no_segment(client, active_model):
    user = seed_account()
    reply = client.post("/predict", BORDERLINE, token=user.token)
    assert reply.status == 200, reply.json
    body = reply.json
    assert body["atypical"] is True
    assert body["typicality"] < 0.025
    runner_up = body["probabilities"][1]["cluster_name"]
    assert body["explanation"]["summary"].startswith("This customer fits no segment well")
    assert (
        f"the nearest segment is {body['cluster_name']}, the runner-up {runner_up}"
        in (body["explanation"]["summary"])
    )


def test_customer_at_a_segment_centre_is_typical(client, active_model):
    user = seed_account()
    body = client.post("/predict", _typical_customer(active_model), token=user.token).json
    assert body["cluster"] == 0
    assert body["typicality"] > 0.5
    assert (body["atypical"], body["between_segments"]) == (False, False)
    assert not body["explanation"]["summary"].startswith("This customer fits no segment")


def test_value_beyond_the_training_range_is_atypical(client, active_model):
    user = seed_account()
    body = client.post("/predict", {**_typical_customer(active_model), "age": 100}, token=user.token).json
    assert body["atypical"] is True
    assert "outside the range seen in training" in body["explanation"]["summary"]


def test_history_keeps_typicality_and_atypical(client, active_model):
    user = seed_account()
    client.post("/predict", BORDERLINE, token=user.token)
    entry = client.get("/history", token=user.token).json["history"][0]
    assert entry["atypical"] is True and entry["typicality"] < 0.025


def test_batch_results_flag_atypical_rows_in_json_and_csv(client, active_model):
    user = seed_account()
    customers = [BORDERLINE, _typical_customer(active_model)]
    body = client.post("/predict/batch", {"customers": customers}, token=user.token).json
    assert [r["atypical"] for r in body["results"]] == [True, False]
    single = client.post("/predict", BORDERLINE, token=user.token).json
    assert body["results"][0]["typicality"] == round(single["typicality"], 4)
    reply = client.post(
        "/predict/batch", {"customers": customers}, token=user.token, headers={"Accept": "text/csv"}
    )
    rows = list(csv.DictReader(io.StringIO(reply.body.decode())))
    assert [row["atypical"] for row in rows] == ["true", "false"]


def test_every_segment_has_its_own_colour_in_clusters_and_model_detail(client, active_model):
    user, analyst = seed_account(), seed_account("analyst")
    clusters = client.get("/clusters", token=user.token).json["clusters"]
    colors = [c["color"] for c in clusters]
    assert len(set(colors)) == len(colors) and all(c.startswith("#") for c in colors)
    detail = client.get(f"/models/{active_model.version}", token=analyst.token).json
    assert [c["color"] for c in detail["clusters"]] == colors


def test_elbow_and_model_detail_report_every_measure_per_k_and_the_k_used(client, active_model):
    user, analyst = seed_account(), seed_account("analyst")
    elbow = client.get("/elbow", token=user.token).json
    count = len(elbow["k_range"])
    for key in (
        "inertias",
        "silhouette_scores",
        "calinski_harabasz_scores",
        "davies_bouldin_scores",
        "stability_scores",
        "min_segment_stability",
    ):
        assert len(elbow[key]) == count, key
    assert elbow["chosen_k"] == len(active_model.document()["clusters"])
    assert "stability" in elbow["rule"]
    detail = client.get(f"/models/{active_model.version}", token=analyst.token).json
    assert {"silhouette_score", "calinski_harabasz", "davies_bouldin", "stability"} <= set(detail["metrics"])
    for cluster in detail["clusters"]:
        assert {"standout", "defined_by", "z_profile", "stability", "silhouette"} <= set(cluster)
    assert detail["k_selection"]["method"] == "rule"
    assert "movement" in detail


def test_projection_is_the_separating_plane_with_axis_labels(client, active_model):
    user = seed_account()
    body = client.get("/clusters/projection", token=user.token).json
    assert body["method"] == "lda"
    assert len(body["axis_labels"]) == 2 and all(body["axis_labels"])


def test_profile_prediction_says_when_the_profile_fits_no_segment(client, active_model):
    user = seed_account()
    created = client.post("/profiles", {"name": "Average Joe", **BORDERLINE}, token=user.token)
    assert created.status == 201, created.json
    body = client.post(f"/profiles/{created.json['id']}/predict", token=user.token).json
    assert body["atypical"] is True and body["typicality"] < 0.025
    assert body["explanation"]["summary"].startswith("This customer fits no segment well")
