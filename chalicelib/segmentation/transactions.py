"""A transactions CSV scored by a model trained on RFM features: one row per customer.

The model document keeps the column mapping it was trained with (``transactions.columns``);
the file's order lines are aggregated as in training (``segcore.rfm``, as of the file's last
purchase) and each customer's computed features become one batch row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalicelib.errors import ValidationFailed
from segcore.document import ModelDocument

if TYPE_CHECKING:
    from segcore.rfm import RfmResult


def is_transactions_model(doc: ModelDocument) -> bool:
    return doc.get("kind") == "transactions"


def customer_features(doc: ModelDocument, text: str, max_customers: int) -> RfmResult:
    """Per-customer RFM features of a transactions CSV; ``ValidationFailed`` when unusable."""
    # RFM and the CSV reader load with the first transactions file, not with every prediction.
    from segcore.rfm import RfmError, aggregate_source, trained_mapping
    from segcore.table import CsvSource, TableError

    summary: dict[str, Any] = doc.get("transactions") or {}
    try:
        source = CsvSource([text.encode("utf-8")])
        result = aggregate_source(
            source,
            columns=trained_mapping(summary.get("columns"), source.header),
            date_order=summary.get("date_order"),
        )
    except (RfmError, TableError) as error:
        raise ValidationFailed(str(error), details=[{"field": "body", "message": str(error)}]) from None
    if not result.customers:
        raise ValidationFailed(
            "No customer has a usable purchase in this file.",
            details=[
                {"field": "body", "message": f"{reason}: {count} lines"}
                for reason, count in result.report["rejected"].items()
            ],
        )
    if result.customers > max_customers:
        raise ValidationFailed(
            f"The file has {result.customers} customers; a scoring job takes more than {max_customers}."
        )
    return result


def feature_text(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"
