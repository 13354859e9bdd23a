"""Safe CSV output: every cell any CSV response or file writes goes through here.

A cell that a spreadsheet would read as a formula (OWASP "CSV injection": leading ``=``, ``+``,
``-``, ``@``, tab or carriage return) is prefixed with a single quote so it is shown as text.
Plain numbers (``-3``, ``+1.5e3``) are left alone: they are data, not formulas, and prefixing
them would turn every negative value into text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: object) -> str:
    """The cell's text, neutralised so that no spreadsheet evaluates it."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_rows(buffer: io.StringIO, rows: Iterable[Sequence[object]]) -> None:
    """Write rows with every cell neutralised (minimal quoting, ``\\n`` line endings)."""
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)


def to_csv(rows: Iterable[Sequence[object]]) -> str:
    """The whole CSV text of ``rows`` (header included by the caller as the first row)."""
    buffer = io.StringIO()
    write_rows(buffer, rows)
    return buffer.getvalue()


# Columns a scored CSV adds after every input column, as it came (batch CSV, scoring jobs).
SCORE_COLUMNS = ("segment_id", "segment_name", "confidence", "atypical", "error")


def score_cells(
    segment_id: int | None,
    segment_name: str | None,
    confidence: float | None,
    atypical: bool | None,
    error: str | None,
) -> list[object]:
    """The cells of ``SCORE_COLUMNS`` for one row: a scored row, or a row with its error."""
    if error is not None:
        return ["", "", "", "", error]
    return [
        segment_id,
        segment_name,
        "" if confidence is None else f"{confidence:.4f}",
        "true" if atypical else "false",
        "",
    ]
