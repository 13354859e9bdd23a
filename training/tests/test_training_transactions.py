"""Training on a transactions dataset: RFM features, segments named by behaviour, retrains."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter

import pytest
from conftest import Trainer, make_trainer

from segcore.document import dumps, schema_of
from segcore.layout import model_document_key
from segcore.naming import RFM_NAMES
from segcore.rfm import FEATURE_NAMES, RfmResult, aggregate_source
from segcore.rfm_sample import generate_orders
from segcore.scoring import Scorer
from segcore.table import CsvSource

COUNTS = {"loyal": 150, "one_off": 300, "lapsed_big": 100, "new": 120}
# The names each generated behaviour may get (RFM practice differs on the borderlines).
EXPECTED = {
    "loyal": {"Champions", "Loyal"},
    "one_off": {"Hibernating", "Lost", "About to sleep"},
    "lapsed_big": {"At risk", "Cannot lose them"},
    "new": {"New customers"},
}


@pytest.fixture
def orders(aws: None) -> tuple[Trainer, dict[str, str], bytes]:
    lines, truth = generate_orders(COUNTS, seed=11)
    body = ("\n".join(lines) + "\n").encode()
    trainer = make_trainer()
    trainer.put_raw("datasets/orders/data.csv", body)
    return trainer, truth, body


def rfm_of(body: bytes) -> RfmResult:
    return aggregate_source(CsvSource([body]))


def test_generated_behaviours_train_into_segments_named_for_them(
    orders: tuple[Trainer, dict[str, str], bytes],
) -> None:
    trainer, truth, body = orders
    status = trainer.train(dataset_id="orders", kind="transactions", k=4)
    assert status["status"] == "succeeded", status["error"]
    doc = trainer.document(status["model_version"])
    assert doc["kind"] == "transactions"
    assert doc["transactions"]["columns"]["customer"] == "CustomerID"
    schema = schema_of(doc)
    assert schema.names == FEATURE_NAMES
    assert schema.feature("monetary").transform == "log"
    names = [cluster["name"] for cluster in doc["clusters"]]
    assert len({name.casefold() for name in names}) == len(names)
    assert set(names) <= set(RFM_NAMES)
    result = rfm_of(body)
    scorer = Scorer(doc)
    assignments = scorer.score_batch(scorer.schema.encode(result.features)).labels
    for behaviour, allowed in EXPECTED.items():
        members = [i for i, c in enumerate(result.customer_ids) if truth[c] == behaviour]
        named = Counter(names[int(assignments[i])] for i in members)
        top, count = named.most_common(1)[0]
        assert top in allowed, (behaviour, named)
        assert count >= 0.9 * len(members), (behaviour, named)


def test_renamed_segments_keep_their_names_when_retrained(
    orders: tuple[Trainer, dict[str, str], bytes],
) -> None:
    trainer, _, _ = orders
    first = trainer.train(dataset_id="orders", kind="transactions", k=4, seed=1)
    doc = trainer.document(first["model_version"])
    doc["clusters"][0]["name"] = "Our VIPs"
    doc["clusters"][0]["renamed"] = True
    trainer.put_raw(model_document_key(first["model_version"]), dumps(doc).encode())
    second = trainer.train(dataset_id="orders", kind="transactions", k=4, seed=2)
    assert second["status"] == "succeeded", second["error"]
    names = [cluster["name"] for cluster in trainer.document(second["model_version"])["clusters"]]
    assert "Our VIPs" in names


def test_a_file_without_transaction_columns_fails_with_the_missing_roles(aws: None) -> None:
    trainer = make_trainer()
    trainer.put_raw("datasets/bad/data.csv", b"customer_id,channel\na,web\n")
    status = trainer.train(dataset_id="bad", kind="transactions")
    assert status["status"] == "failed"
    assert "date" in status["error"] and "amount" in status["error"]


def test_a_scoring_job_on_order_lines_writes_one_row_per_customer(
    orders: tuple[Trainer, dict[str, str], bytes],
) -> None:
    from segtrainer.score_task import score_blocks

    trainer, truth, body = orders
    status = trainer.train(dataset_id="orders", kind="transactions", k=4)
    doc = trainer.document(status["model_version"])
    written: list[bytes] = []
    rows, failed, summary = score_blocks(doc, [body[:5000], body[5000:]], written.append)
    table = list(csv.reader(io.StringIO(b"".join(written).decode())))
    assert table[0] == [
        "customer_id",
        *FEATURE_NAMES,
        "segment_id",
        "segment_name",
        "confidence",
        "atypical",
        "error",
    ]
    assert rows == len(table) - 1 == len(truth) and failed == 0
    assert sum(summary.values()) == rows
    by_customer = {row[0]: row[7] for row in table[1:]}
    assert {by_customer[c] for c, b in truth.items() if b == "new"} == {"New customers"}


def test_a_chosen_date_order_is_kept_in_the_model_and_used_when_scoring(aws: None) -> None:
    from segtrainer.score_task import score_blocks

    # Nothing above 12: detected month-first; the analyst says day-first (a: 1 Feb, b: 3 Jan).
    body = b"customer_id,order_date,amount\n" + b"".join(
        f"a{i},01/02/2021,{10 + i}\nb{i},03/01/2021,{5 + i}\n".encode() for i in range(6)
    )
    trainer = make_trainer()
    trainer.put_raw("datasets/dayfirst/data.csv", body)
    status = trainer.train(dataset_id="dayfirst", kind="transactions", k=2, date_order="day-first")
    assert status["status"] == "succeeded", status["error"]
    doc = trainer.document(status["model_version"])
    assert doc["transactions"]["date_order"] == "day-first"
    assert doc["transactions"]["report"]["as_of"] == "2021-02-01"
    written: list[bytes] = []
    score_blocks(doc, [body], written.append)
    table = list(csv.reader(io.StringIO(b"".join(written).decode())))
    recency = {row[0]: row[1] for row in table[1:]}
    assert recency["a0"] == "0" and recency["b0"] == "29"  # 3 Jan -> 1 Feb, read day-first
    bad = trainer.train(dataset_id="dayfirst", kind="transactions", k=2, date_order="year-first")
    assert bad["status"] == "failed" and "date_order" in bad["error"]


def test_a_scoring_job_on_windows_1252_order_lines_is_marked_utf8_for_excel(
    orders: tuple[Trainer, dict[str, str], bytes],
) -> None:
    from segtrainer.score_task import score_blocks

    trainer, _, body = orders
    doc = trainer.document(trainer.train(dataset_id="orders", kind="transactions", k=4)["model_version"])
    lines = body.decode().splitlines()
    cells = lines[1].split(",")
    cells[5] = "Zoë-" + cells[5]  # a customer id with a letter Windows-1252 writes as 0xEB
    lines[1] = ",".join(cells)
    results = []
    for encoded in ("\n".join(lines).encode(), "\r\n".join(lines).encode("cp1252")):
        written: list[bytes] = []
        score_blocks(doc, [encoded], written.append)
        results.append(b"".join(written))
    utf8, from_excel = results
    assert not utf8.startswith(codecs.BOM_UTF8)
    assert from_excel == codecs.BOM_UTF8 + utf8
    assert "Zoë-" in from_excel.decode("utf-8-sig")
