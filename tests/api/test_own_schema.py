"""The customer's own data: every endpoint follows the active model's schema.

Models here are trained by the real trainer (its own process) on Mall Customers, the most
common public segmentation table: income + spending (K = 5), and with gender as a category.
"""

from __future__ import annotations

import csv
import io

from segcore.csv_output import SCORE_COLUMNS
from tests.support.api import assert_error, seed_account
from tests.support.model_fixture import put_objects, reload_active_model

MALL = "annual_income_thousands", "spending_score"


def mall_csv() -> str:
    from tests.support.model_fixture import ROOT

    return (ROOT / "data" / "mall_customers.csv").read_text()


def test_schema_of_the_bundled_model_keeps_the_replaced_systems_fields(client, active_model):
    user = seed_account()
    reply = client.get("/schema", token=user.token)
    assert reply.status == 200, reply.json
    schema = reply.json
    assert schema["model_version"] == active_model.version
    features = {f["name"]: f for f in schema["features"]}
    assert list(features) == ["sex", "age", "annual_income", "spending_score", "purchase_frequency"]
    assert features["sex"]["display_only"] is True and features["sex"]["categories"] == ["Male", "Female"]
    assert (features["age"]["min"], features["age"]["max"], features["age"]["integer"]) == (18, 100, True)
    assert (features["annual_income"]["min"], features["annual_income"]["max"]) == (0, 10000)
    assert features["purchase_frequency"]["max"] == 365


def test_schema_without_an_active_model_is_409(client, no_active_model):
    assert_error(client.get("/schema", token=seed_account().token), 409, "no_active_model")


def test_mall_customers_model_has_its_own_schema(client, mall_model):
    reply = client.get("/schema", token=seed_account().token)
    assert reply.status == 200
    assert reply.json["model_version"] == mall_model.version
    assert reply.json["id_column"] == "customer_id"
    assert [f["name"] for f in reply.json["features"]] == list(MALL)
    assert all(f["type"] == "numeric" for f in reply.json["features"])
    models = client.get("/models", token=seed_account("analyst").token).json["models"]
    assert [m["features"] for m in models] == [list(MALL)]


def test_predict_takes_the_schemas_features_and_echoes_the_customer_id(client, mall_model):
    user = seed_account()
    reply = client.post(
        "/predict",
        {"annual_income_thousands": 137, "spending_score": 83, "customer_id": "0200"},
        token=user.token,
    )
    assert reply.status == 200, reply.json
    body = reply.json
    assert body["customer_id"] == "0200"
    assert body["cluster_name"] == "High-Value Customers"
    assert body["customer_data"] == {"annual_income_thousands": 137, "spending_score": 83}
    assert {c["feature"] for c in body["explanation"]["contributions"]} == set(MALL)
    [entry] = client.get("/history", token=user.token).json["history"]
    assert entry["customer_id"] == "0200"
    assert entry["customer_data"] == body["customer_data"]
    exported = list(
        csv.DictReader(io.StringIO(client.get("/history/export", token=user.token).body.decode()))
    )
    assert exported[0]["customer_id"] == "0200" and exported[0]["annual_income_thousands"] == "137"


def test_predict_refuses_fields_of_another_schema_and_missing_features(client, mall_model):
    user = seed_account()
    old = {"age": 30, "annual_income": 120, "spending_score": 85, "purchase_frequency": 20}
    body = assert_error(client.post("/predict", old, token=user.token), 422)
    fields = {d["field"] for d in body["details"]}
    assert {"age", "annual_income", "purchase_frequency", "annual_income_thousands"} <= fields
    assert "spending_score" not in fields
    body = assert_error(client.post("/predict", {"spending_score": 50}, token=user.token), 422)
    assert [d["field"] for d in body["details"]] == ["annual_income_thousands"]
    assert client.get("/history", token=user.token).json["total"] == 0


def test_batch_scoring_of_the_mall_file_keeps_every_row_and_its_customer_id(client, mall_model):
    user = seed_account()
    text = mall_csv()
    reply = client.request(
        "POST",
        "/predict/batch",
        raw=text,
        token=user.token,
        headers={"Content-Type": "text/csv", "Accept": "text/csv"},
    )
    assert reply.status == 200, reply.body[:300]
    rows = list(csv.reader(io.StringIO(reply.body.decode())))
    header, data = rows[0], rows[1:]
    assert header == [
        "customer_id",
        "gender",
        "age",
        "annual_income_thousands",
        "spending_score",
        *SCORE_COLUMNS,
    ]
    source = list(csv.reader(io.StringIO(text)))[1:]
    assert len(data) == len(source) == 200
    assert [row[:5] for row in data] == source  # every input column as it came ("0001" stays)
    names = {c["name"] for c in mall_model.document()["clusters"]}
    assert {row[6] for row in data} == names
    assert all(0 <= float(row[7]) <= 1 and row[8] in ("true", "false") and row[9] == "" for row in data)
    # The training customers themselves: only the outermost of each segment are atypical
    # (typicality below 0.025; with 20-40 members a segment's farthest one or two), 11 of 200 here.
    assert sum(row[8] == "true" for row in data) <= 0.1 * len(data)


def test_batch_json_results_carry_the_customer_id_and_matched_headers(client, mall_model):
    user = seed_account()
    text = "CustomerID,Annual Income (k$),Spending Score (1-100)\nA7,55,50\nA8,abc,81\nA9,400,50\n"
    reply = client.request(
        "POST", "/predict/batch", raw=text, token=user.token, headers={"Content-Type": "text/csv"}
    )
    assert reply.status == 200, reply.json
    first, bad, far = reply.json["results"]
    assert (first["row"], first["customer_id"], first["atypical"]) == (1, "A7", False)
    assert bad == {
        "row": 2,
        "customer_id": "A8",
        "errors": [{"field": "annual_income_thousands", "message": "must be an integer"}],
    }
    # 400k is far beyond the training incomes (15-137k): scored, and flagged.
    assert far["customer_id"] == "A9" and far["atypical"] is True and "cluster" in far


def test_json_batch_takes_the_id_from_the_schemas_id_column(client, mall_model):
    user = seed_account()
    customers = [{"customer_id": "x1", "annual_income_thousands": 20, "spending_score": 80}]
    body = client.post("/predict/batch", {"customers": customers}, token=user.token).json
    assert body["results"][0]["customer_id"] == "x1"
    assert body["results"][0]["cluster_name"] == "Impulsive Spenders"


def test_clusters_average_every_feature_with_a_colour(client, mall_model):
    body = client.get("/clusters", token=seed_account().token).json
    assert body["features"] == list(MALL)
    assert body["n_clusters"] == 5
    colours = {c["color"] for c in body["clusters"]}
    assert len(colours) == 5 and all(c.startswith("#") for c in colours)
    for cluster in body["clusters"]:
        assert set(cluster["averages"]) == set(MALL)
        assert "category_shares" not in cluster


def test_a_categorical_feature_is_in_the_schema_and_checked_case_insensitively(client, mall_gender_model):
    user = seed_account()
    schema = client.get("/schema", token=user.token).json
    gender = next(f for f in schema["features"] if f["name"] == "gender")
    assert gender == {
        "name": "gender",
        "label": "Gender",
        "type": "categorical",
        "categories": ["Female", "Male"],
    }
    reply = client.post(
        "/predict",
        {"gender": "female", "annual_income_thousands": 70, "spending_score": 50},
        token=user.token,
    )
    assert reply.status == 200, reply.json
    assert reply.json["customer_data"]["gender"] == "Female"
    contribution = next(c for c in reply.json["explanation"]["contributions"] if c["feature"] == "gender")
    assert contribution["value"] == "Female" and contribution["z_score"] is None
    clusters = client.get("/clusters", token=user.token).json["clusters"]
    for cluster in clusters:
        shares = cluster["category_shares"]["gender"]
        assert set(shares) == {"Female", "Male"} and abs(sum(shares.values()) - 1) < 1e-3
        assert cluster["averages"]["gender"] in ("Female", "Male")


def test_a_category_the_model_never_saw_is_422_listing_the_known_ones(client, mall_gender_model):
    user = seed_account()
    reply = client.post(
        "/predict", {"gender": "Other", "annual_income_thousands": 70, "spending_score": 50}, token=user.token
    )
    body = assert_error(reply, 422)
    assert body["details"] == [{"field": "gender", "message": "must be one of: Female, Male"}]
    assert "Female, Male" in body["message"]


def test_drift_counts_categories_by_share(client, mall_gender_model):
    user = seed_account()
    for gender in ("Male", "Male", "Female"):
        customer = {"gender": gender, "annual_income_thousands": 70, "spending_score": 50}
        assert client.post("/predict", customer, token=user.token).status == 200
    admin = seed_account("admin")
    drift = client.get("/admin/stats", token=admin.token).json["drift"]
    by_feature = {f["feature"]: f for f in drift["features"]}
    assert set(by_feature) == {"gender", *MALL}
    assert by_feature["gender"]["observations"] == 3


def test_profiles_follow_the_schema_and_say_when_they_no_longer_fit(client, active_model, mall_model_objects):
    user = seed_account()
    old = client.post(
        "/profiles",
        {
            "name": "Old",
            "sex": "F",
            "age": 30,
            "annual_income": 50,
            "spending_score": 40,
            "purchase_frequency": 5,
        },
        token=user.token,
    ).json
    assert old["fits_active_model"] is True and old["features"]["age"] == 30 and old["age"] == 30
    # An admin activates the Mall model: another schema.
    put_objects(mall_model_objects.objects)
    admin = seed_account("admin")
    assert client.post(f"/models/{mall_model_objects.version}/activate", token=admin.token).status == 200
    reload_active_model()
    stale = client.get(f"/profiles/{old['id']}", token=user.token).json
    assert stale["fits_active_model"] is False
    assert stale["missing_fields"] == ["annual_income_thousands"]  # spending_score is in both
    assert stale["features"] == old["features"]
    body = assert_error(client.post(f"/profiles/{old['id']}/predict", token=user.token), 422)
    assert "annual_income_thousands" in {d["field"] for d in body["details"]}
    new = client.post(
        "/profiles",
        {
            "name": "New",
            "features": {"annual_income_thousands": 99, "spending_score": 12},
            "customer_id": "0150",
        },
        token=user.token,
    )
    assert new.status == 201, new.json
    assert new.json["fits_active_model"] is True and new.json["customer_id"] == "0150"
    assert new.json["model_version"] == mall_model_objects.version
    assert "age" not in new.json
    predicted = client.post(f"/profiles/{new.json['id']}/predict", token=user.token).json
    assert predicted["customer_id"] == "0150" and predicted["cluster_name"] == "Potential Targets"
    body = assert_error(
        client.post("/profiles", {"name": "Bad", "features": {"spending_score": 12}}, token=user.token), 422
    )
    assert [d["field"] for d in body["details"]] == ["annual_income_thousands"]
