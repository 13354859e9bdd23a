"""Write-ahead journal of the mutating requests a moto server has applied.

moto keeps its state in memory. The local stack wraps moto's WSGI app in ``JournalMiddleware``:
a mutating request (DynamoDB writes and table changes, every S3 PUT/POST/DELETE, including
presigned browser form uploads and multipart parts) runs while holding ``Journal.writes``, and
if it succeeded (2xx) the request as moto saw it (method, path, query, headers, body) is
appended to the journal in that same critical section, so the journal's order is the order in
which moto applied the writes. The response is held back until the record is on disk
(``fdatasync``); concurrent writers share one sync (group commit). A read is answered only
once every write it could have seen is on disk, so nothing that may be lost is ever shown.

On start ``replay`` feeds the records to a fresh moto app in order. A record is a fixed header
(magic, lengths, CRC-32) followed by JSON metadata and the body: a record torn by a crash (never
acknowledged, since its sync had not returned) fails the check and ends the replay there.

Replay is deterministic because moto's outcome depends only on its state and the request, with
one exception: a multipart upload's id is random, so the id moto returned at
CreateMultipartUpload is recorded, and after replaying it the caller gives the new upload the
recorded id again (a client may still hold it and go on uploading parts after a restart).
"""

from __future__ import annotations

import io
import json
import os
import re
import struct
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from werkzeug.wsgi import get_input_stream

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

_MAGIC = b"MJ01"
_HEADER = struct.Struct(">4sIQI")  # magic, metadata length, body length, crc32(metadata + body)

# DynamoDB operations that change nothing; every other DynamoDB operation is journalled.
DYNAMODB_READS = frozenset(
    {
        "BatchGetItem",
        "DescribeBackup",
        "DescribeContinuousBackups",
        "DescribeEndpoints",
        "DescribeLimits",
        "DescribeTable",
        "DescribeTimeToLive",
        "GetItem",
        "ListBackups",
        "ListTables",
        "ListTagsOfResource",
        "Query",
        "Scan",
        "TransactGetItems",
    }
)
_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# What a replay needs from the WSGI environ: the request line and every header as moto saw it.
_KEPT_KEYS = frozenset(
    {"REQUEST_METHOD", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE"}
    | {"SERVER_NAME", "SERVER_PORT"}
)
_DROPPED_HEADERS = frozenset({"HTTP_TRANSFER_ENCODING", "HTTP_EXPECT", "HTTP_CONTENT_LENGTH"})
_UPLOAD_ID = re.compile(rb"<UploadId>([^<]+)</UploadId>")


def is_mutation(environ: dict[str, Any]) -> bool:
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target.startswith("DynamoDB_"):
        return target.rpartition(".")[2] not in DYNAMODB_READS
    return environ.get("REQUEST_METHOD", "GET") not in _READ_METHODS


@dataclass(frozen=True)
class Record:
    environ: dict[str, Any]
    body: bytes
    upload_id: str | None  # the id moto returned to CreateMultipartUpload, if this was one


def encode(record: Record) -> bytes:
    meta = json.dumps({"environ": record.environ, "upload_id": record.upload_id}).encode()
    crc = zlib.crc32(record.body, zlib.crc32(meta))
    return _HEADER.pack(_MAGIC, len(meta), len(record.body), crc) + meta + record.body


def read_records(path: Path) -> tuple[list[Record], int]:
    """Every whole record of a journal file and the length of that valid prefix."""
    data = path.read_bytes()
    records: list[Record] = []
    offset = 0
    while offset + _HEADER.size <= len(data):
        magic, meta_len, body_len, crc = _HEADER.unpack_from(data, offset)
        start = offset + _HEADER.size
        end = start + meta_len + body_len
        if magic != _MAGIC or end > len(data):
            break
        meta, body = data[start : start + meta_len], data[start + meta_len : end]
        if zlib.crc32(body, zlib.crc32(meta)) != crc:
            break
        parsed = json.loads(meta)
        records.append(Record(parsed["environ"], body, parsed["upload_id"]))
        offset = end
    return records, offset


class Journal:
    """An append-only file of records; ``writes`` orders appends and holds them for snapshots."""

    def __init__(self, path: Path) -> None:
        self.writes = threading.Lock()
        self._sync = threading.Condition()
        self._appended = 0  # records written (page cache), counted across files
        self._durable = 0  # records known to be on disk
        self._syncing = False
        self._open(path)

    def _open(self, path: Path) -> None:
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self.size = os.fstat(self._fd).st_size
        fsync_directory(path.parent)

    def append(self, record: Record) -> int:
        """Write one record (caller holds ``writes``); returns the number to wait for."""
        data = encode(record)
        written = os.write(self._fd, data)
        if written != len(data):
            raise OSError(f"short write to {self.path}: {written} of {len(data)} bytes")
        self.size += len(data)
        self._appended += 1
        return self._appended

    @property
    def appended(self) -> int:
        return self._appended

    def wait_durable(self, number: int) -> None:
        """Return once record ``number`` is on disk; one caller syncs for everyone waiting."""
        with self._sync:
            while self._durable < number:
                if self._syncing:
                    self._sync.wait()
                    continue
                self._syncing = True
                target, fd = self._appended, self._fd
                self._sync.release()
                try:
                    os.fdatasync(fd)
                finally:
                    self._sync.acquire()
                    self._syncing = False
                    self._durable = max(self._durable, target)
                    self._sync.notify_all()

    def rotate(self, path: Path) -> None:
        """Continue in a new file (caller holds ``writes``): the old one is complete and synced."""
        with self._sync:
            while self._syncing:
                self._sync.wait()
            os.fdatasync(self._fd)
            os.close(self._fd)
            self._durable = self._appended
            self._open(path)

    def close(self) -> None:
        with self._sync:
            os.fdatasync(self._fd)
            os.close(self._fd)


def fsync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _starts_multipart_upload(environ: dict[str, Any]) -> bool:
    query = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    return environ.get("REQUEST_METHOD") == "POST" and any(name == "uploads" for name, _ in query)


def _captured_environ(environ: dict[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for key, value in environ.items():
        if key in _DROPPED_HEADERS:
            continue
        if key in _KEPT_KEYS or key.startswith("HTTP_"):
            kept[key] = value
        elif isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            kept[key] = value  # moto's map of header names that contain underscores
    return kept


def _with_body(environ: dict[str, Any], body: bytes) -> dict[str, Any]:
    environ = {key: value for key, value in environ.items() if key not in _DROPPED_HEADERS}
    environ.pop("wsgi.input_terminated", None)
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return environ


Headers = list[tuple[str, str]]


def _run(app: WSGIApp, environ: dict[str, Any]) -> tuple[tuple[str, Headers, Any], bytes]:
    """Call a WSGI app and collect its whole response: ((status, headers, exc_info), body)."""
    started: list[tuple[str, Headers, Any]] = []

    def start_response(status: str, headers: Headers, exc_info: Any = None) -> Callable[..., Any]:
        started.append((status, headers, exc_info))
        return lambda chunk: None

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return started[-1], body


class JournalMiddleware:
    """Journals every successful mutating request before its response leaves the server."""

    def __init__(self, app: WSGIApp, journal: Journal) -> None:
        self.app = app
        self.journal = journal

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not is_mutation(environ):
            body = self.app(environ, start_response)
            self.journal.wait_durable(self.journal.appended)
            return body
        payload = get_input_stream(environ).read()
        environ = _with_body(environ, payload)
        with self.journal.writes:
            (status, headers, exc_info), response = _run(self.app, environ)
            number = 0
            if status[:1] == "2":
                upload_id = None
                if _starts_multipart_upload(environ):
                    found = _UPLOAD_ID.search(response)
                    upload_id = found.group(1).decode() if found else None
                number = self.journal.append(Record(_captured_environ(environ), payload, upload_id))
        if number:
            self.journal.wait_durable(number)
        start_response(status, headers, exc_info)
        return [response]


@dataclass
class ReplayReport:
    applied: int = 0
    diverged: int = 0  # records moto refused on replay (should stay 0)


def replay(
    app: WSGIApp,
    records: Iterable[Record],
    report: ReplayReport,
    *,
    restore_upload_id: Callable[[str, str], None],
) -> None:
    """Apply journalled requests to ``app`` in order (no server, no sockets).

    ``restore_upload_id(new, recorded)`` renames a replayed multipart upload to its recorded id.
    """
    for record in records:
        environ = dict(record.environ)
        environ.update(
            {
                "wsgi.version": (1, 0),
                "wsgi.url_scheme": "http",
                "wsgi.errors": io.StringIO(),
                "wsgi.multithread": False,
                "wsgi.multiprocess": False,
                "wsgi.run_once": False,
                "SERVER_PROTOCOL": "HTTP/1.1",
                "REMOTE_ADDR": "127.0.0.1",
            }
        )
        try:
            (status, _, _), response = _run(app, _with_body(environ, record.body))
        except Exception:  # moto raised where it answered 2xx before: counted, replay goes on
            status, response = "500", b""
        if status[:1] != "2":
            report.diverged += 1
            continue
        report.applied += 1
        found = _UPLOAD_ID.search(response) if record.upload_id else None
        if record.upload_id and found:
            restore_upload_id(found.group(1).decode(), record.upload_id)


def journal_files(state_dir: Path) -> Iterator[tuple[int, Path]]:
    for path in sorted(state_dir.glob("journal-*.log")):
        stem = path.stem.removeprefix("journal-")
        if stem.isdigit():
            yield int(stem), path


def journal_path(state_dir: Path, generation: int) -> Path:
    return state_dir / f"journal-{generation:010d}.log"
