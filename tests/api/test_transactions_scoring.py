"""A model trained on order lines (RFM): batches of order lines and single computed features."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest

from segcore import layout
from segcore.csv_output import SCORE_COLUMNS
from segcore.rfm import FEATURE_NAMES
from segcore.rfm_sample import generate_orders
from tests.support.api import assert_error, seed_account
from tests.support.model_fixture import TrainedObjects, serve, train_in_subprocess
from tests.support.trainer_inline import InlineTrainer

COUNTS = {"loyal": 60, "one_off": 120, "lapsed_big": 40, "new": 50}


@pytest.fixture(scope="module")
def orders_model_objects() -> TrainedObjects:
    lines, _ = generate_orders(COUNTS, seed=5)
    objects = {layout.dataset_key("orders"): ("\n".join(lines) + "\n").encode()}
    event = {
        "job_id": "orders-fixture",
        "dataset_id": "orders",
        "kind": "transactions",
        "k": 4,
        "activate": True,
    }
    return train_in_subprocess(objects, event)


@pytest.fixture()
def orders_model(aws: None, orders_model_objects: TrainedObjects) -> Iterator[TrainedObjects]:
    yield from serve(orders_model_objects)


def scoring_file() -> tuple[str, dict[str, str]]:
    lines, truth = generate_orders({"loyal": 5, "one_off": 5, "lapsed_big": 5, "new": 5}, seed=9)
    # A cancellation and a line without a customer: netted and left out, not failures.
    lines += [
        "C999999,10001,-1,12/9/2011 10:00,5.00,10000,United Kingdom",
        "999998,10001,1,12/9/2011 10:00,5.00,,UK",
    ]
    return "\n".join(lines) + "\n", truth


def test_a_transactions_csv_is_scored_one_row_per_customer(client, orders_model):
    user = seed_account()
    text, truth = scoring_file()
    reply = client.request(
        "POST", "/predict/batch", raw=text, headers={"Content-Type": "text/csv"}, token=user.token
    )
    assert reply.status == 200, reply.json
    results = reply.json["results"]
    assert len(results) == len(truth) == reply.json["count"]
    assert reply.json["failed"] == 0
    assert {r["customer_id"] for r in results} == set(truth)
    names = {r["customer_id"]: r["cluster_name"] for r in results}
    assert {names[c] for c, b in truth.items() if b == "new"} == {"New customers"}
    assert {names[c] for c, b in truth.items() if b == "lapsed_big"} <= {"At risk", "Cannot lose them"}
    assert all(0 < r["confidence"] <= 1 for r in results)


def test_a_transactions_csv_comes_back_as_csv_with_the_computed_features(client, orders_model):
    user = seed_account()
    text, truth = scoring_file()
    reply = client.request(
        "POST",
        "/predict/batch",
        raw=text,
        headers={"Content-Type": "text/csv", "Accept": "text/csv"},
        token=user.token,
    )
    assert reply.status == 200
    rows = list(csv.reader(io.StringIO(reply.body.decode())))
    assert rows[0] == ["customer_id", *FEATURE_NAMES, *SCORE_COLUMNS]
    assert len(rows) == len(truth) + 1


def test_a_file_without_order_columns_is_refused_for_a_transactions_model(client, orders_model):
    user = seed_account()
    reply = client.request(
        "POST",
        "/predict/batch",
        raw="customer_id,channel\na,web\n",
        headers={"Content-Type": "text/csv"},
        token=user.token,
    )
    assert_error(reply, 422, "validation_error")


def test_one_customer_is_predicted_from_computed_features(client, orders_model):
    user = seed_account()
    reply = client.post(
        "/predict",
        body={
            "recency_days": 3,
            "frequency": 1,
            "monetary": 60.0,
            "average_order_value": 60.0,
            "tenure_days": 3,
        },
        token=user.token,
    )
    assert reply.status == 200, reply.json
    assert reply.json["cluster_name"] == "New customers"


def test_the_model_detail_says_transactions_with_the_mapping_and_report(client, orders_model):
    user = seed_account("analyst")
    reply = client.get(f"/models/{orders_model.version}", token=user.token)
    assert reply.status == 200, reply.json
    assert reply.json["kind"] == "transactions"
    assert reply.json["transactions"]["columns"]["date"] == "InvoiceDate"
    assert reply.json["transactions"]["report"]["lines"] > 0
    names = {cluster["cluster_name"] for cluster in reply.json["clusters"]}
    assert {"New customers", "Hibernating"} <= names


def test_an_orders_dataset_trains_on_rfm_features_with_its_mapping_and_as_of(client, monkeypatch, aws):
    from chalicelib.services import services
    from tests.support.trainer_inline import install_inline_trainer

    install_inline_trainer(monkeypatch)  # profiles the upload at once
    training = InlineTrainer()
    training.paused = True  # records the training event only
    monkeypatch.setattr(services().training, "dispatcher", training)
    admin = seed_account("admin")
    lines, _ = generate_orders({"loyal": 3, "new": 3}, seed=2)
    uploaded = client.request(
        "POST",
        "/datasets?kind=transactions&filename=orders.csv",
        raw="\n".join(lines) + "\n",
        token=admin.token,
        headers={"Content-Type": "text/csv"},
    )
    assert uploaded.status == 201, uploaded.json
    assert uploaded.json["kind"] == "transactions"
    body = {
        "dataset_id": uploaded.json["dataset_id"],
        "columns": {
            "customer": "CustomerID",
            "date": "InvoiceDate",
            "quantity": "Quantity",
            "unit_price": "UnitPrice",
        },
        "as_of": "2011-12-31",
        "date_order": "day-first",
    }
    assert_error(client.post("/train", {**body, "date_order": "year-first"}, token=admin.token), 422)
    reply = client.post("/train", body, token=admin.token)
    assert reply.status == 202, reply.json
    event = training.events[-1]
    assert (event["kind"], event["as_of"], event["columns"], event["date_order"]) == (
        "transactions",
        "2011-12-31",
        body["columns"],
        "day-first",
    )
    assert event["features"] is None


def test_a_mapping_to_a_column_the_orders_dataset_lacks_is_422(client, monkeypatch, aws):
    from tests.support.trainer_inline import install_inline_trainer

    install_inline_trainer(monkeypatch)
    admin = seed_account("admin")
    uploaded = client.request(
        "POST",
        "/datasets?kind=transactions&filename=orders.csv",
        raw="customer_id,order_date,amount\na,2021-01-01,5\n",
        token=admin.token,
        headers={"Content-Type": "text/csv"},
    )
    assert uploaded.status == 201, uploaded.json
    body = {
        "dataset_id": uploaded.json["dataset_id"],
        "columns": {"customer": "client", "date": "order_date"},
    }
    assert_error(client.post("/train", body, token=admin.token), 422, "validation_error")
