"""Closed-loop HTTP load: N clients, each on its own keep-alive connection, each waiting for its
answer before sending the next request. Used by `make bench` and the integration tests."""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.parse
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.support.api import STRONG_PASSWORD


class Connection:
    """One client's keep-alive connection; reconnects once if the server closed it."""

    def __init__(self, base_url: str, timeout: float = 60) -> None:
        parsed = urllib.parse.urlsplit(base_url)
        self.host, self.port = parsed.hostname or "127.0.0.1", parsed.port or 80
        self.timeout = timeout
        self.token: str | None = None
        self.username: str | None = None  # whose token it is, for clients that sign in later
        self._conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(
        self, method: str, path: str, body: Any = None, *, form: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        headers = {"Connection": "keep-alive"}
        data: bytes | None = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        for attempt in (1, 2):
            try:
                self._conn.request(method, path, body=data, headers=headers)
                response = self._conn.getresponse()
                raw = response.read()
                break
            except (ConnectionError, http.client.RemoteDisconnected, http.client.BadStatusLine):
                self._conn.close()
                self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                if attempt == 2:
                    raise
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode(errors="replace")
        return response.status, parsed

    def close(self) -> None:
        self._conn.close()


@dataclass
class LoadResult:
    seconds: float
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # op -> seconds
    failures: list[tuple[str, int, Any]] = field(default_factory=list)  # (op, status, body)
    acknowledged: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # op -> 2xx count

    def rate(self, op: str) -> float:
        return len(self.latencies[op]) / self.seconds

    def percentile_ms(self, op: str, q: float) -> float:
        values = sorted(self.latencies[op])
        if not values:
            return float("nan")
        return values[min(len(values) - 1, max(0, round(q * len(values)) - 1))] * 1000


# A client's session: called with (connection, client index, op timer) until the deadline passes.
Step = Callable[[Connection, int, "Timer"], None]


class Timer:
    """Times one request of an operation and records it as acknowledged or failed."""

    def __init__(self, result: LoadResult, lock: threading.Lock) -> None:
        self._result = result
        self._lock = lock

    def __call__(
        self, op: str, conn: Connection, method: str, path: str, body: Any = None, *, expect: int = 200
    ) -> Any:
        started = time.perf_counter()
        try:
            status, reply = conn.request(method, path, body)
        except (OSError, http.client.HTTPException) as exc:
            status, reply = 0, repr(exc)
        elapsed = time.perf_counter() - started
        with self._lock:
            if status == expect:
                self._result.latencies[op].append(elapsed)
                self._result.acknowledged[op] += 1
            else:
                self._result.failures.append((op, status, reply))
        return reply if status == expect else None


def run_clients(
    connections: list[Connection],
    step: Step,
    seconds: float,
) -> LoadResult:
    """Every connection runs ``step`` in its own thread, over and over, for ``seconds``."""
    result = LoadResult(seconds=seconds)
    lock = threading.Lock()
    timer = Timer(result, lock)
    start = threading.Barrier(len(connections) + 1)
    deadline = 0.0

    def client(index: int, conn: Connection) -> None:
        start.wait()
        while time.monotonic() < deadline:
            step(conn, index, timer)

    threads = [threading.Thread(target=client, args=(i, c)) for i, c in enumerate(connections)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + seconds
    start.wait()
    began = time.monotonic()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - began
    return result


# ---- the API's own sessions -------------------------------------------------------------


def registered_clients(api: str, count: int, prefix: str) -> list[Connection]:
    """Registers ``count`` users ({username, email, password}; each signs in later, on its own
    connection). The replaced system's /auth/register takes the same body."""
    connections = []
    for n in range(count):
        conn = Connection(api)
        name = f"{prefix}{n}_{uuid.uuid4().hex[:6]}"
        status, user = conn.request(
            "POST",
            "/auth/register",
            {"username": name, "email": f"{name}@example.com", "password": STRONG_PASSWORD},
        )
        if status != 201:
            raise RuntimeError(f"registration failed: {status} {user}")
        conn.username = name
        connections.append(conn)
    return connections


def sign_in(conn: Connection, timer: Timer | None = None) -> None:
    body = {"username": conn.username, "password": STRONG_PASSWORD}
    if timer is None:
        status, login = conn.request("POST", "/auth/login", body)
        if status != 200:
            raise RuntimeError(f"sign-in failed: {status} {login}")
    else:
        login = timer("login", conn, "POST", "/auth/login", body)
    if login:
        conn.token = login["access_token"]


def run_mixed(connections: list[Connection], seconds: float, customer: dict[str, Any]) -> LoadResult:
    """Each user signs in once, then predicts, reads its history, saves and lists profiles."""

    def session(conn: Connection, index: int, timer: Timer) -> None:
        if conn.token is None:
            sign_in(conn, timer)
            return
        timer("predict", conn, "POST", "/predict", customer)
        timer("history", conn, "GET", "/history?limit=20")
        timer("save profile", conn, "POST", "/profiles", {"name": "bench", **customer}, expect=201)
        timer("list profiles", conn, "GET", "/profiles?limit=20")

    return run_clients(connections, session, seconds)
