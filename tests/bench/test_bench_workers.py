"""`make bench` runs the trainer's shipped tasks in worker processes against a folder standing
in for S3 (bench/bench_segmentation.py). It is not part of `make test`, so these run its workers
on small files: a change to the trainer's S3 calls that the bench's folder does not speak
fails here, not at the next bench."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from data.generate import generate_customers, write_customers_csv
from data.generate_crm import write as write_crm

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))  # as when run as a script: its sibling modules
    path = ROOT / "bench" / "bench_segmentation.py"
    spec = importlib.util.spec_from_file_location("bench_segmentation", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_segmentation", module)
    spec.loader.exec_module(module)
    return module


def test_bench_profiles_and_trains_a_crm_export_as_the_trainer(bench: ModuleType, tmp_path: Path) -> None:
    dataset = tmp_path / "datasets" / bench.CRM_DATASET / "data.csv"
    dataset.parent.mkdir(parents=True)
    write_crm(dataset, 3_000)

    held = b"x" * (600 << 20)  # the bench's parent holds hundreds of MB when it starts workers
    profile = bench.run_worker("profile", str(tmp_path))
    train = bench.run_worker("train_job", str(tmp_path))
    del held

    assert profile["rows"] == 3_000
    assert profile["columns"] == 10
    assert train["rows"] == 3_000
    assert train["features"] == 8
    assert train["categorical"] == 3
    assert 2 <= train["k"] <= 10
    # each worker's own peak, not the parent's 600 MB carried across exec
    assert 20 < profile["peak_mb"] < 400
    assert 20 < train["peak_mb"] < 500


def test_bench_folder_refuses_a_record_write_on_a_stale_etag(bench: ModuleType, tmp_path: Path) -> None:
    from botocore.exceptions import ClientError

    folder = bench.FolderS3(tmp_path)

    def put(body: bytes, **condition: str) -> str:
        answer = folder.put_object(
            Bucket="b", Key="jobs/j.json", Body=body, ContentType="application/json", **condition
        )
        return str(answer["ETag"])

    first = put(b"{}", IfNoneMatch="*")
    put(b'{"a":1}', IfMatch=first)
    with pytest.raises(ClientError) as stale:
        put(b'{"a":2}', IfMatch=first)
    with pytest.raises(ClientError) as exists:
        put(b"{}", IfNoneMatch="*")

    assert stale.value.response["Error"]["Code"] == "PreconditionFailed"
    assert exists.value.response["Error"]["Code"] == "PreconditionFailed"
    assert (tmp_path / "jobs" / "j.json").read_bytes() == b'{"a":1}'


def test_bench_scoring_worker_scores_every_row(bench: ModuleType, tmp_path: Path) -> None:
    csv_path = tmp_path / "customers.csv"
    write_customers_csv(generate_customers(2_000, seed=3), csv_path)

    result = bench.run_worker("scoring_job", str(csv_path))

    assert result["rows"] == 2_000
    assert result["failed"] == 0
