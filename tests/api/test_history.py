"""GET /history: own entries only, every filter, cursor pages with a total, one entry, CSV export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.support.api import Account, assert_error, seed_account


def point(centroid: dict[str, float]) -> dict[str, Any]:
    return {
        "age": round(centroid["age"]),
        "annual_income": round(centroid["annual_income"], 1),
        "spending_score": round(centroid["spending_score"]),
        "purchase_frequency": round(centroid["purchase_frequency"]),
    }


def midpoint(a: dict[str, float], b: dict[str, float]) -> dict[str, Any]:
    return point({k: (a[k] + b[k]) / 2 for k in a})


@pytest.fixture()
def five_entries(client, active_model) -> tuple[Account, list[dict[str, Any]]]:
    """Five single predictions, oldest first: three at centroids, two between segments."""
    centroids = [c["centroid"] for c in active_model.document()["clusters"]]
    customers = [
        point(centroids[0]),
        midpoint(centroids[0], centroids[1]),
        point(centroids[1]),
        midpoint(centroids[1], centroids[2]),
        point(centroids[2]),
    ]
    user = seed_account()
    made = []
    for customer in customers:
        reply = client.post("/predict", customer, token=user.token)
        assert reply.status == 200, reply.json
        made.append(reply.json)
    return user, made


def get_history(client, token: str, **query: Any):
    path = "/history" + (f"?{urlencode(query)}" if query else "")
    return client.get(path, token=token)


def ids(reply) -> list[str]:
    assert reply.status == 200, reply.json
    return [entry["id"] for entry in reply.json["history"]]


def newest_first(entries: list[dict[str, Any]]) -> list[str]:
    return [e["prediction_id"] for e in reversed(entries)]


def test_history_is_newest_first_with_every_field(client, five_entries):
    user, made = five_entries
    reply = get_history(client, user.token)
    assert ids(reply) == newest_first(made)
    assert reply.json["total"] == 5
    assert reply.json["next_cursor"] is None
    fields = {
        "id",
        "kind",
        "customer_data",
        "cluster",
        "cluster_name",
        "confidence",
        "model_version",
        "profile_id",
        "created_at",
    }
    for entry, prediction in zip(reply.json["history"], reversed(made), strict=True):
        assert set(entry) >= fields
        assert entry["profile_id"] is None
        assert entry["created_at"] == prediction["created_at"]


def test_filter_by_cluster(client, five_entries):
    user, made = five_entries
    cluster = made[0]["cluster"]
    expected = [e["prediction_id"] for e in reversed(made) if e["cluster"] == cluster]
    reply = get_history(client, user.token, cluster=cluster)
    assert ids(reply) == expected
    assert reply.json["total"] == len(expected)
    assert 0 < len(expected) < 5


def test_filter_by_min_and_max_confidence(client, five_entries):
    user, made = five_entries
    confidences = sorted(e["confidence"] for e in made)
    assert confidences[0] < 0.9 < confidences[-1], confidences
    threshold = 0.9
    high = [e["prediction_id"] for e in reversed(made) if e["confidence"] >= threshold]
    low = [e["prediction_id"] for e in reversed(made) if e["confidence"] <= threshold]
    assert ids(get_history(client, user.token, min_confidence=threshold)) == high
    assert ids(get_history(client, user.token, max_confidence=threshold)) == low
    lowest = confidences[0]
    both = get_history(client, user.token, min_confidence=lowest, max_confidence=lowest)
    assert [e["confidence"] for e in both.json["history"]] == [lowest]
    assert both.json["total"] == 1


def test_filter_by_dates(client, five_entries):
    user, _ = five_entries
    today = datetime.now(UTC).date()
    tomorrow, yesterday = today + timedelta(days=1), today - timedelta(days=1)
    assert len(ids(get_history(client, user.token, **{"from": today.isoformat()}))) == 5
    assert ids(get_history(client, user.token, **{"from": tomorrow.isoformat()})) == []
    assert ids(get_history(client, user.token, to=yesterday.isoformat())) == []
    assert len(ids(get_history(client, user.token, **{"from": yesterday.isoformat(), "to": today}))) == 5
    reply = get_history(client, user.token, **{"from": tomorrow.isoformat(), "to": yesterday.isoformat()})
    assert_error(reply, 400)
    assert_error(get_history(client, user.token, **{"from": "last tuesday"}), 400)


def test_date_bounds_are_inclusive_at_an_entrys_own_timestamp(client, five_entries):
    user, made = five_entries
    middle = made[2]
    since = ids(get_history(client, user.token, **{"from": middle["created_at"]}))
    until = ids(get_history(client, user.token, to=middle["created_at"]))
    assert middle["prediction_id"] in since
    assert middle["prediction_id"] in until
    assert set(since) | set(until) == {e["prediction_id"] for e in made}
    exactly = get_history(client, user.token, **{"from": middle["created_at"], "to": middle["created_at"]})
    assert middle["prediction_id"] in ids(exactly)


def test_cursor_pages_return_each_entry_exactly_once(client, five_entries):
    user, made = five_entries
    seen: list[str] = []
    pages = 0
    cursor = None
    while True:
        query: dict[str, Any] = {"limit": 2}
        if cursor:
            query["cursor"] = cursor
        reply = get_history(client, user.token, **query)
        assert reply.status == 200, reply.json
        assert reply.json["total"] == 5
        assert len(reply.json["history"]) <= 2
        seen += ids(reply)
        pages += 1
        cursor = reply.json["next_cursor"]
        if cursor is None:
            break
        assert pages < 10
    assert pages == 3
    assert seen == newest_first(made)


def test_last_full_page_has_no_next_cursor(client, five_entries):
    user, _ = five_entries
    reply = get_history(client, user.token, limit=5)
    assert len(ids(reply)) == 5
    assert reply.json["next_cursor"] is None


def test_cursor_pages_keep_the_filter(client, five_entries):
    user, made = five_entries
    threshold = 0.9
    expected = [e["prediction_id"] for e in reversed(made) if e["confidence"] >= threshold]
    first = get_history(client, user.token, min_confidence=threshold, limit=1)
    assert first.json["total"] == len(expected)
    seen = ids(first)
    cursor = first.json["next_cursor"]
    while cursor:
        reply = get_history(client, user.token, min_confidence=threshold, limit=1, cursor=cursor)
        seen += ids(reply)
        cursor = reply.json["next_cursor"]
    assert seen == expected


def test_tampered_or_foreign_cursor_is_400(client, five_entries):
    user, _ = five_entries
    cursor = get_history(client, user.token, limit=2).json["next_cursor"]
    body, mac = cursor.split(".", 1)
    tampered = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1] + "." + mac
    for bad in (tampered, body + "." + mac[::-1], "garbage", cursor + "x"):
        assert_error(get_history(client, user.token, limit=2, cursor=bad), 400)
    other = seed_account()
    assert_error(get_history(client, other.token, limit=2, cursor=cursor), 400)
    assert_error(get_history(client, user.token, limit=2, cursor=cursor, cluster=0), 400)


def test_users_see_only_their_own_entries(client, five_entries):
    user, made = five_entries
    other = seed_account()
    theirs = client.post(
        "/predict",
        {"age": 30, "annual_income": 50, "spending_score": 50, "purchase_frequency": 10},
        token=other.token,
    ).json
    mine = get_history(client, user.token)
    assert theirs["prediction_id"] not in ids(mine)
    assert mine.json["total"] == 5
    reply = get_history(client, other.token)
    assert ids(reply) == [theirs["prediction_id"]]
    assert reply.json["total"] == 1
    export = client.get("/history/export", token=other.token).body.decode()
    assert made[0]["prediction_id"] not in export


def test_another_users_entry_is_404(client, five_entries):
    user, made = five_entries
    other = seed_account()
    assert client.get(f"/history/{made[0]['prediction_id']}", token=user.token).status == 200
    assert_error(client.get(f"/history/{made[0]['prediction_id']}", token=other.token), 404)
    assert_error(client.get("/history/20200101T000000000000deadbeef", token=user.token), 404)


def test_export_is_csv_with_the_same_filters(client, five_entries):
    user, made = five_entries
    reply = client.get("/history/export", token=user.token)
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(reply.body.decode())))
    assert [r["id"] for r in rows] == newest_first(made)
    first = rows[-1]
    assert first["kind"] == "single"
    assert int(first["cluster"]) == made[0]["cluster"]
    assert first["cluster_name"] == made[0]["cluster_name"]
    assert float(first["confidence"]) == pytest.approx(made[0]["confidence"])
    assert int(first["age"]) == made[0]["customer_data"]["age"]

    cluster = made[2]["cluster"]
    filtered = client.get(f"/history/export?cluster={cluster}&min_confidence=0.9", token=user.token)
    expected = [
        e["prediction_id"] for e in reversed(made) if e["cluster"] == cluster and e["confidence"] >= 0.9
    ]
    assert [r["id"] for r in csv.DictReader(io.StringIO(filtered.body.decode()))] == expected
    tomorrow = (datetime.now(UTC).date() + timedelta(days=1)).isoformat()
    empty = client.get(f"/history/export?from={tomorrow}", token=user.token).body.decode()
    assert len(empty.strip().splitlines()) == 1  # the header only


def test_export_lists_batches_too(client, active_model):
    user = seed_account()
    customer = {"age": 30, "annual_income": 50, "spending_score": 50, "purchase_frequency": 10}
    batch = client.post("/predict/batch", {"customers": [customer, customer]}, token=user.token).json
    rows = list(csv.DictReader(io.StringIO(client.get("/history/export", token=user.token).body.decode())))
    assert [(r["id"], r["kind"], r["count"], r["failed"]) for r in rows] == [
        (batch["batch_id"], "batch", "2", "0")
    ]


def test_invalid_history_query_is_400(client, active_model):
    user = seed_account()
    for query in ("limit=0", "limit=201", "min_confidence=2", "cluster=-1", "cluster=abc"):
        assert_error(client.get(f"/history?{query}", token=user.token), 400)


def test_a_single_entry_keeps_its_explanation_and_probabilities(client, five_entries):
    user, made = five_entries
    reply = client.get(f"/history/{made[1]['prediction_id']}", token=user.token)
    assert reply.status == 200, reply.json
    assert reply.json["explanation"] == made[1]["explanation"]
    assert reply.json["probabilities"] == made[1]["probabilities"]
    listed = get_history(client, user.token, limit=1).json["history"][0]
    assert "explanation" not in listed and "probabilities" not in listed
