"""Synthetic order lines with known customer behaviour (tests, the bench and demos).

Four behaviours, each drawn with numpy from its own ranges (days before the file's last date):

- ``loyal``: 15-40 orders spread over the last 1-2 years, the last one within 15 days;
- ``one_off``: a single small order 90-360 days ago;
- ``lapsed_big``: 6-12 large orders, the last one 250-400 days ago;
- ``new``: 1-2 orders, the first within the last 20 days.

Lines are written in the Online Retail layout (``InvoiceNo,StockCode,Quantity,InvoiceDate,
UnitPrice,CustomerID,Country``) with month-first dates (``12/1/2010 8:26``).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

BEHAVIOURS = ("loyal", "one_off", "lapsed_big", "new")
# behaviour -> (orders low, high), (last order days ago low, high), (span of days low, high), price range
_RULES = {
    "loyal": ((15, 41), (0, 15), (360, 720), (5.0, 15.0)),
    "one_off": ((1, 2), (90, 360), (0, 1), (2.0, 6.0)),
    "lapsed_big": ((6, 13), (250, 400), (200, 400), (60.0, 120.0)),
    "new": ((1, 3), (0, 10), (0, 10), (5.0, 15.0)),
}
END = dt.datetime(2011, 12, 9, 12, 0)
HEADER = "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"


def generate_orders(
    counts: dict[str, int], *, seed: int = 0, lines_per_order: tuple[int, int] = (1, 6)
) -> tuple[list[str], dict[str, str]]:
    """CSV lines (header first) and each customer id's behaviour."""
    rng = np.random.default_rng(seed)
    truth: dict[str, str] = {}
    customer_parts, day_parts, price_parts = [], [], []
    next_id = 10000
    for behaviour in BEHAVIOURS:
        n = counts.get(behaviour, 0)
        if not n:
            continue
        (o_lo, o_hi), (l_lo, l_hi), (s_lo, s_hi), (p_lo, p_hi) = _RULES[behaviour]
        ids = np.arange(next_id, next_id + n)
        next_id += n
        truth.update({str(i): behaviour for i in ids.tolist()})
        orders = rng.integers(o_lo, o_hi, n)
        last = rng.integers(l_lo, l_hi, n)
        span = rng.integers(s_lo, s_hi, n)
        owner = np.repeat(np.arange(n), orders)
        # Each order a uniform day in [last, last + span]; the first of each customer on `last`.
        days = last[owner] + (rng.random(len(owner)) * (span[owner] + 1)).astype(np.int64)
        firsts = np.concatenate([[0], np.cumsum(orders)[:-1]])
        days[firsts] = last
        customer_parts.append(ids[owner])
        day_parts.append(days)
        price_parts.append(rng.uniform(p_lo, p_hi, len(owner)))
    customers = np.concatenate(customer_parts)
    days = np.concatenate(day_parts)
    prices = np.concatenate(price_parts)
    minutes = rng.integers(8 * 60, 18 * 60, len(days))
    order_lines = rng.integers(lines_per_order[0], lines_per_order[1], len(days))
    invoice = np.repeat(np.arange(500000, 500000 + len(days)), order_lines)
    line_customer = np.repeat(customers, order_lines)
    line_price = np.round(np.repeat(prices, order_lines) * rng.uniform(0.5, 1.5, len(invoice)), 2)
    line_price = np.maximum(line_price, 0.01)
    quantity = rng.integers(1, 5, len(invoice))
    stamps = [
        f"{d.month}/{d.day}/{d.year} {d.hour}:{d.minute:02d}"
        for d in (
            END - dt.timedelta(days=int(day)) + dt.timedelta(minutes=int(m) - 12 * 60)
            for day, m in zip(days.tolist(), minutes.tolist(), strict=True)
        )
    ]
    line_stamp = np.repeat(np.array(stamps, dtype=object), order_lines)
    stock = rng.integers(10000, 10100, len(invoice))
    lines = [HEADER]
    lines += [
        f"{i},{s},{q},{t},{p:.2f},{c},United Kingdom"
        for i, s, q, t, p, c in zip(
            invoice.tolist(),
            stock.tolist(),
            quantity.tolist(),
            line_stamp.tolist(),
            line_price.tolist(),
            line_customer.tolist(),
            strict=True,
        )
    ]
    return lines, truth
