"""Fast CSV reading with numpy: dialects, chunked byte parsing, per-row errors explained.

The file is read as bytes in chunks that end on a record boundary (a newline outside quotes),
so a file of any size is read in bounded memory. Each chunk is split into fields with
vectorised comparisons on its bytes (delimiters and newlines outside quotes), and columns are
converted on demand:

- numbers by a vectorised Horner loop over at most a few dozen character positions (plain
  decimals: sign, digits, one decimal point; ``.`` or, in ``;`` files, ``,``); anything else
  that is not empty (exponents, ``1_000``, ``inf``...) goes to ``float()`` one value at a time
  and is rejected unless it is a finite number;
- strings by a 64-bit hash of each cell (vectorised FNV-1a plus a mixer); only one value per
  distinct hash is ever decoded, so categories cost their number, not the number of rows.

Dialects real exports use: ``,``, ``;`` or a tab (whichever the header has most of outside
quotes), quoted fields with doubled quotes and newlines inside, CRLF, a UTF-8 byte-order mark,
decimal commas when the delimiter is ``;``; UTF-16 and Windows-1252 files are read as UTF-8
(``segcore.encoding``). Blank lines are skipped and not numbered; data rows are
numbered from 1 (the header is not counted). A row with the wrong number of fields, or a value
its column cannot take, is rejected with a reason, never repaired.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypedDict

import numpy as np

from segcore.encoding import Encoding, Utf8Text
from segcore.features import canonical_column, normalise_header

QUOTE = 34
NEWLINE = 10
CARRIAGE_RETURN = 13
SPACE = 32
TAB = 9
CHUNK_BYTES = 4 * 1024 * 1024  # the transient working set is about 30x a chunk
# Cells longer than this are parsed one by one (numbers) or hashed one by one (strings).
FAST_NUMBER_WIDTH = 24
FAST_STRING_WIDTH = 64
MAX_CATEGORY_BYTES = 256
PADDING = FAST_STRING_WIDTH + 8
MAX_RECORD_BYTES = 64 * 1024 * 1024
MAX_REPORTED_ERRORS = 100
SEGMENT_ROWS = 1 << 20  # read_columns merges a column's chunks into arrays of this many rows
MISSING_TOKENS = frozenset({"", "na", "n/a", "null", "none", "nan"})
HEADER_LIMIT_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t")  # the header's most frequent outside quotes wins

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
_POW10 = 10.0 ** np.arange(23)
_BYTE_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(8)] + [2**64 - 1], dtype=np.uint64)
_HIGH_BITS = np.uint64(0x8080808080808080)


class TableError(ValueError):
    """The file as a whole cannot be read as CSV; ``str(error)`` says why in a sentence."""


class FieldError(TypedDict):
    field: str
    message: str


class RowError(TypedDict, total=False):
    row: int
    customer_id: str
    errors: list[FieldError]


@dataclass(frozen=True)
class Dialect:
    delimiter: str  # one of DELIMITERS
    decimal_comma: bool
    bom: bool
    encoding: Encoding = "utf-8"  # what the file was in; the reader sees it as UTF-8

    @property
    def delimiter_byte(self) -> int:
        return ord(self.delimiter)


def _unquoted(text: str) -> str:
    """``text`` with quoted parts removed (to count delimiters outside quotes)."""
    return "".join(part for index, part in enumerate(text.split('"')) if index % 2 == 0)


def sniff(head: bytes) -> Dialect:
    """The dialect from the file's first bytes, in any encoding ``segcore.encoding`` reads;
    raises ``TableError`` for a non-CSV file."""
    text = Utf8Text([head])
    return dialect_of(b"".join(text.blocks), text.encoding)


def dialect_of(head: bytes, encoding: Encoding) -> Dialect:
    """The dialect from the first bytes of a file already turned into UTF-8."""
    bom = head.startswith(codecs.BOM_UTF8)
    body = head[3:] if bom else head
    if not body.strip():
        raise TableError("The file is empty; it needs a header row and at least one data row.")
    if body.startswith(b"PK\x03\x04"):
        raise TableError(
            "The file is an Excel workbook (or another zip archive), not CSV: "
            "in Excel, use Save As and choose CSV UTF-8."
        )
    if b"\x00" in body[:HEADER_LIMIT_BYTES]:
        raise TableError("The file is not CSV text (it contains binary data).")
    # Only the header must be UTF-8 here; a cell that is not is its row's error.
    text = body[:HEADER_LIMIT_BYTES].decode("utf-8", errors="replace")
    first_line = _unquoted(text.lstrip("\r\n").split("\n", 1)[0])
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    delimiter = max(DELIMITERS, key=lambda d: counts[d])  # the first of DELIMITERS on a tie
    if counts[delimiter] == 0:
        raise TableError(
            "The file does not look like CSV: its header has a single column "
            "(columns must be separated by commas, semicolons or tabs)."
        )
    return Dialect(delimiter=delimiter, decimal_comma=delimiter == ";", bom=bom, encoding=encoding)


def parse_header(raw: bytes, dialect: Dialect) -> list[str]:
    """The header's names, trimmed; raises ``TableError`` for empty or duplicate names."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise TableError("The header row is not UTF-8 text.") from None
    try:
        names = next(csv.reader(io.StringIO(text), delimiter=dialect.delimiter), [])
    except csv.Error as error:
        raise TableError(f"The header row cannot be read: {error}.") from None
    names = [name.strip() for name in names]
    if not any(names):
        raise TableError("The file has no header row; the first line must name the columns.")
    for index, name in enumerate(names, start=1):
        if not name:
            raise TableError(f"Column {index} of the header has no name.")
    seen: dict[str, str] = {}
    for name in names:
        key = name.casefold()
        if key in seen:
            raise TableError(f"The header names the column '{name}' more than once.")
        seen[key] = name
    return names


def _parity_boundaries(data: np.ndarray) -> np.ndarray:
    """Positions of newlines that end a record (outside quotes)."""
    newlines = np.flatnonzero(data == NEWLINE)
    if not (data == QUOTE).any():
        return newlines
    quotes_before = np.cumsum(data == QUOTE, dtype=np.int64)
    ends: np.ndarray = newlines[(quotes_before[newlines] & 1) == 0]
    return ends


def _last_boundary(buffer: bytes) -> int:
    """One past the last newline of ``buffer`` that ends a record (0 if there is none)."""
    if QUOTE in buffer:
        ends = _parity_boundaries(np.frombuffer(buffer, dtype=np.uint8))
        return int(ends[-1]) + 1 if len(ends) else 0
    return buffer.rfind(b"\n") + 1


def record_chunks(blocks: Iterable[bytes], chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    """Byte chunks of about ``chunk_bytes`` (whatever the blocks' size) that each hold whole
    records and end with a newline.

    The last chunk of a file without a final newline gets one. A record longer than
    ``MAX_RECORD_BYTES`` (in practice: a quote left open) is a ``TableError``.
    """
    pending: list[bytes] = []
    size = 0
    for block in blocks:
        if not block:
            continue
        pending.append(block)
        size += len(block)
        if size < chunk_bytes:
            continue
        buffer = b"".join(pending)
        start = 0
        while len(buffer) - start >= chunk_bytes:
            cut = _last_boundary(buffer[start : start + chunk_bytes])
            if cut == 0:  # one record longer than a chunk
                cut = _last_boundary(buffer[start:])
                if cut == 0:
                    if len(buffer) - start > MAX_RECORD_BYTES:
                        raise TableError(
                            f"A record is longer than {MAX_RECORD_BYTES // 1024**2} MB: a quoted field "
                            "is probably never closed."
                        )
                    break
            yield buffer[start : start + cut]
            start += cut
        rest = buffer[start:]
        pending, size = ([rest], len(rest)) if rest else ([], 0)
    if size:
        buffer = b"".join(pending)
        yield buffer if buffer.endswith(b"\n") else buffer + b"\n"


def mix64(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads FNV's bits so any bits can serve as a sketch."""
    h = h ^ (h >> np.uint64(30))
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return h


@dataclass
class NumberColumn:
    """One column's cells as numbers: ``values`` (NaN where not ok), ``missing``, ``invalid``."""

    values: np.ndarray
    missing: np.ndarray
    invalid: np.ndarray


@dataclass
class StringColumn:
    """One column's cells as 64-bit hashes; ``decode(row)`` gives a cell's text."""

    hashes: np.ndarray
    missing: np.ndarray
    invalid: np.ndarray  # not UTF-8
    long: np.ndarray  # longer than MAX_CATEGORY_BYTES
    chunk: Chunk
    starts: np.ndarray
    ends: np.ndarray

    def decode(self, row: int) -> str | None:
        """The cell's text, or None when it is not UTF-8."""
        try:
            return self.chunk.cell_bytes(int(self.starts[row]), int(self.ends[row])).decode("utf-8")
        except UnicodeDecodeError:
            return None


class Chunk:
    """Whole records of one chunk, split into fields.

    ``span(column)`` gives byte offsets of a column's cells in the well-formed rows (quotes and
    surrounding spaces removed); ``row_numbers`` numbers those rows in the file. Rows with the
    wrong number of fields are in ``malformed`` as (row number, field count, first cell).
    """

    def __init__(self, buffer: bytes, dialect: Dialect, n_columns: int, first_row: int) -> None:
        self.buffer = buffer
        self.dialect = dialect
        # Padding, so that reading a few bytes past any cell's end stays in bounds.
        self.data = np.frombuffer(buffer + b"\n" * PADDING, dtype=np.uint8)
        data = self.data[: len(buffer)]
        is_newline = data == NEWLINE
        separator = is_newline | (data == dialect.delimiter_byte)
        self.has_quotes = bool((data == QUOTE).any())
        if self.has_quotes:
            outside = (np.cumsum(data == QUOTE, dtype=np.int64) & 1) == 0
            if not outside[-1]:
                raise TableError(f"A quoted field that starts at or after row {first_row} is never closed.")
            separator &= outside
            is_newline &= outside
        seps = np.flatnonzero(separator)
        line_end = is_newline[seps]
        field_starts = np.empty(len(seps), dtype=np.int64)
        field_starts[0] = 0
        field_starts[1:] = seps[:-1] + 1
        field_ends = seps.astype(np.int64)
        line_last = np.flatnonzero(line_end)  # index (in seps) of each line's last field
        line_first = np.empty_like(line_last)
        line_first[0] = 0
        line_first[1:] = line_last[:-1] + 1
        counts = line_last - line_first + 1
        # CRLF: the carriage return before a record's newline is not part of its last cell.
        last_ends = field_ends[line_last]
        cr = (last_ends > field_starts[line_last]) & (
            self.data[np.maximum(last_ends - 1, 0)] == CARRIAGE_RETURN
        )
        field_ends[line_last[cr]] -= 1
        blank = (counts == 1) & (field_ends[line_last] <= field_starts[line_last])
        if blank.any():
            only = line_last[blank]
            blank[blank] = self._all_space(field_starts[only], field_ends[only])
        keep = ~blank
        line_first, line_last, counts = line_first[keep], line_last[keep], counts[keep]
        numbers = np.arange(first_row, first_row + len(counts), dtype=np.int64)
        self.n_lines = len(counts)
        self.line_starts = field_starts[line_first]
        self.line_ends = field_ends[line_last]
        good = counts == n_columns
        self.row_numbers = numbers[good]
        self.row_line = np.flatnonzero(good)  # each good row's line index within the chunk
        if good.all() and len(field_starts) == len(counts) * n_columns:  # the usual case: no copy
            self._starts, self._ends = field_starts.reshape(-1, n_columns), field_ends.reshape(-1, n_columns)
        else:
            index = line_first[good][:, None] + np.arange(n_columns)
            self._starts, self._ends = field_starts[index], field_ends[index]
        # Only a space or tab at a cell's edge needs trimming.
        edges = np.concatenate([self.data[field_starts], self.data[np.maximum(field_ends - 1, 0)]])
        self.has_spaces = bool(((edges == SPACE) | (edges == TAB)).any())
        self._spans: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        bad = np.flatnonzero(~good)
        self._malformed_spans = {
            int(numbers[i]): (int(self.line_starts[i]), int(self.line_ends[i])) for i in bad.tolist()
        }
        self.malformed: list[tuple[int, int, str]] = [
            (
                int(numbers[i]),
                int(counts[i]),
                self.cell_text(int(field_starts[line_first[i]]), int(field_ends[line_first[i]]))
                .strip()
                .strip('"'),
            )
            for i in bad
        ]
        self.n_columns = n_columns

    @property
    def rows(self) -> int:
        return len(self.row_numbers)

    def _all_space(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        blank = np.ones(len(starts), dtype=bool)
        for offset in range(int((ends - starts).max(initial=0))):
            position = starts + offset
            inside = position < ends
            byte = self.data[np.minimum(position, len(self.data) - 1)]
            blank &= ~inside | (byte == SPACE) | (byte == TAB) | (byte == CARRIAGE_RETURN)
        return blank

    def _trim(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Cells without surrounding spaces and without their enclosing quotes."""
        data = self.data
        if self.has_spaces:
            starts, ends = starts.copy(), ends.copy()
            for _ in range(FAST_STRING_WIDTH):
                step = (starts < ends) & ((data[starts] == SPACE) | (data[starts] == TAB))
                if not step.any():
                    break
                starts[step] += 1
            for _ in range(FAST_STRING_WIDTH):
                last = np.maximum(ends - 1, 0)
                step = (starts < ends) & ((data[last] == SPACE) | (data[last] == TAB))
                if not step.any():
                    break
                ends[step] -= 1
        if self.has_quotes:
            quoted = (ends - starts >= 2) & (data[starts] == QUOTE) & (data[np.maximum(ends - 1, 0)] == QUOTE)
            if quoted.any():
                starts, ends = starts + quoted, ends - quoted
        return starts, ends

    def span(self, column: int) -> tuple[np.ndarray, np.ndarray]:
        """Trimmed (starts, ends) of one column's cells, computed once."""
        found = self._spans.get(column)
        if found is None:
            found = self._spans[column] = self._trim(self._starts[:, column], self._ends[:, column])
        return found

    def cell_bytes(self, start: int, end: int) -> bytes:
        value = self.buffer[start:end]
        return value.replace(b'""', b'"') if self.has_quotes else value

    def cell_text(self, start: int, end: int) -> str:
        return self.cell_bytes(start, end).decode("utf-8", errors="replace")

    def cell(self, row: int, column: int) -> str:
        starts, ends = self.span(column)
        return self.cell_text(int(starts[row]), int(ends[row]))

    def line(self, row: int) -> bytes:
        """The row's record exactly as it came (without its line ending)."""
        line = self.row_line[row]
        return self.buffer[int(self.line_starts[line]) : int(self.line_ends[line])]

    def malformed_line(self, row_number: int) -> bytes:
        """A malformed row's record as it came."""
        start, end = self._malformed_spans[row_number]
        return self.buffer[start:end]

    def raw_starts(self) -> np.ndarray:
        """(rows, columns) offsets of each cell's first byte, before trimming."""
        return self._starts

    def lines(self) -> list[bytes]:
        """Every well-formed row's record as it came, in order."""
        buffer = self.buffer
        return [
            buffer[s:e]
            for s, e in zip(
                self.line_starts[self.row_line].tolist(), self.line_ends[self.row_line].tolist(), strict=True
            )
        ]

    def _matrix(self, starts: np.ndarray, lengths: np.ndarray, width: int) -> np.ndarray:
        """(rows, width) bytes of each cell, zero after its end."""
        offsets = np.arange(width)
        index = np.minimum(starts[:, None] + offsets, len(self.data) - 1)
        matrix = self.data[index]
        matrix[offsets >= lengths[:, None]] = 0
        return matrix

    # ---- columns -----------------------------------------------------------------------------

    def numbers(self, column: int) -> NumberColumn:
        starts, ends = self.span(column)
        lengths = ends - starts
        data = self.data
        rows = len(starts)
        comma = self.dialect.decimal_comma
        mantissa = np.zeros(rows, dtype=np.int64)
        digits = np.zeros(rows, dtype=np.int8)
        fraction = np.zeros(rows, dtype=np.int8)
        points = np.zeros(rows, dtype=np.int8)
        ok = lengths <= FAST_NUMBER_WIDTH
        first = data[starts]
        negative = (first == ord("-")) & (lengths > 1)
        signed = negative | ((first == ord("+")) & (lengths > 1))
        # Horner over character positions, in place on an integer mantissa (at most 15 digits:
        # exact in float64, and one division by an exact power of ten rounds correctly, as
        # float() does).
        position = starts.copy()
        for offset in range(int(min(lengths.max(initial=0), FAST_NUMBER_WIDTH))):
            active = lengths > offset
            byte = data[position]
            position += 1
            digit = byte - np.uint8(48)
            is_digit = digit < 10
            is_digit &= active
            is_point = (byte == 46) | (byte == 44) if comma else byte == 46
            is_point &= active
            allowed = is_digit | is_point
            allowed |= ~active
            if offset == 0:
                allowed |= signed
            ok &= allowed
            np.multiply(mantissa, 10, out=mantissa, where=is_digit)
            np.add(mantissa, digit, out=mantissa, where=is_digit, casting="unsafe")
            np.add(fraction, 1, out=fraction, where=is_digit & (points > 0))
            digits += is_digit
            points += is_point
        ok &= (digits >= 1) & (digits <= 15) & (points <= 1)
        values = np.where(ok, mantissa / _POW10[fraction], np.nan)
        values[negative] *= -1.0
        missing = lengths == 0
        invalid = np.zeros(rows, dtype=bool)
        comma = self.dialect.decimal_comma
        for row in np.flatnonzero(~ok & ~missing).tolist():
            text = self.cell_bytes(int(starts[row]), int(ends[row])).decode("utf-8", errors="replace")
            if text.casefold() in MISSING_TOKENS:
                missing[row] = True
                continue
            number = slow_number(text, comma)
            if number is None:
                invalid[row] = True
            else:
                values[row] = number
        return NumberColumn(values=values, missing=missing, invalid=invalid)

    @property
    def _words(self) -> np.ndarray:
        """The 8 bytes starting at every offset, as little-endian words (an unaligned view)."""
        return np.ndarray(
            shape=(len(self.data) - 7,),
            dtype="<u8",
            buffer=self.data,
            strides=(1,),
        )

    def strings(self, column: int) -> StringColumn:
        starts, ends = self.span(column)
        lengths = ends - starts
        fast = lengths <= FAST_STRING_WIDTH
        fast_lengths = np.where(fast, lengths, 0)
        words = self._words
        hashes = mix64(lengths.astype(np.uint64) ^ _FNV_OFFSET)
        high = np.zeros(len(starts), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for offset in range(0, int(fast_lengths.max(initial=0)), 8):
                word = words[starts + offset] & _BYTE_MASKS[np.clip(fast_lengths - offset, 0, 8)]
                high |= word
                # Only the cell's own words: a value's hash must not depend on its neighbours.
                hashes = np.where(offset < fast_lengths, mix64((hashes ^ word) * _FNV_PRIME), hashes)
        non_ascii = ((high & _HIGH_BITS) != 0) | ~fast
        for row in np.flatnonzero(~fast).tolist():
            hashes[row] = _hash_bytes(self.cell_bytes(int(starts[row]), int(ends[row])))
        if self.has_quotes:  # a doubled quote inside a cell: hash the unescaped value
            for row in np.flatnonzero(fast & (lengths >= 2)).tolist():
                cell = self.buffer[int(starts[row]) : int(ends[row])]
                if b'""' in cell:
                    hashes[row] = _hash_bytes(cell.replace(b'""', b'"'))
        column_data = StringColumn(
            hashes=hashes,
            missing=lengths == 0,
            invalid=np.zeros(len(starts), dtype=bool),
            long=lengths > MAX_CATEGORY_BYTES,
            chunk=self,
            starts=starts,
            ends=ends,
        )
        # Only short cells can be a missing-value token, only non-ASCII ones can be bad UTF-8.
        short = (lengths >= 2) & (lengths <= max(map(len, MISSING_TOKENS)))
        checks: tuple[tuple[np.ndarray, np.ndarray, Callable[[str | None], bool]], ...] = (
            (short, column_data.missing, lambda text: text is not None and text.casefold() in MISSING_TOKENS),
            (non_ascii, column_data.invalid, lambda text: text is None),
        )
        for mask, target, test in checks:
            rows = np.flatnonzero(mask)
            if not len(rows):
                continue
            unique = sorted_unique(hashes[rows])[0]
            first = first_rows(hashes[rows], unique)
            hits = [
                h
                for h, row in zip(unique.tolist(), rows[first].tolist(), strict=True)
                if test(column_data.decode(row))
            ]
            if hits:
                target |= np.isin(hashes, np.array(hits, dtype=np.uint64))
        return column_data


def _hash_bytes(value: bytes) -> int:
    """The hash ``Chunk.strings`` computes, for one cell."""
    hashes = mix64(np.array([len(value)], dtype=np.uint64) ^ _FNV_OFFSET)
    padded = value + b"\0" * (-len(value) % 8)
    with np.errstate(over="ignore"):
        for word in np.frombuffer(padded, dtype="<u8").tolist():
            hashes = mix64((hashes ^ np.uint64(word)) * _FNV_PRIME)
    return int(hashes[0])


def slow_number(text: str, decimal_comma: bool) -> float | None:
    """A finite number from text the fast path did not take, or None."""
    if "_" in text:
        return None
    if decimal_comma and "," in text:
        if "." in text:
            return None  # "1.234,5": thousands separators are not guessed
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _lf_endings(blocks: Iterator[bytes]) -> Iterator[bytes]:
    """The blocks with CR-only line endings (old Mac exports) turned into LF; others as they are.

    Decided on the first non-empty block: CR without any LF there means the file ends its lines
    with CR alone (CRLF files keep working as before: the reader drops the CR before an LF).
    """
    first = b""
    for first in blocks:
        if first:
            break
    cr_only = b"\r" in first and b"\n" not in first
    yield first.replace(b"\r", b"\n") if cr_only else first
    for block in blocks:
        yield block.replace(b"\r", b"\n") if cr_only else block


class CsvSource:
    """A CSV file read from byte blocks: its dialect, header and chunks of records."""

    def __init__(self, blocks: Iterable[bytes], *, chunk_bytes: int = CHUNK_BYTES) -> None:
        self._text = Utf8Text(blocks)
        self._chunks = record_chunks(_lf_endings(self._text.blocks), chunk_bytes)
        first = next(self._chunks, b"")
        self.dialect = dialect_of(first[:HEADER_LIMIT_BYTES], self._text.encoding)
        if self.dialect.bom:
            first = first[3:]
        first = first.lstrip(b"\r\n")
        data = np.frombuffer(first, dtype=np.uint8)
        ends = _parity_boundaries(data)
        if not len(ends):
            raise TableError("The header row never ends (a quote is left open).")
        header_end = int(ends[0])
        self.header = parse_header(first[:header_end], self.dialect)
        self._first = first[header_end + 1 :]
        self._utf8_read = 0

    @property
    def n_columns(self) -> int:
        return len(self.header)

    @property
    def bytes_read(self) -> int:
        """Bytes of the file (in its own encoding) handed out as chunks so far."""
        return self._text.source_bytes(self._utf8_read)

    def column_index(self, name: str) -> int | None:
        """The index of ``name``: exact, case-insensitive, ignoring punctuation, or a known variant."""
        for match in (
            lambda header: header == name,
            lambda header: header.casefold() == name.casefold(),
            lambda header: normalise_header(header) == normalise_header(name),
            lambda header: canonical_column(header) == name,  # the bundled schema's variants
        ):
            found = [index for index, header in enumerate(self.header) if match(header)]
            if len(found) == 1:
                return found[0]
        return None

    def chunks(self) -> Iterator[Chunk]:
        next_row = 1
        buffers: Iterable[bytes] = [self._first] if self._first.strip() else []
        for buffer in _chain(buffers, self._chunks):
            self._utf8_read += len(buffer)
            chunk = Chunk(buffer, self.dialect, self.n_columns, next_row)
            next_row += chunk.n_lines
            yield chunk


def _chain(first: Iterable[bytes], rest: Iterator[bytes]) -> Iterator[bytes]:
    yield from first
    yield from rest


def malformed_error(row: int, count: int, expected: int, first_cell: str, id_is_first: bool) -> RowError:
    error: RowError = {
        "row": row,
        "errors": [{"field": "row", "message": f"has {count} values; the header has {expected}"}],
    }
    if id_is_first and first_cell:
        error["customer_id"] = first_cell
    return error


# ---- reading chosen columns -------------------------------------------------------------------

ColumnKind = Literal["numeric", "categorical"]


@dataclass
class Categories:
    """Codes per row into ``values`` (sorted), and the count of each value."""

    codes: np.ndarray
    values: list[str]
    counts: np.ndarray


@dataclass
class Columns:
    """The chosen columns of every accepted row, and why the other rows were rejected."""

    header: list[str]
    dialect: Dialect
    numeric: dict[str, np.ndarray] = field(default_factory=dict)
    categorical: dict[str, Categories] = field(default_factory=dict)
    row_numbers: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    ids: list[str] | None = None
    rejected_rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    usable: dict[str, int] = field(default_factory=dict)  # per column: cells it could take

    @property
    def rows(self) -> int:
        return len(self.row_numbers)


class NumberRule(Protocol):
    """What a numeric column accepts beyond being a number (bounds, whole numbers...)."""

    @property
    def invalid_message(self) -> str:
        """The reason given for a cell that is not a number at all."""
        ...

    def valid_numbers(self, numbers: np.ndarray) -> np.ndarray:
        """Which numbers the column takes (NaN never)."""
        ...

    def number_error(self, number: float) -> str:
        """Why the column does not take ``number``."""
        ...


Message = str | Callable[[int], str]  # a reason, or the reason for a given row of the chunk


class ColumnLimitError(TableError):
    """A chosen column cannot be used (missing, or too many categories)."""

    def __init__(self, message: str, column: str) -> None:
        super().__init__(message)
        self.column = column


ProgressCallback = Callable[[int], None]


def read_columns(
    blocks: Iterable[bytes],
    columns: Mapping[str, ColumnKind],
    *,
    id_column: str | None = None,
    keep_ids: bool = False,
    max_categories: int = 50,
    rules: Mapping[str, NumberRule] | None = None,
    chunk_bytes: int = CHUNK_BYTES,
    on_progress: ProgressCallback | None = None,
) -> Columns:
    """Read ``columns`` (name -> kind) of a CSV; rows with a missing or invalid value are rejected.

    Numbers come back as float64 arrays, categories as int32 codes into sorted values. A
    numeric column with a rule in ``rules`` also rejects the numbers the rule does not take,
    with the rule's reason. A categorical column with more than ``max_categories`` distinct
    values raises ``ColumnLimitError``; so does a name the header does not have.
    ``Columns.usable`` counts, per column, the cells it could take (whatever the other columns
    of their rows hold). ``on_progress`` gets the bytes read so far after each chunk.
    """
    rules = rules or {}
    source = CsvSource(blocks, chunk_bytes=chunk_bytes)
    indexes: dict[str, int] = {}
    for name in [*columns, *([id_column] if id_column else [])]:
        index = source.column_index(name)
        if index is None:
            raise ColumnLimitError(f"The file has no column '{name}'.", name)
        indexes[name] = index
    id_index = indexes.get(id_column) if id_column else None
    result = Columns(header=source.header, dialect=source.dialect, usable=dict.fromkeys(columns, 0))
    numeric_parts = {n: _Parts(np.float64) for n, k in columns.items() if k == "numeric"}
    code_parts = {n: _Parts(np.int32) for n, k in columns.items() if k == "categorical"}
    dictionaries: dict[str, dict[int, int]] = {n: {} for n in code_parts}
    names: dict[str, list[str]] = {n: [] for n in code_parts}
    row_parts = _Parts(np.int64)
    ids: list[str] = []
    for chunk in source.chunks():
        chunk_errors = [
            malformed_error(row, count, source.n_columns, first_cell, id_index == 0)
            for row, count, first_cell in chunk.malformed[:MAX_REPORTED_ERRORS]
        ]
        result.rejected_rows += len(chunk.malformed)
        problems: list[tuple[str, np.ndarray, Message]] = []
        values: dict[str, np.ndarray] = {}
        texts: dict[str, StringColumn] = {}
        for name, kind in columns.items():
            index = indexes[name]
            if kind == "numeric":
                number = chunk.numbers(index)
                rule = rules.get(name)
                problems.append((name, number.missing, "is required"))
                problems.append((name, number.invalid, rule.invalid_message if rule else "must be a number"))
                if rule is not None:
                    broken = ~number.missing & ~number.invalid & ~rule.valid_numbers(number.values)
                    problems.append((name, broken, _explain(rule, number.values)))
                values[name] = number.values
            else:
                strings = chunk.strings(index)
                problems.append((name, strings.missing, "is required"))
                problems.append((name, strings.invalid, "is not UTF-8 text"))
                problems.append((name, strings.long, f"is longer than {MAX_CATEGORY_BYTES} bytes"))
                texts[name] = strings
        bad = np.zeros(chunk.rows, dtype=bool)
        column_bad = dict.fromkeys(columns, np.zeros(chunk.rows, dtype=bool))
        for name, mask, _ in problems:
            bad |= mask
            column_bad[name] = column_bad[name] | mask
        for name, mask in column_bad.items():
            result.usable[name] += chunk.rows - int(mask.sum())
        result.rejected_rows += int(bad.sum())
        chunk_errors += [
            _row_error(chunk, row, problems, id_index)
            for row in np.flatnonzero(bad)[:MAX_REPORTED_ERRORS].tolist()
        ]
        chunk_errors.sort(key=lambda error: error["row"])
        result.errors += chunk_errors[: max(MAX_REPORTED_ERRORS - len(result.errors), 0)]
        keep = ~bad
        for name, strings in texts.items():
            values[name] = _codes(strings, keep, dictionaries[name], names[name], name, max_categories)
        for name, parts in numeric_parts.items():
            parts.append(values[name][keep])
        for name, parts in code_parts.items():
            parts.append(values[name][keep].astype(np.int32))
        row_parts.append(chunk.row_numbers[keep])
        if keep_ids and id_index is not None:
            ids.extend(chunk.cell(row, id_index) for row in np.flatnonzero(keep).tolist())
        if on_progress is not None:
            on_progress(source.bytes_read)
    # One column at a time: the peak is the data plus one column, not twice the data.
    for name in list(numeric_parts):
        result.numeric[name] = numeric_parts.pop(name).array()
    for name in list(code_parts):
        codes = code_parts.pop(name).array()
        order = sorted(range(len(names[name])), key=lambda i: names[name][i])
        remap = np.empty(len(order), dtype=np.int32)
        remap[order] = np.arange(len(order), dtype=np.int32)
        codes = remap[codes] if len(codes) else codes
        result.categorical[name] = Categories(
            codes=codes,
            values=[names[name][i] for i in order],
            counts=np.bincount(codes, minlength=len(order)),
        )
    result.row_numbers = row_parts.array()
    result.ids = ids if keep_ids and id_index is not None else None
    return result


class _Parts:
    """A column's values, chunk by chunk, merged into one array every ``SEGMENT_ROWS`` rows: many
    small arrays left in the heap would keep their memory after they are freed (the peak would
    be the data twice), whereas a merged segment is its own mapping, returned when freed."""

    def __init__(self, dtype: type[np.generic]) -> None:
        self.dtype = dtype
        self.parts: list[np.ndarray] = []
        self.segments: list[np.ndarray] = []
        self.pending = 0

    def append(self, values: np.ndarray) -> None:
        self.parts.append(values)
        self.pending += len(values)
        if self.pending >= SEGMENT_ROWS:
            self.segments.append(np.concatenate(self.parts))
            self.parts, self.pending = [], 0

    def array(self) -> np.ndarray:
        pieces, self.segments, self.parts = [*self.segments, *self.parts], [], []
        if not pieces:
            return np.empty(0, self.dtype)
        return pieces[0] if len(pieces) == 1 else np.concatenate(pieces)


def _codes(
    strings: StringColumn,
    usable: np.ndarray,
    dictionary: dict[int, int],
    names: list[str],
    name: str,
    limit: int,
) -> np.ndarray:
    """Codes of this chunk's usable cells in the column's growing dictionary (-1 elsewhere)."""
    hashes = strings.hashes[usable]
    unique = sorted_unique(hashes)[0]
    new = np.array([value for value in unique.tolist() if value not in dictionary], dtype=np.uint64)
    if len(dictionary) + len(new) > limit:
        raise ColumnLimitError(
            f"The column '{name}' has more than {limit} distinct values; "
            f"a categorical feature can have at most {limit}.",
            name,
        )
    for value, row in zip(new.tolist(), first_rows(strings.hashes, new).tolist(), strict=True):
        dictionary[value] = len(names)
        names.append(strings.decode(row) or "")
    local = np.array([dictionary[value] for value in unique.tolist()], dtype=np.int64)
    codes = np.full(len(strings.hashes), -1, dtype=np.int64)
    codes[usable] = local[np.searchsorted(unique, hashes)]
    return codes


FIRST_SCAN = 64


def sorted_unique(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values, sorted, and how often each occurs. A plain sort: numpy's hash-based
    ``np.unique`` measured 5-10x slower on a chunk's 64-bit hashes."""
    ordered = np.sort(values)
    if not len(ordered):
        return ordered, np.empty(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


def first_rows(values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The index of the first occurrence in ``values`` of each of ``wanted`` (all present)."""
    if len(wanted) <= FIRST_SCAN:
        return np.array([int(np.argmax(values == value)) for value in wanted], dtype=np.int64)
    unique, first = np.unique(values, return_index=True)
    found: np.ndarray = first[np.searchsorted(unique, wanted)]
    return found


def _explain(rule: NumberRule, values: np.ndarray) -> Callable[[int], str]:
    return lambda row: rule.number_error(float(values[row]))


def _row_error(
    chunk: Chunk, row: int, problems: list[tuple[str, np.ndarray, Message]], id_index: int | None
) -> RowError:
    seen: set[str] = set()
    errors: list[FieldError] = []
    for name, mask, message in problems:
        if mask[row] and name not in seen:
            seen.add(name)
            errors.append({"field": name, "message": message if isinstance(message, str) else message(row)})
    error: RowError = {"row": int(chunk.row_numbers[row]), "errors": errors}
    if id_index is not None:
        identifier = chunk.cell(row, id_index)
        if identifier:
            error["customer_id"] = identifier
    return error


def file_blocks(path: str, block_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    """A local file as byte blocks."""
    with open(path, "rb") as handle:
        while block := handle.read(block_bytes):
            yield block
