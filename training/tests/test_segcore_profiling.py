"""segcore.profiling: types, statistics, suggestions and rejected rows, in one streaming pass."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from segcore import profiling
from segcore.profiling import profile_csv
from segcore.table import TableError

MALL = Path(__file__).resolve().parents[2] / "data" / "mall_customers.csv"


def by_name(profile) -> dict:
    return {column["name"]: column for column in profile.columns}


def test_mall_customers_profile_customer_id_as_id_gender_as_categorical_and_numbers_as_features():
    profile = profile_csv([MALL.read_bytes()])
    columns = by_name(profile)
    assert (profile.rows, profile.rejected_rows, profile.id_column) == (200, 0, "customer_id")
    assert columns["customer_id"]["type"] == "id" and columns["customer_id"]["suggested"] == "id"
    gender = columns["gender"]
    assert gender["type"] == "categorical" and gender["suggested"] == "feature"
    assert {v["value"]: v["count"] for v in gender["top_values"]} == {"Female": 112, "Male": 88}
    for name in ("age", "annual_income_thousands", "spending_score"):
        assert columns[name]["type"] == "numeric" and columns[name]["suggested"] == "feature"
        assert columns[name]["integer"] is True
    income = columns["annual_income_thousands"]
    assert (income["min"], income["max"], income["missing"], income["distinct"]) == (15, 137, 0, 64)


def test_numeric_statistics_are_those_of_the_accepted_rows():
    rng = np.random.default_rng(1)
    values = rng.normal(50, 10, 5000).round(2)
    lines = [f"C{i},{v}" for i, v in enumerate(values)]
    lines[10] = "C10,not a number"
    data = ("customer_id,spend\n" + "\n".join(lines) + "\n").encode()
    profile = profile_csv([data], chunk_bytes=4096)
    spend = by_name(profile)["spend"]
    kept = np.delete(values, 10)
    assert profile.rows == 4999 and profile.rejected_rows == 1
    assert profile.errors == [
        {
            "row": 11,
            "customer_id": "C10",
            "errors": [{"field": "spend", "message": "must be a number (got 'not a number')"}],
        }
    ]
    assert spend["mean"] == pytest.approx(kept.mean(), abs=1e-6)
    assert spend["std"] == pytest.approx(kept.std(), abs=1e-6)
    assert (spend["min"], spend["max"]) == (kept.min(), kept.max())
    assert spend["quantiles"]["p50"] == pytest.approx(np.median(kept))
    assert sum(spend["histogram"]["counts"]) == 4999


def test_missing_tokens_are_counted_not_rejected_and_a_mostly_empty_column_is_ignored():
    data = b"id,age,note\n1,30,\n2,NA,x\n3,,\n4,40,null\n5,50,\n"
    columns = by_name(profile_csv([data]))
    assert columns["age"]["missing"] == 2 and columns["age"]["suggested"] == "feature"
    assert columns["note"]["missing"] == 4 and columns["note"]["suggested"] == "ignore"


def test_skewed_money_gets_a_log_suggestion_and_dates_and_free_text_are_ignored():
    rng = np.random.default_rng(2)
    basket = np.exp(rng.normal(3, 1, 2000)).round(2)
    rows = [f"{i},2024-01-{1 + i % 28:02d},{b},comment number {i} about things" for i, b in enumerate(basket)]
    data = ("id,signup,basket,comment\n" + "\n".join(rows) + "\n").encode()
    columns = by_name(profile_csv([data]))
    assert columns["basket"]["suggested_transform"] == "log"
    assert columns["signup"]["type"] == "date" and columns["signup"]["suggested"] == "ignore"
    assert columns["signup"]["min"] == "2024-01-01" and columns["signup"]["max"] == "2024-01-28"
    assert columns["comment"]["type"] == "text" and columns["comment"]["suggested"] == "ignore"


def test_distinct_counts_are_exact_up_to_the_cap_then_estimated(monkeypatch):
    monkeypatch.setattr(profiling, "EXACT_DISTINCT", 1000)
    data = ("customer_id,value\n" + "\n".join(f"C{i},{i % 700}" for i in range(50_000)) + "\n").encode()
    columns = by_name(profile_csv([data], chunk_bytes=64 * 1024))
    assert columns["value"]["distinct"] == 700 and columns["value"]["distinct_exact"]
    ids = columns["customer_id"]
    assert not ids["distinct_exact"] and ids["distinct"] == pytest.approx(50_000, rel=0.06)


def test_semicolon_export_with_crlf_bom_and_decimal_commas_profiles_like_its_comma_twin():
    comma = b"id,amount,region\n1,1.5,North\n2,2.25,South\n3,4,North\n"
    semicolon = "\ufeffid;amount;region\r\n1;1,5;North\r\n2;2,25;South\r\n3;4;North\r\n".encode()
    first, second = profile_csv([comma]), profile_csv([semicolon])
    assert first.columns == second.columns
    assert second.delimiter == ";" and second.decimal_comma


def test_excel_exports_in_windows_1252_or_utf16_with_tabs_profile_like_their_utf8_twin():
    rows = [("1", "Zürich", "12.5"), ("2", "Besançon", "3"), ("3", "Zürich", "7.25"), ("4", "Malmö", "1")]
    utf8 = ("id,city,amount\n" + "".join(",".join(r) + "\n" for r in rows)).encode()
    windows = ("id;city;amount\r\n" + "".join(";".join(r).replace(".", ",") + "\r\n" for r in rows)).encode(
        "cp1252"
    )
    unicode_text = ("id\tcity\tamount\r\n" + "".join("\t".join(r) + "\r\n" for r in rows)).encode("utf-16")
    expected = profile_csv([utf8])
    assert expected.encoding == "utf-8" and expected.rejected_rows == 0
    for data, delimiter, encoding in ((windows, ";", "windows-1252"), (unicode_text, "\t", "utf-16")):
        profile = profile_csv([data])
        assert (profile.delimiter, profile.encoding, profile.rows) == (delimiter, encoding, 4)
        assert profile.columns == expected.columns
        assert profile.as_dict()["dialect"]["encoding"] == encoding
    city = next(c for c in expected.columns if c["name"] == "city")
    assert [v["value"] for v in city["top_values"]][:1] == ["Zürich"]


def test_progress_counts_the_bytes_of_the_file_in_its_own_encoding():
    text = "id,city,amount\n" + "".join(f"{i},Zürich,{i}.5\n" for i in range(2000))
    for data in (text.encode(), text.encode("utf-16"), text.encode("cp1252")):
        seen: list[int] = []
        profile_csv(
            [data[i : i + 4096] for i in range(0, len(data), 4096)], chunk_bytes=8192, on_progress=seen.append
        )
        assert seen == sorted(seen) and len(seen) > 3
        assert seen[-1] == pytest.approx(len(data), rel=0.01)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"a,b\n", "no data rows"),
        (b"a,a\n1,2\n", "more than once"),
        (b"x\n1\n", "single column"),
        (b"id|age\n1|30\n", "commas, semicolons or tabs"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(64), "Excel workbook"),
    ],
)
def test_unusable_files_raise_a_table_error(data, message):
    with pytest.raises(TableError, match=message):
        profile_csv([data])
