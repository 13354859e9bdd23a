"""segcore.rfm: column mapping, dates, netting, rejection reasons and per-customer features."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from segcore import rfm
from segcore.rfm_sample import generate_orders
from segcore.table import CsvSource


def aggregate(text: str, chunk_bytes: int = 4 * 1024 * 1024, **options: object) -> rfm.RfmResult:
    source = CsvSource([text.encode()], chunk_bytes=chunk_bytes)
    return rfm.aggregate_source(source, **options)  # type: ignore[arg-type]


def features_of(result: rfm.RfmResult, customer_id: str) -> dict[str, float]:
    index = result.customer_ids.index(customer_id)
    return {name: float(values[index]) for name, values in result.features.items()}


ONLINE_RETAIL = """InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
536365,A,6,12/1/2010 8:26,2.55,17850,United Kingdom
536365,B,6,12/1/2010 8:26,3.39,17850,United Kingdom
536365,B,6,12/1/2010 8:26,3.39,17850,United Kingdom
C536379,D,-1,12/1/2010 9:41,27.5,17850,United Kingdom
536366,A,2,12/3/2010 8:28,1.85,13047,United Kingdom
536367,A,2,2010-12-09 10:00,0,13047,United Kingdom
536368,A,2,yesterday,1,13047,United Kingdom
536369,A,2,12/9/2010 10:00,1,,United Kingdom
536370,A,1,2010-12-09T10:00:00,10,12583,France
536371,A,-2,12/5/2010 10:00,1.85,13047,United Kingdom
536372,A,x,12/5/2010 10:00,1.85,13047,United Kingdom
536373,A,1,12/5/2010
"""


def test_online_retail_headers_map_to_roles() -> None:
    header = ONLINE_RETAIL.splitlines()[0].split(",")
    mapping = rfm.map_columns(header)
    assert mapping.to_json() == {
        "customer": "CustomerID",
        "date": "InvoiceDate",
        "quantity": "Quantity",
        "unit_price": "UnitPrice",
        "order": "InvoiceNo",
    }


def test_snake_case_headers_with_an_amount_map_to_roles() -> None:
    mapping = rfm.map_columns(["order_id", "customer_id", "order_date", "total", "channel"])
    assert mapping.to_json() == {
        "customer": "customer_id",
        "date": "order_date",
        "amount": "total",
        "order": "order_id",
    }


def test_a_file_without_an_amount_is_refused_with_the_missing_roles() -> None:
    with pytest.raises(rfm.RfmError, match="amount"):
        rfm.map_columns(["customer_id", "order_date", "channel"])


def test_a_chosen_mapping_overrides_the_variants() -> None:
    mapping = rfm.map_columns(
        ["buyer", "when", "paid"], {"customer": "buyer", "date": "when", "amount": "paid"}
    )
    assert (mapping.customer, mapping.date, mapping.amount) == ("buyer", "when", "paid")


def test_messy_lines_are_netted_or_rejected_by_reason_never_dropped_silently() -> None:
    result = aggregate(ONLINE_RETAIL)
    report = result.report
    assert report["lines"] == 12
    assert report["rejected"] == {
        "missing_customer_id": 1,
        "zero_price": 1,
        "invalid_number": 1,
        "unparseable_date": 1,
        "malformed_row": 1,
    }
    assert report["duplicate_lines"] == 1
    assert report["cancellation_lines"] == 1
    assert report["return_lines"] == 1
    assert report["used_lines"] + report["rejected_lines"] + report["duplicate_lines"] == report["lines"]
    assert report["examples"]["unparseable_date"] == [7]
    # 17850: 6 x 2.55 + 6 x 3.39 (the repeated line once) - 27.50 cancelled
    assert features_of(result, "17850")["monetary"] == pytest.approx(8.14)
    # 13047: 2 x 1.85 bought, 2 x 1.85 returned; one purchase order
    assert features_of(result, "13047") == {
        "recency_days": 6.0,
        "frequency": 1.0,
        "monetary": 0.0,
        "average_order_value": 0.0,
        "tenure_days": 6.0,
    }
    assert result.customer_ids == ["12583", "13047", "17850"]
    assert report["as_of"] == "2010-12-09"
    assert report["date_order"] == "month-first"


def test_day_first_dates_are_read_day_first_when_the_file_shows_it() -> None:
    text = "customer_id,order_date,amount\na,25/12/2020,10\na,01/02/2021,10\nb,03/02/2021,5\n"
    result = aggregate(text)
    assert result.report["date_order"] == "day-first"
    assert result.report["as_of"] == "2021-02-03"
    assert features_of(result, "a")["recency_days"] == 2.0  # 1 Feb -> 3 Feb
    assert features_of(result, "a")["tenure_days"] == 40.0  # 25 Dec -> 3 Feb


def test_a_chosen_date_order_overrides_the_files_ambiguous_dates() -> None:
    # Nothing above 12: detected month-first (2 Jan -> 3 Jan); the analyst says day-first.
    text = "customer_id,order_date,amount\na,01/02/2021,10\na,03/01/2021,10\n"
    assert aggregate(text).report["date_order"] == "month-first"
    assert features_of(aggregate(text), "a")["tenure_days"] == 58.0  # 2 Jan -> 1 Mar
    chosen = aggregate(text, date_order="day-first")
    assert chosen.report["date_order"] == "day-first"
    assert chosen.report["as_of"] == "2021-02-01"
    assert features_of(chosen, "a")["tenure_days"] == 29.0  # 3 Jan -> 1 Feb


def test_an_unknown_date_order_is_refused() -> None:
    with pytest.raises(rfm.RfmError, match="date_order"):
        aggregate("customer_id,order_date,amount\na,2021-01-01,10\n", date_order="year-first")


def test_an_impossible_date_in_the_files_order_is_counted_unparseable() -> None:
    text = "customer_id,order_date,amount\na,25/12/2020,10\na,26/12/2020,10\nb,12/31/2020,5\n"
    result = aggregate(text)
    assert result.report["date_order"] == "day-first"
    assert result.report["rejected"] == {"unparseable_date": 1}
    assert result.customer_ids == ["a"]


def test_without_an_order_id_each_date_of_a_customer_is_one_order() -> None:
    text = "customer_id,order_date,amount\na,2021-01-01,10\na,2021-01-01,5\na,2021-01-05,7\n"
    result = aggregate(text)
    assert features_of(result, "a")["frequency"] == 2.0
    assert features_of(result, "a")["average_order_value"] == 11.0


def test_as_of_sets_the_reference_day() -> None:
    text = "customer_id,order_date,amount\na,2021-01-01,10\n"
    result = aggregate(text, as_of=dt.date(2021, 1, 31))
    assert features_of(result, "a")["recency_days"] == 30.0


def test_orders_split_across_chunks_are_merged_and_repeats_found_across_chunks() -> None:
    lines, _ = generate_orders({"loyal": 30, "one_off": 30}, seed=3)
    text = "\n".join([*lines, lines[5]]) + "\n"
    whole = aggregate(text)
    chunked = aggregate(text, chunk_bytes=512)
    assert whole.customer_ids == chunked.customer_ids
    for name in rfm.FEATURE_NAMES:
        np.testing.assert_allclose(whole.features[name], chunked.features[name])
    assert chunked.report["duplicate_lines"] == whole.report["duplicate_lines"] >= 1


def test_generated_behaviours_give_their_expected_features() -> None:
    lines, truth = generate_orders({"loyal": 20, "one_off": 20, "lapsed_big": 20, "new": 20}, seed=1)
    result = aggregate("\n".join(lines) + "\n")
    assert result.customers == 80
    by = {b: [result.customer_ids.index(c) for c, t in truth.items() if t == b] for b in set(truth.values())}
    f = result.features
    assert f["frequency"][by["loyal"]].min() >= 15
    assert (f["frequency"][by["one_off"]] == 1).all()
    assert f["recency_days"][by["lapsed_big"]].min() >= 250
    assert f["tenure_days"][by["new"]].max() <= 20


def test_skewed_features_default_to_log() -> None:
    rng = np.random.default_rng(0)
    transforms = rfm.default_transforms({"skewed": rng.lognormal(0, 1, 500), "even": rng.uniform(0, 1, 500)})
    assert transforms == {"skewed": "log", "even": "none"}


def test_a_customer_is_one_customer_whatever_the_lengths_of_other_ids_in_its_chunk() -> None:
    rows = ["customer_id,order_date,amount", "a,2021-01-01,10"]
    rows += [f"b{i},2021-01-02,1" for i in range(20)]
    rows += [f"{'x' * 40}{i},2021-01-02,1" for i in range(40)]
    rows += ["a,2021-01-03,5"]
    text = "\n".join(rows) + "\n"
    for chunk_bytes in (4 * 1024 * 1024, 256):
        result = aggregate(text, chunk_bytes=chunk_bytes)
        assert result.customers == 61
        assert features_of(result, "a")["frequency"] == 2.0
