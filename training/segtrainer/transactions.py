"""Training sets from transactions datasets: RFM features per customer (segcore.rfm)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from segcore.layout import dataset_key, is_valid_id
from segcore.rfm import ColumnMap, RfmError, RfmResult, aggregate_source, map_columns, rfm_schema
from segcore.schema import FeatureRequest, SchemaError
from segcore.table import CsvSource, TableError
from segtrainer.columns import TrainingSet
from segtrainer.errors import TrainingError
from segtrainer.storage import ArtifactStore


def dataset_blocks(store: ArtifactStore, dataset_id: str) -> Iterable[bytes]:
    """The stored dataset's bytes; ``TrainingError`` when there is none."""
    if not is_valid_id(dataset_id):
        raise TrainingError(f"'{dataset_id}' is not a valid dataset id.")
    key = dataset_key(dataset_id)
    if store.size(key) is None:
        raise TrainingError(f"Dataset '{dataset_id}' was not found.")
    return store.iter_blocks(key)


def compute_rfm(
    blocks: Iterable[bytes],
    *,
    columns: Mapping[str, str] | None = None,
    as_of: dt.date | None = None,
    date_order: str | None = None,
) -> RfmResult:
    """Per-customer RFM features of a transactions file; ``TrainingError`` when it cannot be read."""
    try:
        source = CsvSource(blocks)
        mapping: ColumnMap = map_columns(source.header, dict(columns or {}))
        result = aggregate_source(source, columns=mapping, as_of=as_of, date_order=date_order)
    except (RfmError, TableError) as error:
        raise TrainingError(str(error)) from None
    if not result.customers:
        raise TrainingError(
            "No customer has a usable purchase in this transactions file "
            f"({result.report['rejected_lines']} of {result.report['lines']} lines were left out)."
        )
    return result


def transactions_training_set(result: RfmResult, requests: tuple[FeatureRequest, ...] | None) -> TrainingSet:
    """The design matrix of the RFM features (``log`` where skewed unless asked otherwise)."""
    try:
        schema = rfm_schema(result, requests or ())
    except (RfmError, SchemaError) as error:
        raise TrainingError(str(error)) from None
    values = {name: result.features[name] for name in schema.names}
    return TrainingSet(
        schema=schema,
        values=values,
        design=schema.encode(values),
        rejected_rows=int(result.report["rejected_lines"]),
        rejections=[],
    )


def transactions_summary(result: RfmResult, date_order: str | None = None) -> dict[str, Any]:
    """What the model document keeps of the aggregation: the mapping, as_of, the date order the
    analyst chose (None: detected per file, also when scoring) and the report."""
    report = dict(result.report)
    columns = report.pop("columns")
    return {"columns": columns, "as_of": report["as_of"], "date_order": date_order, "report": report}


def parse_as_of(value: object) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise TrainingError("as_of must be a date (YYYY-MM-DD).") from None
