"""GET /admin/stats: users, predictions, the active model and input drift, from counters only."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from segcore.features import parse_csv
from tests.support.api import seed_account, user_record

ROOT = Path(__file__).resolve().parents[2]
CUSTOMER = {"age": 30, "annual_income": 60, "spending_score": 50, "purchase_frequency": 12}


def stats(client, admin) -> dict[str, Any]:
    reply = client.get("/admin/stats", token=admin.token)
    assert reply.status == 200, reply.json
    return dict(reply.json)


def training_rows() -> list[dict[str, Any]]:
    return [
        {k: v for k, v in row.items() if k != "sex"}
        for row in parse_csv((ROOT / "data" / "customers.csv").read_text()).rows
    ]


def test_stats_without_a_model_or_predictions_are_zero_filled(client, no_active_model):
    admin = seed_account("admin")
    seed_account("analyst")
    seed_account()
    body = stats(client, admin)
    assert body["users"] == {
        "total": 3,
        "active": 3,
        "inactive": 0,
        "by_role": {"user": 1, "analyst": 1, "admin": 1},
    }
    predictions = body["predictions"]
    assert (predictions["total"], predictions["last_24h"], predictions["by_cluster"]) == (0, 0, {})
    today = datetime.now(UTC).date()
    assert [d["date"] for d in predictions["per_day"]] == [
        (today - timedelta(days=i)).isoformat() for i in reversed(range(30))
    ]
    assert all(d["count"] == 0 for d in predictions["per_day"])
    assert len(predictions["per_week"]) == 12 and len(predictions["per_month"]) == 12
    assert predictions["per_month"][-1]["month"] == f"{today:%Y-%m}"
    assert body["model"] == {"active_version": None, "trained_at": None, "n_clusters": None}
    assert body["drift"]["features"] == [] and body["drift"]["status"] == "ok"


def test_stats_count_users_predictions_and_describe_the_active_model(client, active_model):
    admin, user, other = seed_account("admin"), seed_account(), seed_account()
    assert client.put(f"/admin/users/{other.id}/toggle-active", token=admin.token).status == 200
    singles = [client.post("/predict", CUSTOMER, token=user.token).json for _ in range(3)]
    batch = client.post(
        "/predict/batch", {"customers": [CUSTOMER, {"age": 5}, CUSTOMER]}, token=user.token
    ).json
    body = stats(client, admin)
    assert body["users"] == {
        "total": 3,
        "active": 2,
        "inactive": 1,
        "by_role": {"user": 2, "analyst": 0, "admin": 1},
    }
    predictions = body["predictions"]
    assert predictions["total"] == predictions["last_24h"] == 5
    assert predictions["per_day"][-1]["count"] == 5
    assert predictions["per_week"][-1]["count"] == 5 and predictions["per_month"][-1]["count"] == 5
    doc = active_model.document()
    names = [c["name"] for c in doc["clusters"]]
    expected = dict.fromkeys(names, 0)
    for single in singles:
        expected[single["cluster_name"]] += 1
    for name, n in batch["summary"].items():
        expected[name] += n
    assert predictions["by_cluster"] == expected
    assert body["model"] == {
        "active_version": active_model.version,
        "trained_at": doc["created_at"],
        "n_clusters": len(doc["clusters"]),
    }
    assert user_record(user.id).total_predictions == 5


def test_segment_counts_survive_a_rename(client, active_model):
    admin = seed_account("admin")
    first = client.post("/predict", CUSTOMER, token=admin.token).json
    old = first["cluster_name"]
    reply = client.put(
        f"/models/{active_model.version}/clusters/{first['cluster']}",
        {"name": "Renamed segment"},
        token=admin.token,
    )
    assert reply.status == 200, reply.json
    from chalicelib.services import services

    services().models.invalidate()
    assert client.post("/predict", CUSTOMER, token=admin.token).json["cluster_name"] == "Renamed segment"
    by_cluster = stats(client, admin)["predictions"]["by_cluster"]
    assert (by_cluster[old], by_cluster["Renamed segment"]) == (1, 1)
    assert sum(by_cluster.values()) == 2


def test_stats_never_scan_a_table(client, active_model, monkeypatch):
    from pynamodb.models import Model

    admin = seed_account("admin")
    client.post("/predict", CUSTOMER, token=admin.token)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("/admin/stats scanned a table")

    monkeypatch.setattr(Model, "scan", classmethod(refuse))
    assert stats(client, admin)["predictions"]["total"] == 1


def drift_by_feature(client, admin) -> tuple[dict[str, dict[str, Any]], str]:
    drift = stats(client, admin)["drift"]
    return {f["feature"]: f for f in drift["features"]}, drift["status"]


def test_drift_of_inputs_drawn_from_the_training_distribution_is_ok(client, active_model):
    admin = seed_account("admin")
    sample = random.Random(7).choices(training_rows(), k=1000)
    assert client.post("/predict/batch", {"customers": sample}, token=admin.token).json["count"] == 1000
    features, status = drift_by_feature(client, admin)
    assert set(features) == set(active_model.document()["features"])
    assert all(f["status"] == "ok" and f["observations"] == 1000 for f in features.values()), features
    assert all(0 <= f["psi"] < 0.1 for f in features.values())
    assert status == "ok"


def test_income_shifted_by_two_standard_deviations_alerts_for_income_only(client, active_model):
    admin = seed_account("admin")
    rows = training_rows()
    incomes = [r["annual_income"] for r in rows]
    mean = sum(incomes) / len(incomes)
    sd = (sum((x - mean) ** 2 for x in incomes) / len(incomes)) ** 0.5
    sample = [
        {**row, "annual_income": round(row["annual_income"] + 2 * sd, 1)}
        for row in random.Random(11).choices(rows, k=1000)
    ]
    assert client.post("/predict/batch", {"customers": sample}, token=admin.token).json["count"] == 1000
    features, status = drift_by_feature(client, admin)
    assert features["annual_income"]["status"] == "alert", features
    assert features["annual_income"]["psi"] >= 0.25
    others = {name: f["status"] for name, f in features.items() if name != "annual_income"}
    assert set(others.values()) == {"ok"}, features
    assert status == "alert"


def test_few_inputs_give_a_psi_but_no_verdict(client, active_model):
    admin = seed_account("admin")
    for _ in range(3):
        client.post("/predict", CUSTOMER, token=admin.token)
    features, status = drift_by_feature(client, admin)
    assert all(f["observations"] == 3 and f["psi"] is not None for f in features.values())
    assert not any(f["enough_data"] for f in features.values())
    assert status == "ok"


def test_drift_window_is_the_last_30_days_of_the_active_model(client, active_model):
    """Bin counts older than 30 days, or of another model version, do not count."""
    from chalicelib.db.transactions import CounterDelta, Transaction
    from chalicelib.stats.drift import drift_key

    admin = seed_account("admin")
    feature = active_model.document()["features"][0]
    now = datetime.now(UTC)
    tx = Transaction()
    tx.counters(
        [
            CounterDelta(drift_key(active_model.version, now - timedelta(days=29), feature, 0), 150),
            CounterDelta(drift_key(active_model.version, now - timedelta(days=30), feature, 1), 1000),
            CounterDelta(drift_key("another-version", now, feature, 2), 1000),
        ]
    )
    tx.commit()
    features, status = drift_by_feature(client, admin)
    assert features[feature]["observations"] == 150
    assert features[feature]["status"] == "alert"  # every input in the first bin
    assert status == "alert"
