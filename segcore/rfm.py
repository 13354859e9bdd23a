"""RFM features per customer from raw order lines, streamed chunk by chunk with numpy.

A transactions file has one row per order line: a customer id, an order date (or date-time),
and either an amount or a quantity and a unit price; an order id is optional (without one,
the lines of a customer with the same date cell make one order). ``map_columns`` finds them
under common header variants (the Online Retail export's ``InvoiceNo, StockCode, Quantity,
InvoiceDate, UnitPrice, CustomerID, Country``; ``order_id, customer_id, order_date, amount``...).

Each chunk (``segcore.table.Chunk``) is reduced at once to one record per (customer, order):
its dates, purchase and return amounts and line count; only those records and one 64-bit hash
per line (to find duplicated lines) outlive the chunk, so memory follows orders, not the
bytes of the file. Everything is vectorised over the chunk's rows.

Rules (every line that is not used is counted under a reason, never dropped silently):

- ``missing_customer_id``, ``zero_price`` (an amount or unit price of 0),
  ``invalid_number`` (missing or not a number), ``unparseable_date`` and ``malformed_row``
  (wrong number of fields) lines are left out;
- a cancellation (an order id starting with ``C``, as Online Retail writes them) or a return
  (a negative quantity or amount) is netted: it lowers the customer's spend and never counts as
  an order;
- a line repeated exactly (every field equal) is counted once; its repeats are reported as
  ``duplicate_lines`` and take nothing off or on.

Dates: ISO (``2010-12-01``, ``2010-12-01T08:26:00``, ``2010/12/01 08:26``) and slashed
``A/B/YYYY [H:MM[:SS]]`` (also with ``.`` or ``-``). Slashed dates are month-first
(``12/1/2010 8:26``) unless the file shows day-first: more values above 12 in the first field
than in the second; ``date_order`` (``"day-first"`` or ``"month-first"``) overrides that guess
when the analyst knows better. A slashed date impossible in the chosen order is unparseable.

Per customer with at least one purchase: ``recency_days`` (whole days from the last purchase
to ``as_of``, by default the last purchase date in the file), ``frequency`` (distinct purchase
orders), ``monetary`` (net spend; a customer whose returns exceed purchases has 0, counted in
``negative_net_customers``), ``average_order_value`` (monetary / frequency) and
``tenure_days`` (whole days from the first purchase to ``as_of``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from segcore.features import normalise_header
from segcore.schema import CUSTOMER_ID, Feature, FeatureRequest, Schema
from segcore.table import Chunk, CsvSource, mix64

FEATURE_NAMES = ("recency_days", "frequency", "monetary", "average_order_value", "tenure_days")
FEATURE_LABELS = {
    "recency_days": "Recency (days)",
    "frequency": "Frequency (orders)",
    "monetary": "Monetary (net spend)",
    "average_order_value": "Average order value",
    "tenure_days": "Tenure (days)",
}
SKEW_LIMIT = 1.0  # a feature more skewed than this is log-transformed by default
DATE_ORDERS = ("day-first", "month-first")
REASONS = ("missing_customer_id", "zero_price", "invalid_number", "unparseable_date", "malformed_row")
DATE_WIDTH = 32

# Normalised header -> role, most specific first.
HEADER_VARIANTS: dict[str, tuple[str, ...]] = {
    "customer": (
        "customerid",
        "customer",
        "customerno",
        "customernumber",
        "custid",
        "clientid",
        "client",
        "userid",
        "memberid",
        "accountid",
        "buyerid",
    ),
    "date": (
        "invoicedate",
        "orderdate",
        "orderdatetime",
        "transactiondate",
        "purchasedate",
        "saledate",
        "date",
        "datetime",
        "timestamp",
        "ordertime",
        "createdat",
    ),
    "amount": (
        "amount",
        "total",
        "ordertotal",
        "linetotal",
        "totalamount",
        "netamount",
        "sales",
        "revenue",
        "spend",
        "value",
    ),
    "quantity": ("quantity", "qty", "units", "quantityordered"),
    "unit_price": ("unitprice", "price", "itemprice", "priceeach"),
    "order": (
        "invoiceno",
        "invoice",
        "invoiceid",
        "invoicenumber",
        "orderid",
        "orderno",
        "ordernumber",
        "order",
        "transactionid",
        "receiptid",
    ),
}
ROLES = tuple(HEADER_VARIANTS)


class RfmError(ValueError):
    """The file cannot be read as transactions; ``str(error)`` says why in a sentence."""


@dataclass(frozen=True)
class ColumnMap:
    """Header names of the roles; ``amount`` or both ``quantity`` and ``unit_price``."""

    customer: str
    date: str
    amount: str | None = None
    quantity: str | None = None
    unit_price: str | None = None
    order: str | None = None

    def to_json(self) -> dict[str, str]:
        return {role: name for role in ROLES if (name := getattr(self, role)) is not None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ColumnMap:
        unknown = set(data) - set(ROLES)
        if unknown:
            raise RfmError(f"Unknown column roles: {', '.join(sorted(unknown))}; known: {', '.join(ROLES)}.")
        values = {role: data.get(role) for role in ROLES}
        if not values["customer"] or not values["date"]:
            raise RfmError("The column mapping needs a customer and a date column.")
        return cls(**{role: str(value) if value else None for role, value in values.items()})  # type: ignore[arg-type]


def trained_mapping(columns: dict[str, Any] | None, header: Sequence[str]) -> ColumnMap | None:
    """A model's column mapping when ``header`` has those columns; else None (the file's own
    header variants are used)."""
    if not columns:
        return None
    mapping = ColumnMap.from_json(columns)
    keys = {normalise_header(name) for name in header}
    return mapping if all(normalise_header(name) in keys for name in mapping.to_json().values()) else None


def map_columns(header: Sequence[str], chosen: dict[str, str] | None = None) -> ColumnMap:
    """The roles of ``header``'s columns: ``chosen`` (role -> header name) first, then variants."""
    keys = [normalise_header(name) for name in header]
    found: dict[str, str] = {}
    for role, name in (chosen or {}).items():
        if role not in ROLES:
            raise RfmError(f"Unknown column role '{role}'; known: {', '.join(ROLES)}.")
        if normalise_header(name) not in keys:
            raise RfmError(f"The file has no column '{name}' (mapped as {role}).")
        found[role] = header[keys.index(normalise_header(name))]
    used = set(found.values())
    for role, variants in HEADER_VARIANTS.items():
        if role in found:
            continue
        for variant in variants:
            hits = [header[i] for i, key in enumerate(keys) if key == variant and header[i] not in used]
            if hits:
                found[role] = hits[0]
                used.add(hits[0])
                break
    missing = [role for role in ("customer", "date") if role not in found]
    if "amount" not in found and not ("quantity" in found and "unit_price" in found):
        missing.append("amount (or quantity and unit price)")
    if missing:
        raise RfmError(
            f"The file has no {' and no '.join(missing)} column; map them by name "
            f"(the header has: {', '.join(header)})."
        )
    if "amount" in found and "unit_price" in found and "quantity" not in found:
        found.pop("unit_price")
    return ColumnMap(**found)


# ---- dates -----------------------------------------------------------------------------------


def days_from_civil(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of proleptic Gregorian dates (H. Hinnant's algorithm), vectorised."""
    y = year - (month <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    mp = (month + 9) % 12
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    days: np.ndarray = era * 146097 + doe - 719468
    return days


_MONTH_DAYS = np.array([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def _valid_day(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    ok = (month >= 1) & (month <= 12) & (day >= 1)
    limit = _MONTH_DAYS[np.clip(month, 0, 12)]
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    limit = np.where((month == 2) & ~leap, 28, limit)
    return ok & (day <= limit) & (year >= 1900) & (year <= 2200)


@dataclass
class Dates:
    """Per cell: days since 1970 read month-first and day-first (NaN where impossible)."""

    month_first: np.ndarray
    day_first: np.ndarray
    slashed: np.ndarray  # the first field is not a year
    high_first: np.ndarray  # slashed with a first field above 12 (only day-first fits)
    high_second: np.ndarray  # slashed with a second field above 12 (only month-first fits)

    def take(self, rows: np.ndarray) -> Dates:
        return Dates(*(getattr(self, name)[rows] for name in self.__dataclass_fields__))


def parse_dates(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> Dates:
    """Dates of the cells ``data[starts:ends]`` (bytes), vectorised over cells.

    Digit runs become up to six fields (date, then hour, minute, second; later runs such as
    fractions of seconds or a zone are ignored); the only letters allowed are ``T`` and ``Z``.
    """
    rows = len(starts)
    lengths = ends - starts
    fields = np.zeros((rows, 6), dtype=np.int64)
    widths = np.zeros((rows, 6), dtype=np.int64)
    index = np.full(rows, -1, dtype=np.int64)
    previous_digit = np.zeros(rows, dtype=bool)
    ok = (lengths > 0) & (lengths <= DATE_WIDTH)
    for offset in range(int(min(lengths.max(initial=0), DATE_WIDTH))):
        active = offset < lengths
        byte = data[starts + offset]
        digit = (byte >= 48) & (byte <= 57) & active
        letter = ((byte | 32) >= 97) & ((byte | 32) <= 122) & active
        ok &= ~letter | (byte == ord("T")) | (byte == ord("Z"))
        index += digit & ~previous_digit
        value = byte.astype(np.int64) - 48
        for position in range(6):
            target = digit & (index == position)
            if target.any():
                fields[:, position] = np.where(target, fields[:, position] * 10 + value, fields[:, position])
                widths[:, position] += target
        previous_digit = digit
    ok &= index >= 2  # at least three fields: a date
    has_time = index >= 4
    hour = np.where(has_time, fields[:, 3], 0)
    minute = np.where(has_time, fields[:, 4], 0)
    second = np.where(index >= 5, fields[:, 5], 0)
    ok &= (hour < 24) & (minute < 60) & (second < 61) & ((index < 3) | (index >= 4))
    fraction = (hour * 3600 + minute * 60 + second) / 86400.0
    iso = ok & (widths[:, 0] == 4)
    slashed = ok & ~iso & (widths[:, 2] == 4) & (widths[:, 0] <= 2) & (widths[:, 1] <= 2)
    a, b = fields[:, 0], fields[:, 1]
    year = np.where(iso, fields[:, 0], fields[:, 2])
    results = []
    iso_day = fields[:, 2]
    for month, day in ((np.where(iso, b, a), np.where(iso, iso_day, b)), (b, np.where(iso, iso_day, a))):
        valid = (iso | slashed) & _valid_day(year, month, day)
        safe_month = np.where(valid, month, 1)
        safe_day = np.where(valid, day, 1)
        days = days_from_civil(np.where(valid, year, 1970), safe_month, safe_day) + fraction
        results.append(np.where(valid, days, np.nan))
    return Dates(
        month_first=results[0],
        day_first=results[1],
        slashed=slashed,
        high_first=slashed & (a > 12),
        high_second=slashed & (b > 12),
    )


def iso_date(days: float) -> str:
    return (dt.date(1970, 1, 1) + dt.timedelta(days=int(np.floor(days)))).isoformat()


# ---- aggregation -----------------------------------------------------------------------------


@dataclass
class _Orders:
    """One chunk's (customer, order) records."""

    key: np.ndarray  # uint64 of (customer, order)
    customer: np.ndarray  # uint64 customer hash
    month_first: np.ndarray
    day_first: np.ndarray
    purchase: np.ndarray  # spend of purchase lines
    returned: np.ndarray  # spend taken back (cancellations and returns, as a positive number)
    lines: np.ndarray


@dataclass
class RfmResult:
    """Features per customer (``customer_ids`` sorted) and the report of what was read."""

    customer_ids: list[str]
    features: dict[str, np.ndarray]
    report: dict[str, Any]
    columns: ColumnMap

    @property
    def customers(self) -> int:
        return len(self.customer_ids)


@dataclass
class _State:
    orders: list[_Orders] = field(default_factory=list)
    line_hashes: list[np.ndarray] = field(default_factory=list)
    line_keys: list[np.ndarray] = field(default_factory=list)
    line_amounts: list[np.ndarray] = field(default_factory=list)
    known_hashes: np.ndarray = field(default_factory=lambda: np.empty(0, np.uint64))
    names: dict[int, str] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REASONS, 0))
    examples: dict[str, list[int]] = field(default_factory=lambda: {reason: [] for reason in REASONS})
    lines: int = 0
    cancellation_lines: int = 0
    return_lines: int = 0
    high_first: int = 0
    high_second: int = 0
    slashed: int = 0

    def reject(self, reason: str, rows: np.ndarray) -> None:
        self.reasons[reason] += len(rows)
        room = 5 - len(self.examples[reason])
        if room > 0:
            self.examples[reason] += rows[:room].tolist()


_SALT = np.uint64(0x9E3779B97F4A7C15)
_FNV_PRIME = np.uint64(0x100000001B3)
_BYTE_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(8)] + [2**64 - 1], dtype=np.uint64)
FAST_LINE_BYTES = 256


def _line_hashes(chunk: Chunk) -> np.ndarray:
    """A 64-bit hash of every well-formed row's record as it came (8 bytes a step)."""
    starts = chunk.line_starts[chunk.row_line]
    lengths = chunk.line_ends[chunk.row_line] - starts
    words = np.ndarray(shape=(len(chunk.data) - 7,), dtype="<u8", buffer=chunk.data, strides=(1,))
    fast = lengths <= FAST_LINE_BYTES
    fast_lengths = np.where(fast, lengths, 0)
    hashes: np.ndarray = mix64(lengths.astype(np.uint64) ^ _SALT)
    with np.errstate(over="ignore"):
        for offset in range(0, int(fast_lengths.max(initial=0)), 8):
            word = words[starts + offset] & _BYTE_MASKS[np.clip(fast_lengths - offset, 0, 8)]
            # Only a line's own words: its hash must not depend on the other lines of the chunk.
            hashes = np.where(offset < fast_lengths, mix64((hashes ^ word) * _FNV_PRIME), hashes)
    for row in np.flatnonzero(~fast).tolist():
        hashes[row] = hash(chunk.line(row)) & 0xFFFFFFFFFFFFFFFF
    return hashes


def _starts_with_c(chunk: Chunk, column: int) -> np.ndarray:
    starts, ends = chunk.span(column)
    first = chunk.data[starts]
    cancelled: np.ndarray = (ends > starts) & ((first == ord("C")) | (first == ord("c")))
    return cancelled


def _reduce_chunk(chunk: Chunk, indexes: dict[str, int], state: _State) -> None:
    state.lines += chunk.rows + len(chunk.malformed)
    if chunk.malformed:
        state.reject("malformed_row", np.array([row for row, _, _ in chunk.malformed], dtype=np.int64))
    if not chunk.rows:
        return
    numbers = chunk.row_numbers
    customer = chunk.strings(indexes["customer"])
    no_customer = customer.missing | customer.invalid
    if "amount" in indexes:
        amount_column = chunk.numbers(indexes["amount"])
        amount = amount_column.values
        bad_number = amount_column.missing | amount_column.invalid
        sign_source = amount
        if "quantity" in indexes:
            quantity = chunk.numbers(indexes["quantity"])
            bad_number |= quantity.missing | quantity.invalid
            sign_source = np.where(np.isnan(quantity.values), amount, quantity.values)
            amount = np.abs(amount) * np.sign(sign_source)
        zero = amount == 0
    else:
        quantity = chunk.numbers(indexes["quantity"])
        price = chunk.numbers(indexes["unit_price"])
        bad_number = quantity.missing | quantity.invalid | price.missing | price.invalid
        amount = quantity.values * price.values
        sign_source = quantity.values
        zero = (price.values == 0) | (quantity.values == 0)
    date_cells = chunk.strings(indexes["date"])
    _, distinct, date_of_row = np.unique(date_cells.hashes, return_index=True, return_inverse=True)
    date_start, date_end = chunk.span(indexes["date"])
    dates = parse_dates(chunk.data, date_start[distinct], date_end[distinct]).take(date_of_row)
    no_date = np.isnan(dates.month_first) & np.isnan(dates.day_first)
    bad = np.zeros(chunk.rows, dtype=bool)
    for reason, mask in (
        ("missing_customer_id", no_customer),
        ("invalid_number", bad_number),
        ("zero_price", zero & ~bad_number),
        ("unparseable_date", no_date),
    ):
        mask = mask & ~bad
        state.reject(reason, numbers[mask])
        bad |= mask
    keep = ~bad
    cancelled = _starts_with_c(chunk, indexes["order"]) if "order" in indexes else np.zeros(chunk.rows, bool)
    negative = (amount < 0) | (sign_source < 0)
    state.cancellation_lines += int((keep & cancelled).sum())
    state.return_lines += int((keep & negative & ~cancelled).sum())
    state.slashed += int((keep & dates.slashed).sum())
    state.high_first += int((keep & dates.high_first).sum())
    state.high_second += int((keep & dates.high_second).sum())
    order_hash = (
        chunk.strings(indexes["order"]).hashes
        if "order" in indexes
        else chunk.strings(indexes["date"]).hashes
    )
    with np.errstate(over="ignore"):
        keys = mix64(customer.hashes * _SALT ^ mix64(order_hash ^ _SALT))
    is_return = keep & (cancelled | negative)
    spend = np.abs(np.nan_to_num(amount))
    keys_kept = keys[keep]
    unique, first, inverse = np.unique(keys_kept, return_index=True, return_inverse=True)
    kept_rows = np.flatnonzero(keep)
    n = len(unique)
    month_first = np.full(n, np.inf)
    day_first = np.full(n, np.inf)
    np.minimum.at(
        month_first, inverse, np.where(np.isnan(dates.month_first[keep]), np.inf, dates.month_first[keep])
    )
    np.minimum.at(
        day_first, inverse, np.where(np.isnan(dates.day_first[keep]), np.inf, dates.day_first[keep])
    )
    returned_lines = is_return[keep]
    state.orders.append(
        _Orders(
            key=unique,
            customer=customer.hashes[kept_rows[first]],
            month_first=month_first,
            day_first=day_first,
            purchase=np.bincount(inverse, weights=np.where(returned_lines, 0.0, spend[keep]), minlength=n),
            returned=np.bincount(inverse, weights=np.where(returned_lines, spend[keep], 0.0), minlength=n),
            lines=np.bincount(inverse, minlength=n),
        )
    )
    state.line_hashes.append(_line_hashes(chunk)[keep])
    state.line_keys.append(keys_kept)
    state.line_amounts.append(np.where(returned_lines, -spend[keep], spend[keep]))
    # Customer ids: decode each new hash once (from the chunk's orders, fewer than its lines).
    order_customers = customer.hashes[kept_rows[first]]
    new, where = np.unique(order_customers, return_index=True)
    fresh = ~np.isin(new, state.known_hashes, assume_unique=True)
    if fresh.any():
        for value, row in zip(new[fresh].tolist(), kept_rows[first[where[fresh]]].tolist(), strict=True):
            state.names[value] = customer.decode(row) or ""
        state.known_hashes = np.union1d(state.known_hashes, new[fresh])


def aggregate(
    chunks: Iterable[Chunk],
    header: Sequence[str],
    *,
    columns: ColumnMap | None = None,
    as_of: dt.date | None = None,
    date_order: str | None = None,
) -> RfmResult:
    """RFM features per customer from a transactions file's chunks (see the module's rules)."""
    if date_order is not None and date_order not in DATE_ORDERS:
        raise RfmError(f"date_order must be one of {', '.join(DATE_ORDERS)}.")
    mapping = columns or map_columns(header)
    keys = [normalise_header(name) for name in header]
    indexes = {role: keys.index(normalise_header(name)) for role, name in mapping.to_json().items()}
    state = _State()
    for chunk in chunks:
        _reduce_chunk(chunk, indexes, state)
    return _finish(state, mapping, as_of, date_order)


def aggregate_source(
    source: CsvSource,
    *,
    columns: ColumnMap | None = None,
    as_of: dt.date | None = None,
    date_order: str | None = None,
) -> RfmResult:
    return aggregate(source.chunks(), source.header, columns=columns, as_of=as_of, date_order=date_order)


def _concat(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
    return np.concatenate(parts) if parts else np.empty(0, dtype)


def _finish(state: _State, mapping: ColumnMap, as_of: dt.date | None, date_order: str | None) -> RfmResult:
    orders = state.orders
    key = _concat([o.key for o in orders], np.uint64)
    unique, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    n = len(unique)

    def merged(name: str, ufunc: np.ufunc, initial: float) -> np.ndarray:
        out = np.full(n, initial)
        ufunc.at(out, inverse, _concat([getattr(o, name) for o in orders], np.float64))
        return out

    month_first = merged("month_first", np.minimum, np.inf)
    day_first = merged("day_first", np.minimum, np.inf)
    purchase = merged("purchase", np.add, 0.0)
    returned = merged("returned", np.add, 0.0)
    lines = merged("lines", np.add, 0.0)
    customer = _concat([o.customer for o in orders], np.uint64)[first]
    state.orders = []
    # Duplicated lines: every repeat after the first takes its amount back off its order.
    line_hash = _concat(state.line_hashes, np.uint64)
    line_key = _concat(state.line_keys, np.uint64)
    line_amount = _concat(state.line_amounts, np.float64)
    state.line_hashes, state.line_keys, state.line_amounts = [], [], []
    order_by_hash = np.argsort(line_hash)  # repeats are equal lines: any of them may come first
    sorted_hash = line_hash[order_by_hash]
    repeat = np.zeros(len(line_hash), dtype=bool)
    repeat[order_by_hash[1:]] = sorted_hash[1:] == sorted_hash[:-1]
    duplicates = int(repeat.sum())
    if duplicates:
        where = np.searchsorted(unique, line_key[repeat])
        amounts = line_amount[repeat]
        np.subtract.at(purchase, where, np.where(amounts > 0, amounts, 0.0))
        np.subtract.at(returned, where, np.where(amounts < 0, -amounts, 0.0))
        np.subtract.at(lines, where, 1.0)
    del line_hash, line_key, line_amount, order_by_hash, sorted_hash, repeat
    day_first_order = (
        date_order == "day-first" if date_order is not None else state.high_first > state.high_second
    )
    date = day_first if day_first_order else month_first
    undated = ~np.isfinite(date)
    if undated.any():
        # Slashed dates impossible in the order the file shows: their lines are unparseable.
        state.reasons["unparseable_date"] += int(lines[undated].sum())
    dated = ~undated
    is_purchase = dated & (purchase > 0)
    customers, customer_index = np.unique(customer[dated], return_inverse=True)
    net = np.bincount(customer_index, weights=(purchase - returned)[dated], minlength=len(customers))
    frequency = np.bincount(
        customer_index, weights=is_purchase[dated].astype(np.float64), minlength=len(customers)
    )
    last = np.full(len(customers), -np.inf)
    earliest = np.full(len(customers), np.inf)
    purchase_dates = np.where(is_purchase[dated], date[dated], np.nan)
    np.maximum.at(last, customer_index, np.where(np.isnan(purchase_dates), -np.inf, purchase_dates))
    np.minimum.at(earliest, customer_index, np.where(np.isnan(purchase_dates), np.inf, purchase_dates))
    buyers = frequency > 0
    reference = (
        float(days_from_civil(np.array([as_of.year]), np.array([as_of.month]), np.array([as_of.day]))[0])
        if as_of is not None
        else (float(last[buyers].max()) if buyers.any() else 0.0)
    )
    monetary = np.maximum(net[buyers], 0.0)
    features = {
        "recency_days": np.maximum(np.floor(reference) - np.floor(last[buyers]), 0.0),
        "frequency": frequency[buyers],
        "monetary": np.round(monetary, 2),
        "average_order_value": np.round(monetary / frequency[buyers], 2),
        "tenure_days": np.maximum(np.floor(reference) - np.floor(earliest[buyers]), 0.0),
    }
    ids = [state.names[h] for h in customers[buyers].tolist()]
    order = sorted(range(len(ids)), key=ids.__getitem__)
    features = {name: values[order] for name, values in features.items()}
    used_lines = state.lines - sum(state.reasons.values()) - duplicates
    report: dict[str, Any] = {
        "lines": state.lines,
        "used_lines": used_lines,
        "rejected_lines": sum(state.reasons.values()),
        "rejected": {reason: count for reason, count in state.reasons.items() if count},
        "examples": {reason: rows for reason, rows in state.examples.items() if rows},
        "duplicate_lines": duplicates,
        "cancellation_lines": state.cancellation_lines,
        "return_lines": state.return_lines,
        "orders": int(is_purchase.sum()),
        "customers": len(ids),
        "customers_without_purchases": int((~buyers).sum()),
        "negative_net_customers": int((net[buyers] < 0).sum()),
        "date_order": "day-first" if day_first_order else ("month-first" if state.slashed else "iso"),
        "as_of": iso_date(reference),
        "columns": mapping.to_json(),
    }
    return RfmResult(customer_ids=[ids[i] for i in order], features=features, report=report, columns=mapping)


def skewness(values: np.ndarray) -> float:
    if len(values) < 3:
        return 0.0
    centred = values - values.mean()
    spread = float(np.sqrt(np.mean(centred**2)))
    return float(np.mean(centred**3) / spread**3) if spread > 0 else 0.0


# Day counts are read on a relative scale (3 vs 30 days apart says more than 300 vs 330 days):
# log whatever their skew.
LOG_DAYS = frozenset({"recency_days", "tenure_days"})


def default_transforms(features: dict[str, np.ndarray]) -> dict[str, str]:
    """``log`` for day counts and for a non-negative feature skewed beyond ``SKEW_LIMIT``."""
    return {
        name: "log"
        if values.min(initial=0) >= 0 and (name in LOG_DAYS or skewness(values) > SKEW_LIMIT)
        else "none"
        for name, values in features.items()
    }


FEATURE_UNITS = {"recency_days": "days", "tenure_days": "days", "frequency": "orders"}


def is_rfm_schema(schema: Schema) -> bool:
    """The model was trained on computed RFM features (recency, frequency, monetary at least)."""
    names = set(schema.names)
    return {"recency_days", "frequency", "monetary"} <= names and names <= set(FEATURE_NAMES)


def rfm_schema(result: RfmResult, requests: Sequence[FeatureRequest] = ()) -> Schema:
    """The schema of a model trained on ``result``: every RFM feature by default, ``log`` where
    skewed; ``requests`` may choose some of them and their transforms."""
    chosen = {request.name: request for request in requests}
    unknown = sorted(set(chosen) - set(FEATURE_NAMES))
    if unknown:
        raise RfmError(
            f"A transactions dataset trains on its computed features ({', '.join(FEATURE_NAMES)}); "
            f"not on {', '.join(unknown)}."
        )
    names = [name for name in FEATURE_NAMES if not chosen or name in chosen]
    transforms = default_transforms({name: result.features[name] for name in names})
    features = tuple(
        Feature(
            name=name,
            label=(
                request.label if (request := chosen.get(name)) and request.label else FEATURE_LABELS[name]
            ),
            unit=FEATURE_UNITS.get(name),
            min=0,
            integer=name in FEATURE_UNITS,
            transform=(request.transform if request and request.transform else transforms[name]),
        )
        for name in names
    )
    return Schema(features=features, id_column=CUSTOMER_ID)
