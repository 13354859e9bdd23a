"""The local moto server, durable: a snapshot plus a write-ahead journal in LOCAL_STATE_DIR.

State on disk:
  state.snapshot           moto's DynamoDB, S3 and SES backends, pickled, with a JSON header saying
                           which moto wrote it and the last journal generation it includes
  journal-<gen>.log        the mutating requests applied since (local/journal.py)

Start: load the snapshot, replay every newer journal in order, compact, then serve. Compaction
holds mutating requests (``Journal.writes``) while the journal moves to a new generation and the
process forks (``compact``); the child writes the snapshot of that instant atomically (temporary
file, fsync, rename, fsync of the folder) and only after that is the old journal deleted, so a
crash at any point leaves either the old snapshot with its journals or the new one.

The snapshot covers the services the local stack stands in for (DynamoDB, S3, SES). It is tied to
the moto version that wrote it (requirements-dev.txt pins it); another version refuses to
start rather than guess.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import logging
import os
import pickle
import signal
import sys
import threading
import time
import traceback
import warnings
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from moto.dynamodb.models import dynamodb_backends
from moto.moto_server.werkzeug_app import MotoRequestHandler, create_backend_app
from moto.s3.models import FakeKey, s3_backends
from moto.ses.models import ses_backends
from werkzeug.serving import BaseWSGIServer, make_server

from local import moto_fast
from local.journal import (
    Journal,
    JournalMiddleware,
    ReplayReport,
    fsync_directory,
    journal_files,
    journal_path,
    read_records,
    replay,
)
from local.moto_serial import LOCK, serialise_dynamodb

SNAPSHOT_NAME = "state.snapshot"
SNAPSHOT_FORMAT = 2
_SNAPSHOT_MAGIC = b"moto-state\n"


class SnapshotMismatch(RuntimeError):
    """The snapshot was written by another moto version or format."""


@dataclass(frozen=True)
class Recovery:
    snapshot_loaded: bool
    replayed: int
    diverged: int
    torn_bytes: int  # bytes at a journal's end that were not a whole record (never acknowledged)
    seconds: float


# The services the local stack stands in for: tables, objects, and the mail SES "sent".
SERVICES: dict[str, Any] = {"dynamodb": dynamodb_backends, "s3": s3_backends, "ses": ses_backends}


def _backends_state() -> dict[str, Any]:
    state: dict[str, Any] = {
        name: {account: dict(regions) for account, regions in backends.items()}
        for name, backends in SERVICES.items()
    }
    state["s3_bucket_accounts"] = dict(s3_backends.bucket_accounts)
    return state


def _install_state(state: dict[str, Any]) -> None:
    for name, backends in SERVICES.items():
        for account, regions in state.get(name, {}).items():
            for region, backend in regions.items():
                backends[account][region] = backend
    s3_backends.bucket_accounts.update(state["s3_bucket_accounts"])


def restore_upload_id(new: str, recorded: str) -> None:
    """Give a multipart upload recreated by replay the id its client was told."""
    for partitions in s3_backends.values():
        for backend in partitions.values():
            for bucket in backend.buckets.values():
                upload = bucket.multiparts.pop(new, None)
                if upload is not None:
                    upload.id = recorded
                    bucket.multiparts[recorded] = upload
                    return


def write_snapshot(state_dir: Path, payload: bytes, covers: int) -> Path:
    header = {"format": SNAPSHOT_FORMAT, "moto": version("moto"), "covers_generation": covers}
    target = state_dir / SNAPSHOT_NAME
    tmp = target.with_name(target.name + ".tmp")
    with open(tmp, "wb") as handle:
        handle.write(_SNAPSHOT_MAGIC + json.dumps(header).encode() + b"\n")
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    fsync_directory(state_dir)
    return target


def read_snapshot(state_dir: Path) -> tuple[dict[str, Any], int] | None:
    """(backends state, last journal generation included), or None without a snapshot."""
    path = state_dir / SNAPSHOT_NAME
    if not path.exists():
        return None
    with open(path, "rb") as handle:
        if handle.readline() != _SNAPSHOT_MAGIC:
            raise SnapshotMismatch(f"{path} is not a local stack snapshot")
        header = json.loads(handle.readline())
        if header.get("format") != SNAPSHOT_FORMAT or header.get("moto") != version("moto"):
            raise SnapshotMismatch(
                f"{path} was written by moto {header.get('moto')} (format {header.get('format')}); "
                f"this is moto {version('moto')}. Install the pinned requirements or move "
                f"{path.parent} away to start empty."
            )
        state: dict[str, Any] = pickle.load(handle)
    return state, int(header["covers_generation"])


def _write_snapshot_in_child(state_dir: Path, covers: int) -> None:
    """In the forked child only: the other threads are gone, mid-operation, and left their locks.

    No DynamoDB operation was under way (the parent held DynamoDB's lock and the writes). An S3
    read may have been: each object's lock is replaced, and an object held in a temporary file
    (a descriptor shared with the parent, offset included) is read with ``pread`` into memory
    so the parent's reads are not disturbed. Then pickle, write, and leave without cleanup.
    """
    code = 1
    try:
        for obj in gc.get_objects():
            if isinstance(obj, FakeKey):
                obj.lock = threading.Lock()
                buffer = obj._value_buffer
                if getattr(buffer, "_rolled", False) and not buffer.closed:
                    obj._value_buffer = io.BytesIO(_pread_all(buffer.fileno()))  # type: ignore[assignment]
        write_snapshot(state_dir, pickle.dumps(_backends_state(), protocol=pickle.HIGHEST_PROTOCOL), covers)
        code = 0
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
    finally:
        os._exit(code)


def _pread_all(fd: int) -> bytes:
    size = os.fstat(fd).st_size
    chunks, offset = [], 0
    while offset < size:
        chunk = os.pread(fd, min(size - offset, 1 << 24), offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


class DurableMotoServer:
    """moto's server app behind the journal, on a threaded werkzeug server."""

    def __init__(self, state_dir: Path, host: str, port: int) -> None:
        self.state_dir = state_dir
        self.host = host
        self.port = port
        moto_fast.install()
        self.app = moto_fast.FastDispatcher(create_backend_app)
        self.journal: Journal | None = None
        self.generation = 0
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._compacting = threading.Lock()

    # ---- start: recover, compact, serve --------------------------------------------------

    def recover(self) -> Recovery:
        started = time.monotonic()
        self.state_dir.mkdir(parents=True, exist_ok=True)
        saved = read_snapshot(self.state_dir)
        covers = 0
        if saved is not None:
            state, covers = saved
            _install_state(state)
        report = ReplayReport()
        torn = 0
        for generation, path in journal_files(self.state_dir):
            if generation <= covers:
                continue
            records, valid = read_records(path)
            torn += path.stat().st_size - valid
            replay(self.app, records, report, restore_upload_id=restore_upload_id)
            covers = generation
        self.generation = covers + 1
        self.journal = Journal(journal_path(self.state_dir, self.generation))
        self.compact()
        return Recovery(saved is not None, report.applied, report.diverged, torn, time.monotonic() - started)

    def serve(self) -> None:
        assert self.journal is not None, "recover() first"
        self._server = make_server(
            self.host,
            self.port,
            JournalMiddleware(self.app, self.journal),
            threaded=True,
            request_handler=MotoRequestHandler,
        )
        self._thread = threading.Thread(target=self._server.serve_forever, name="moto", daemon=True)
        self._thread.start()

    def start(self) -> Recovery:
        recovery = self.recover()
        self.serve()
        return recovery

    # ---- compaction ------------------------------------------------------------------------

    @property
    def journal_bytes(self) -> int:
        return self.journal.size if self.journal else 0

    def compact(self) -> float:
        """Snapshot while writes are held, then drop the journals it includes; seconds held.

        Pickling a large state takes seconds (100,000 items: ~3.5 s of CPU), far longer than a
        client should wait. So with writes held (and DynamoDB's lock, so no operation is half
        done) the journal moves to a new generation and the process forks: the child has the
        state of that instant, copy-on-write, writes the snapshot and exits, while the parent
        releases the writes at once. The old journals go only once the child succeeded.
        """
        assert self.journal is not None
        with self._compacting:
            with self.journal.writes, LOCK:
                held = time.monotonic()
                covers = self.generation
                self.generation += 1
                self.journal.rotate(journal_path(self.state_dir, self.generation))
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads: see below
                    pid = os.fork()
                if pid == 0:
                    _write_snapshot_in_child(self.state_dir, covers)
                held = time.monotonic() - held
            _, status = os.waitpid(pid, 0)
            if status != 0:
                raise RuntimeError(f"the snapshot process failed (status {status}); journals kept")
            for generation, path in journal_files(self.state_dir):
                if generation <= covers:
                    path.unlink()
            return held

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        if self.journal is not None:
            self.compact()
            self.journal.close()


def main(argv: list[str] | None = None) -> int:
    """``python -m local.moto_runner STATE_DIR --port N``: the durable moto server on its own."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("state_dir", type=Path)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--compact-mb", type=float, default=64, help="compact past this journal size")
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    with serialise_dynamodb():
        server = DurableMotoServer(args.state_dir.resolve(), "127.0.0.1", args.port)
        recovery = server.start()
        print(f"[moto] ready on 127.0.0.1:{args.port}: {recovery}", flush=True)
        while not stop.wait(0.2):
            if server.journal_bytes >= args.compact_mb * 1024 * 1024:
                server.compact()
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
