"""POST /predict/batch: JSON and CSV bodies, per-row errors, CSV results, one history entry."""

from __future__ import annotations

import csv
import io
from typing import Any

from segcore.csv_output import SCORE_COLUMNS
from tests.support.api import assert_error, seed_account

GOOD = {"sex": "Male", "age": 40, "annual_income": 60, "spending_score": 50, "purchase_frequency": 12}
OTHER_HEADERS = "Gender,Age,Annual Income (k$),Spending Score (1-100),Purchase Frequency"


def batch(client, token: str, customers: list[Any], **kw: Any):
    return client.post("/predict/batch", {"customers": customers}, token=token, **kw)


def post_csv(client, token: str, text: str | bytes, **headers: str):
    return client.request(
        "POST", "/predict/batch", raw=text, token=token, headers={"Content-Type": "text/csv", **headers}
    )


def test_json_batch_scores_every_row(client, active_model):
    user = seed_account()
    customers = [{**GOOD, "age": 20 + i, "spending_score": 10 + 8 * i} for i in range(10)]
    reply = batch(client, user.token, customers)
    assert reply.status == 200, reply.json
    body = reply.json
    assert body["model_version"] == active_model.version
    assert (body["count"], body["failed"]) == (10, 0)
    assert [r["row"] for r in body["results"]] == list(range(1, 11))
    names = {c["cluster_id"]: c["name"] for c in active_model.document()["clusters"]}
    for result in body["results"]:
        assert result["cluster_name"] == names[result["cluster"]]
        assert 0 <= result["confidence"] <= 1
    assert set(body["summary"]) == set(names.values())
    assert sum(body["summary"].values()) == 10


def test_json_batch_agrees_with_single_predictions(client, active_model):
    user = seed_account()
    customers = [
        {"age": 25, "annual_income": 30, "spending_score": 80, "purchase_frequency": 5},
        {"age": 45, "annual_income": 130, "spending_score": 15, "purchase_frequency": 8},
        {"age": 35, "annual_income": 55, "spending_score": 50, "purchase_frequency": 40},
    ]
    results = batch(client, user.token, customers).json["results"]
    for customer, result in zip(customers, results, strict=True):
        single = client.post("/predict", customer, token=user.token).json
        assert (result["cluster"], result["cluster_name"]) == (single["cluster"], single["cluster_name"])
        assert abs(result["confidence"] - single["confidence"]) < 1e-5


def test_json_batch_of_1000_rows_is_accepted(client, active_model):
    user = seed_account()
    reply = batch(client, user.token, [GOOD] * 1000)
    assert reply.status == 200, reply.json
    assert reply.json["count"] == 1000


def test_json_batch_of_0_or_1001_rows_is_422(client, active_model):
    user = seed_account()
    for customers in ([], [GOOD] * 1001):
        body = assert_error(batch(client, user.token, customers), 422)
        assert "customers" in {d["field"] for d in body["details"]}, body
    assert client.get("/history", token=user.token).json["total"] == 0


def test_bad_rows_are_reported_with_row_number_and_never_dropped(client, active_model):
    user = seed_account()
    customers = [
        GOOD,
        {**GOOD, "age": 17},
        {**GOOD, "spending_score": True},
        "not an object",
        {**GOOD, "annual_income": "lots"},
        {**GOOD, "age": 30.5},
        {k: v for k, v in GOOD.items() if k != "purchase_frequency"},
        GOOD,
    ]
    reply = batch(client, user.token, customers)
    assert reply.status == 200, reply.json
    body = reply.json
    assert (body["count"], body["failed"]) == (8, 6)
    results = body["results"]
    assert [r["row"] for r in results] == list(range(1, 9))
    assert "cluster" in results[0] and "cluster" in results[7]
    expected_fields = {
        2: "age",
        3: "spending_score",
        4: "row",
        5: "annual_income",
        6: "age",
        7: "purchase_frequency",
    }
    for row, field in expected_fields.items():
        result = results[row - 1]
        assert "cluster" not in result, result
        assert field in {e["field"] for e in result["errors"]}, result
        assert all(e["message"] for e in result["errors"])
    assert sum(body["summary"].values()) == 2


def test_one_history_entry_per_batch_listing_its_results(client, active_model):
    user = seed_account()
    body = batch(client, user.token, [GOOD, {**GOOD, "age": 5}, GOOD]).json
    history = client.get("/history", token=user.token).json
    assert history["total"] == 1
    [entry] = history["history"]
    assert entry["id"] == body["batch_id"]
    assert entry["kind"] == "batch"
    assert entry["model_version"] == active_model.version
    assert (entry["count"], entry["failed"]) == (3, 1)
    detail = client.get(f"/history/{body['batch_id']}", token=user.token)
    assert detail.status == 200, detail.json
    assert detail.json["results"] == body["results"]


def test_csv_with_other_headers_is_scored(client, active_model):
    user = seed_account()
    text = f"CustomerID,{OTHER_HEADERS}\n1,Female,30,120,85,20\n2,M,45,30.5,20,3\n3,Female,17,50,50,10\n"
    reply = post_csv(client, user.token, text)
    assert reply.status == 200, reply.json
    body = reply.json
    assert (body["count"], body["failed"]) == (3, 1)
    first, second, third = body["results"]
    assert (first["row"], second["row"], third["row"]) == (1, 2, 3)
    single = client.post(
        "/predict",
        {"age": 30, "annual_income": 120, "spending_score": 85, "purchase_frequency": 20},
        token=user.token,
    ).json
    assert first["cluster"] == single["cluster"]
    assert "cluster" in second
    assert [e["field"] for e in third["errors"]] == ["age"]


def test_excel_exports_score_like_their_utf8_comma_twin(client, active_model):
    """Semicolons with decimal commas in Windows-1252, and Excel's "Unicode Text" (UTF-16, tabs)."""
    user = seed_account()
    rows = [("Zoë", "Female", "30", "120.5", "85", "20"), ("José", "Male", "45", "30", "20", "3")]
    comma = f"Name,{OTHER_HEADERS}\n" + "".join(",".join(r) + "\n" for r in rows)
    semicolons = f"Name;{OTHER_HEADERS.replace(',', ';')}\r\n" + "".join(
        ";".join(r).replace(".", ",") + "\r\n" for r in rows
    )
    tabs = f"Name\t{OTHER_HEADERS.replace(',', chr(9))}\r\n" + "".join("\t".join(r) + "\r\n" for r in rows)
    expected = post_csv(client, user.token, comma).json["results"]
    assert [r["cluster"] for r in expected] and not any("errors" in r for r in expected)
    for body in (semicolons.encode("cp1252"), tabs.encode("utf-16")):
        reply = post_csv(client, user.token, body)
        assert reply.status == 200, reply.json
        scored = [(r["cluster"], r["confidence"]) for r in reply.json["results"]]
        assert scored == [(r["cluster"], r["confidence"]) for r in expected]
    names = post_csv(client, user.token, semicolons.encode("cp1252"), Accept="text/csv").body.decode()
    assert "Zoë" in names and "José" in names


def test_csv_with_a_single_column_header_is_422_and_names_the_delimiters(client, active_model):
    user = seed_account()
    body = assert_error(post_csv(client, user.token, "age|annual_income\n30|50\n"), 422)
    assert "commas, semicolons or tabs" in body["message"]


def test_csv_missing_a_model_column_is_422(client, active_model):
    user = seed_account()
    reply = post_csv(client, user.token, "Age,Annual Income (k$),Spending Score (1-100)\n30,50,50\n")
    body = assert_error(reply, 422)
    assert "purchase_frequency" in body["message"]


def test_accept_text_csv_returns_the_rows_with_their_segments_as_csv(client, active_model):
    user = seed_account()
    customers = [{**GOOD, "customer_id": "A-1"}, {**GOOD, "age": 200, "customer_id": "A-2"}]
    reply = batch(client, user.token, customers, headers={"Accept": "text/csv"})
    assert reply.status == 200, reply.body[:300]
    assert reply.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(reply.body.decode())))
    assert list(rows[0]) == [*GOOD, "customer_id", *SCORE_COLUMNS]
    assert [r["customer_id"] for r in rows] == ["A-1", "A-2"]
    assert rows[0]["segment_name"] and rows[0]["confidence"] and not rows[0]["error"]
    assert rows[0]["atypical"] in ("true", "false")
    assert not rows[1]["segment_name"] and "age" in rows[1]["error"]
    batch_id = reply.headers.get("X-Batch-Id")
    assert batch_id and client.get(f"/history/{batch_id}", token=user.token).status == 200


def test_csv_results_keep_every_input_column_as_it_came(client, active_model):
    user = seed_account()
    text = f"Note,{OTHER_HEADERS}\n=cmd,Female,30,120.0,85,20\nkept,Female,30,120,850,20\n"
    reply = post_csv(client, user.token, text, Accept="text/csv")
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("text/csv")
    lines = reply.body.decode().splitlines()
    assert lines[0] == f"Note,{OTHER_HEADERS},segment_id,segment_name,confidence,atypical,error"
    scored, failed = list(csv.reader(lines[1:]))
    # The cells as they came (a formula-like cell neutralised), then the segment.
    assert scored[:6] == ["'=cmd", "Female", "30", "120.0", "85", "20"]
    assert scored[6].isdigit() and scored[7] and not scored[10]
    assert failed[:6] == ["kept", "Female", "30", "120", "850", "20"]
    assert failed[6:10] == ["", "", "", ""] and failed[10].startswith("spending_score:")


def test_csv_over_5_mb_is_413(client, active_model):
    user = seed_account()
    line = "Female,30,120,85,20\n"
    text = OTHER_HEADERS + "\n" + line * (5 * 1024 * 1024 // len(line) + 10)
    assert_error(post_csv(client, user.token, text), 413)


def test_wrong_content_type_is_415(client, active_model):
    user = seed_account()
    for content_type in ("text/plain", "application/xml"):
        reply = client.request(
            "POST",
            "/predict/batch",
            raw="age,annual_income\n1,2\n",
            token=user.token,
            headers={"Content-Type": content_type},
        )
        assert_error(reply, 415)


def test_batch_without_active_model_is_409(client, no_active_model):
    user = seed_account()
    assert_error(batch(client, user.token, [GOOD]), 409, "no_active_model")
