"""The ``score`` task: score a whole dataset with a model, chunk by chunk, into a CSV in S3.

Output: every input row as it came (same delimiter, same cells) followed by ``segment_id,
segment_name, confidence, atypical, error``. A row whose cells could start a spreadsheet formula
is re-written cell by cell through ``segcore.csv_output.safe_cell``; a row that cannot be scored
keeps its cells and says why in ``error`` (with nothing in the segment columns). The job record
(``segcore.jobs.scoring_record``) carries progress, counts and the per-segment summary.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from botocore.exceptions import BotoCoreError, ClientError

from segcore import jobs
from segcore.csv_output import FORMULA_TRIGGERS, safe_cell
from segcore.document import DocumentError, ModelDocument, loads
from segcore.drift import outside_training_range
from segcore.layout import (
    dataset_key,
    dataset_meta_key,
    is_valid_id,
    model_document_key,
    scoring_job_key,
    scoring_result_key,
)
from segcore.records import update_record
from segcore.rfm import RfmError, aggregate_source, trained_mapping
from segcore.schema import CUSTOMER_ID, LOG, Feature, HeaderError
from segcore.scoring import Scorer
from segcore.table import Chunk, CsvSource, Dialect, TableError
from segtrainer.profile_task import iso_z
from segtrainer.storage import ArtifactStore

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
PROGRESS_STEP = 0.02
_TRIGGER_BYTES = np.array(sorted({ord(t) for t in FORMULA_TRIGGERS}), dtype=np.uint8)


class ScoringError(Exception):
    """The job cannot go on; ``str(error)`` says why in a sentence."""


@dataclass
class ScoredChunk:
    lines: list[bytes]  # output records, in input order, without line endings
    scored: int
    failed: int
    summary: dict[str, int]


class ChunkScorer:
    """A model document bound to a file's header: which column feeds which schema feature."""

    def __init__(self, doc: ModelDocument, header: list[str], dialect: Dialect) -> None:
        self.scorer = Scorer(doc)
        self.schema = self.scorer.schema
        self.dialect = dialect
        self.header = header
        try:
            found = self.schema.resolve_headers(header, features=self.schema.model_features)
        except HeaderError as error:
            raise ScoringError(f"{error} The model needs them.") from None
        self.features = [(feature, found[feature.name], block) for feature, block in self.schema.blocks()]
        self.width = len(self.schema.design_columns())
        bins: dict[str, Any] = dict(doc.get("drift_bins") or {})
        self.ranges = {
            feature.name: (edges[0], edges[-1])
            for feature, _, _ in self.features
            if not feature.categorical and (edges := (bins.get(feature.name) or {}).get("edges"))
        }
        self._delimiter = dialect.delimiter.encode()
        self._prefixes = [
            self._encode([str(k), safe_cell(name)]) for k, name in enumerate(self.scorer.cluster_names)
        ]

    @classmethod
    def for_source(cls, doc: ModelDocument, source: CsvSource) -> ChunkScorer:
        return cls(doc, source.header, source.dialect)

    def _encode(self, cells: Iterable[str]) -> bytes:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=self.dialect.delimiter, lineterminator="").writerow(cells)
        return buffer.getvalue().encode()

    def header_line(self) -> bytes:
        return self._encode([safe_cell(name) for name in [*self.header, *jobs.RESULT_COLUMNS]])

    def _categories(self, feature: Feature, chunk: Chunk, index: int) -> tuple[np.ndarray, np.ndarray]:
        """Each cell's category number (-1 when unknown) and which cells are empty."""
        strings = chunk.strings(index)
        lookup = {category.casefold(): k for k, category in enumerate(feature.categories)}
        lookup.update({key: feature.categories.index(value) for key, value in feature.synonyms.items()})
        unique, first, inverse = np.unique(strings.hashes, return_index=True, return_inverse=True)
        codes = np.array(
            [lookup.get((strings.decode(int(row)) or "").strip().casefold(), -1) for row in first.tolist()],
            dtype=np.int64,
        )
        return codes[inverse] if len(unique) else np.empty(0, np.int64), strings.missing

    def score(self, chunk: Chunk) -> ScoredChunk:
        rows = chunk.rows
        design = np.zeros((rows, self.width))
        bad = np.zeros(rows, dtype=bool)
        bad_columns: list[tuple[Feature, int, np.ndarray, np.ndarray]] = []  # feature, index, bad, empty
        outside = np.zeros(rows, dtype=bool)
        for feature, index, block in self.features:
            if feature.categorical:
                codes, empty = self._categories(feature, chunk, index)
                wrong = empty | (codes < 0)
                design[np.flatnonzero(~wrong), block.start + codes[~wrong]] = 1.0
            else:
                number = chunk.numbers(index)
                empty = number.missing
                wrong = empty | number.invalid | ~feature.valid_numbers(number.values)
                values = np.where(wrong, 0.0, number.values)
                design[:, block.start] = np.log1p(values) if feature.transform == LOG else values
                if feature.name in self.ranges:
                    low, high = self.ranges[feature.name]
                    outside |= ~wrong & ((number.values < low) | (number.values > high))
            bad |= wrong
            bad_columns.append((feature, index, wrong, empty))
        good = np.flatnonzero(~bad)
        scores = self.scorer.score_batch(design[good])
        atypical = outside[good]
        labels = scores.labels.tolist()
        texts = [f"{c:.4f}" for c in np.round(scores.confidence, 4).tolist()]
        if self.dialect.decimal_comma:
            texts = [t.replace(".", ",") for t in texts]
        inputs = self._input_lines(chunk)
        out: list[bytes] = [b""] * rows
        d = self._delimiter
        for position, row in enumerate(good.tolist()):
            out[row] = b"".join(
                (
                    inputs[row],
                    d,
                    self._prefixes[labels[position]],
                    d,
                    texts[position].encode(),
                    d,
                    b"true" if atypical[position] else b"false",
                    d,
                )
            )
        for row in np.flatnonzero(bad).tolist():
            message = "; ".join(
                f"{self.header[index]}: {self._reason(feature, chunk.cell(row, index), bool(empty[row]))}"
                for feature, index, wrong, empty in bad_columns
                if wrong[row]
            )
            out[row] = inputs[row] + d + self._encode(["", "", "", "", safe_cell(message)])
        counts = np.bincount(scores.labels, minlength=self.scorer.n_clusters)
        summary = {name: int(n) for name, n in zip(self.scorer.cluster_names, counts.tolist(), strict=True)}
        lines = self._with_malformed(chunk, out)
        failed = int(bad.sum()) + len(chunk.malformed)
        return ScoredChunk(lines, scored=len(good), failed=failed, summary=summary)

    @staticmethod
    def _reason(feature: Feature, cell: str, empty: bool) -> str:
        if empty:
            return "is required"
        problem = feature.cell_error(cell)
        return problem["message"] if problem else "is not a valid value"

    def _input_lines(self, chunk: Chunk) -> list[bytes]:
        """Each row's record as it came, or re-written through safe_cell if a cell could be a formula."""
        lines = chunk.lines()
        flagged = np.isin(chunk.data[chunk.raw_starts()], _TRIGGER_BYTES).any(axis=1)
        for row in np.flatnonzero(flagged).tolist():
            lines[row] = self._safe_record(lines[row])
        return lines

    def _safe_record(self, record: bytes) -> bytes:
        cells = next(
            csv.reader(io.StringIO(record.decode("utf-8", "replace")), delimiter=self.dialect.delimiter), []
        )
        return self._encode([safe_cell(cell) for cell in cells])

    def _with_malformed(self, chunk: Chunk, out: list[bytes]) -> list[bytes]:
        if not chunk.malformed:
            return out
        numbered = list(zip(chunk.row_numbers.tolist(), out, strict=True))
        for row, count, _ in chunk.malformed:
            message = f"row: has {count} values; the header has {len(self.header)}"
            record = self._safe_record(chunk.malformed_line(row)) + self._delimiter
            numbered.append((row, record + self._encode(["", "", "", "", message])))
        numbered.sort(key=lambda item: item[0])
        return [line for _, line in numbered]


def excel_marker(source: CsvSource) -> bytes:
    """The UTF-8 byte-order mark a result starts with when the input had one or was not UTF-8.

    The result is UTF-8 whatever the input was in; the mark tells Excel so (without one, Excel
    on Windows opens a CSV as Windows-1252 and "Zürich" reads "ZÃ¼rich").
    """
    return codecs.BOM_UTF8 if source.dialect.bom or source.dialect.encoding != "utf-8" else b""


def score_customers(
    doc: ModelDocument, source: CsvSource, write: Callable[[bytes], None]
) -> tuple[int, int, dict[str, int]]:
    """Order lines for a model trained on RFM features: one output row per customer
    (``customer_id``, the computed features, then the result columns)."""
    trained = doc.get("transactions") or {}
    try:
        result = aggregate_source(
            source,
            columns=trained_mapping(trained.get("columns"), source.header),
            date_order=trained.get("date_order"),
        )
    except RfmError as error:
        raise ScoringError(str(error)) from None
    scorer = Scorer(doc)
    names = scorer.features
    summary = dict.fromkeys(scorer.cluster_names, 0)
    if not result.customers:
        raise ScoringError("No customer has a usable purchase in this file.")
    scores = scorer.score_batch(scorer.schema.encode(result.features))
    atypical = outside_training_range(doc.get("drift_bins") or {}, result.features, result.customers)
    write(excel_marker(source))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([CUSTOMER_ID, *names, *jobs.RESULT_COLUMNS])
    values = [result.features[name].tolist() for name in names]
    for index, customer_id in enumerate(result.customer_ids):
        label = int(scores.labels[index])
        writer.writerow(
            [
                safe_cell(customer_id),
                *(f"{column[index]:g}" for column in values),
                label,
                safe_cell(scorer.cluster_names[label]),
                f"{scores.confidence[index]:.6f}",
                "true" if atypical[index] else "false",
                "",
            ]
        )
        summary[scorer.cluster_names[label]] += 1
        if buffer.tell() > 1 << 20:
            write(buffer.getvalue().encode())
            buffer.seek(0)
            buffer.truncate()
    write(buffer.getvalue().encode())
    return result.customers, 0, summary


def score_blocks(
    doc: ModelDocument,
    blocks: Iterable[bytes],
    write: Callable[[bytes], None],
    on_chunk: Callable[[int, int, int], None] | None = None,
) -> tuple[int, int, dict[str, int]]:
    """Score a CSV's blocks with ``doc``; write the result; return (rows, failed, summary)."""
    source = CsvSource(blocks)
    if doc.get("kind") == "transactions":
        return score_customers(doc, source, write)
    scorer = ChunkScorer.for_source(doc, source)
    write(excel_marker(source) + scorer.header_line() + b"\n")
    rows = failed = 0
    summary = dict.fromkeys(scorer.scorer.cluster_names, 0)
    for chunk in source.chunks():
        scored = scorer.score(chunk)
        write(b"\n".join(scored.lines) + b"\n" if scored.lines else b"")
        rows += scored.scored + scored.failed
        failed += scored.failed
        for name, count in scored.summary.items():
            summary[name] += count
        if on_chunk is not None:
            on_chunk(source.bytes_read, rows, failed)
    return rows, failed, summary


class ScoringStopped(Exception):
    """The API finished the job meanwhile (failed it as silent); its verdict stands."""


def _report(store: ArtifactStore, key: str, **fields: Any) -> dict[str, Any]:
    """Write ``fields`` into the job's record, unless the API has finished the job meanwhile.

    Conditional on the version read (``segcore.records``): the API's "failed" verdict is never
    overwritten. Raises ``ScoringStopped`` with the stored record when it was finished.
    """

    def merge(stored: dict[str, Any]) -> dict[str, Any] | None:
        return None if stored.get("status") in jobs.FINISHED else {**stored, **fields}

    stored = update_record(store, key, merge)
    if stored is None:
        raise ScoringError("The job's record is gone.")
    if stored.get("status") in jobs.FINISHED and stored.get("status") != fields.get("status"):
        raise ScoringStopped(stored)
    return stored


def run_scoring(event: Mapping[str, Any], *, store: ArtifactStore, clock: Clock) -> dict[str, Any]:
    job_id = event.get("job_id")
    if not isinstance(job_id, str) or not is_valid_id(job_id):
        raise ValueError(f"job_id {job_id!r} is not a valid id")
    key = scoring_job_key(job_id)
    record = store.get_json(key)
    if not isinstance(record, dict):
        raise ValueError(f"scoring job {job_id} has no record")
    outcome: dict[str, Any]
    try:
        record = _report(store, key, status="running", started_at=iso_z(clock()), updated_at=iso_z(clock()))
        dataset_id, version = record["dataset_id"], record["model_version"]
        body = store.get_bytes(model_document_key(version))
        if body is None:
            raise ScoringError(f"Model {version} was not found.")
        doc = loads(body)
        meta = store.get_json(dataset_meta_key(dataset_id)) or {}
        size = max(int(meta.get("size_bytes") or store.size(dataset_key(dataset_id)) or 1), 1)
        reported = [0.0]

        def progress(done: int, rows: int, failed: int) -> None:
            share = min(done / size, 1.0)
            if share - reported[0] >= PROGRESS_STEP:
                reported[0] = share
                _report(
                    store, key, progress=round(share, 3), rows=rows, failed=failed, updated_at=iso_z(clock())
                )

        with store.writer(scoring_result_key(job_id), "text/csv") as out:
            rows, failed, summary = score_blocks(
                doc, store.iter_blocks(dataset_key(dataset_id)), out.write, progress
            )
        outcome = {"status": "succeeded", "progress": 1.0, "rows": rows, "failed": failed, "summary": summary}
    except ScoringStopped as stopped:
        logger.info("scoring job %s was finished by the API meanwhile", job_id)
        return dict(stopped.args[0])
    except (ScoringError, TableError, DocumentError) as error:
        outcome = {"status": "failed", "error": str(error)}
    except (ClientError, BotoCoreError) as error:
        logger.exception("scoring job %s: storage error", job_id)
        outcome = {"status": "failed", "error": f"Scoring stopped: storage failed ({error})."}
    except Exception as error:
        logger.exception("scoring job %s failed unexpectedly", job_id)
        outcome = {
            "status": "failed",
            "error": f"Scoring failed unexpectedly ({type(error).__name__}: {error}).",
        }
    try:
        return _report(store, key, **outcome, finished_at=iso_z(clock()), updated_at=iso_z(clock()))
    except ScoringStopped as stopped:
        return dict(stopped.args[0])
