"""Training on any chosen columns: Mall Customers, categorical features, and bad choices."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from conftest import DATA_DIR, TrainedModel, Trainer, make_trainer

from segcore.document import schema_of
from segcore.schema import MAX_CATEGORIES
from segcore.scoring import Scorer

MALL_CSV = (DATA_DIR / "mall_customers.csv").read_text(encoding="utf-8")


@pytest.fixture
def mall(aws: None) -> Trainer:
    trainer = make_trainer()
    trainer.put_raw("datasets/mall/data.csv", MALL_CSV.encode())
    return trainer


def crm_csv(rows: int, *, seed: int = 7) -> str:
    """A CRM-like export: three groups that differ in tenure, basket and channel."""
    rng = np.random.default_rng(seed)
    groups = [
        (60, 20, ["online"] * 8 + ["store"] * 2),
        (6, 90, ["store"] * 8 + ["phone"] * 2),
        (30, 45, ["phone"] * 7 + ["online"] * 3),
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Customer Ref", "tenure_months", "avg_basket", "channel", "region"])
    for index in range(rows):
        tenure, basket, channels = groups[index % 3]
        writer.writerow(
            [
                f"C{index:05d}",
                max(0, int(rng.normal(tenure, 4))),
                round(float(rng.lognormal(np.log(basket), 0.2)), 2),
                channels[int(rng.integers(len(channels)))].upper()
                if index % 7 == 0
                else channels[index % 10],
                ["north", "south"][index % 2],
            ]
        )
    return buffer.getvalue()


def test_mall_customers_on_income_and_spending_finds_five_segments(mall: Trainer) -> None:
    status = mall.train(dataset_id="mall", features=["annual_income_thousands", "spending_score"])
    assert status["status"] == "succeeded", status["error"]
    document = mall.document(status["model_version"])
    assert status["metrics"]["n_clusters"] == 5
    assert document["metrics"]["silhouette_score"] == pytest.approx(0.55, abs=0.02)
    schema = schema_of(document)
    assert schema.names == ("annual_income_thousands", "spending_score")
    assert schema.id_column == "customer_id"
    assert document["rows"] == 200 and status["metrics"]["rejected_rows"] == 0
    # Income and spending stand for the replaced system's fields: its persona names apply.
    assert {c["name"] for c in document["clusters"]} == {
        "High-Value Customers",
        "Budget Shoppers",
        "Potential Targets",
        "Impulsive Spenders",
        "Mainstream Customers",
    }
    for cluster in document["clusters"]:
        assert set(cluster["averages"]) == {"annual_income_thousands", "spending_score"}


def test_a_categorical_feature_is_one_hot_encoded_and_named(aws: None) -> None:
    trainer = make_trainer()
    trainer.put_raw("datasets/crm/data.csv", crm_csv(600).encode())
    status = trainer.train(
        dataset_id="crm",
        features=["tenure_months", {"name": "avg_basket", "transform": "log", "label": "Basket"}, "channel"],
        k=3,
    )
    assert status["status"] == "succeeded", status["error"]
    document = trainer.document(status["model_version"])
    schema = schema_of(document)
    assert schema.id_column == "Customer Ref"
    channel = schema.feature("channel")
    # Spellings that differ only in case are one category.
    assert channel.categories == ("online", "phone", "store")
    assert schema.feature("avg_basket").transform == "log"
    assert schema.feature("avg_basket").label == "Basket"
    assert schema.feature("tenure_months").integer is True
    assert len(document["scaler"]["mean"]) == 2 + 3
    names = {c["name"] for c in document["clusters"]}
    assert "Low tenure months, high basket, mostly store" in names, names
    for cluster in document["clusters"]:
        shares = cluster["category_shares"]["channel"]
        assert sum(shares.values()) == pytest.approx(1.0, abs=1e-3)
        assert cluster["averages"]["channel"] == max(shares, key=lambda c: shares[c])
    assert document["drift_bins"]["channel"]["categories"] == ["online", "phone", "store"]
    scorer = Scorer(document)
    store_cluster = next(c for c in document["clusters"] if c["averages"]["channel"] == "store")
    label, _ = scorer.classify_one({"tenure_months": 5, "avg_basket": 95.0, "channel": "store"})
    assert label == store_cluster["cluster_id"]


def test_a_categorical_with_too_many_values_fails_with_the_reason(mall: Trainer) -> None:
    status = mall.train(
        dataset_id="mall", features=["spending_score", {"name": "customer_id", "type": "categorical"}]
    )
    assert status["status"] == "failed"
    assert f"at most {MAX_CATEGORIES}" in status["error"]
    assert "'customer_id' has 200 distinct values" in status["error"]


def test_an_unknown_column_or_id_column_fails_naming_it(mall: Trainer) -> None:
    status = mall.train(dataset_id="mall", features=["spending_score", "tenure"])
    assert status["status"] == "failed"
    assert status["error"].startswith("The dataset has no column 'tenure'; its columns are: customer_id,")
    status = mall.train(dataset_id="mall", features=["spending_score", "age"], id_column="ref")
    assert status["error"] == "The dataset has no id column 'ref'."


def test_a_column_without_usable_values_fails(aws: None) -> None:
    trainer = make_trainer()
    trainer.put_raw(
        "datasets/empty/data.csv", b"id,a,b\n" + b"".join(b"%d,%d,\n" % (i, i) for i in range(30))
    )
    status = trainer.train(dataset_id="empty", features=["a", {"name": "b", "type": "numeric"}])
    assert status["status"] == "failed"
    assert status["error"] == "Column 'b' has no usable values."


def test_rows_breaking_a_rule_are_rejected_and_reported_with_the_customer_id(aws: None) -> None:
    text = crm_csv(120).splitlines()
    text[5] = "C-bad,abc,12.5,online,north"
    text[9] = "C-neg,10,-4,online,north"
    trainer = make_trainer()
    trainer.put_raw("datasets/crm/data.csv", ("\n".join(text) + "\n").encode())
    status = trainer.train(
        dataset_id="crm", features=["tenure_months", {"name": "avg_basket", "transform": "log"}], k=3
    )
    assert status["status"] == "succeeded", status["error"]
    assert status["metrics"]["rejected_rows"] == 2
    assert status["metrics"]["rejections"] == [
        {
            "row": 5,
            "customer_id": "C-bad",
            "errors": [{"field": "tenure_months", "message": "must be an integer"}],
        },
        {
            "row": 9,
            "customer_id": "C-neg",
            "errors": [{"field": "avg_basket", "message": "must be at least 0"}],
        },
    ]


def test_segments_are_matched_only_between_compatible_schemas(mall: Trainer) -> None:
    first = mall.train(dataset_id="mall", features=["annual_income_thousands", "spending_score"])
    same = mall.train(dataset_id="mall", features=["annual_income_thousands", "spending_score"], seed=3)
    other = mall.train(dataset_id="mall", features=["age", "spending_score"])
    assert first["status"] == same["status"] == other["status"] == "succeeded"
    moved = mall.document(same["model_version"])["moved"]
    assert moved is not None and all(m["previous_cluster_id"] is not None for m in moved)
    assert mall.document(other["model_version"])["moved"] is None


def test_the_bundled_dataset_keeps_the_replaced_systems_schema(bundled_model: TrainedModel) -> None:
    schema = schema_of(bundled_model.document)
    assert [f.name for f in schema.features] == [
        "sex",
        "age",
        "annual_income",
        "spending_score",
        "purchase_frequency",
    ]
    assert schema.feature("sex").display_only
    assert schema.feature("age").min == 18 and schema.feature("age").max == 100
