"""`make run`: the whole product on this machine.

A moto server stands in for AWS (DynamoDB, S3), `chalice local` serves the API, a static server
serves the built SPA. moto's state is durable in LOCAL_STATE_DIR: every mutating request is
journalled and on disk before its response returns, and the journal is compacted into a
snapshot taken while writes are held (local/moto_runner.py, local/journal.py). A `kill -9`
loses no acknowledged write; the next start restores the snapshot and replays the journal.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from local import snapshot
from local.mailbox import LocalMailbox
from local.moto_runner import DurableMotoServer
from local.moto_serial import serialise_dynamodb
from local.web import StaticSite

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class StackConfig:
    api_port: int
    web_port: int
    moto_port: int
    state_dir: Path
    compact_bytes: int
    serve_web: bool
    api_workers: int = 2

    @classmethod
    def from_env(cls) -> StackConfig:
        env = os.environ
        return cls(
            api_port=int(env.get("API_PORT", "8000")),
            web_port=int(env.get("WEB_PORT", "5173")),
            moto_port=int(env.get("MOTO_PORT", "5055")),
            state_dir=Path(env.get("LOCAL_STATE_DIR", ".local")).resolve(),
            compact_bytes=int(float(env.get("JOURNAL_COMPACT_MB", "64")) * 1024 * 1024),
            serve_web=env.get("SERVE_WEB", "1") != "0",
            api_workers=max(1, int(env.get("API_WORKERS", "2"))),
        )

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.moto_port}"


def _log(message: str) -> None:
    print(f"[stack] {message}", flush=True)


def stack_environment(config: StackConfig) -> dict[str, str]:
    """What the API process and the trainer process inherit: moto endpoint and local names."""
    return {
        "APP_STAGE": "local",
        "AWS_ENDPOINT_URL": config.endpoint,
        "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "LOCAL_STATE_DIR": str(config.state_dir),
        "TABLE_PREFIX": "segmentation-local",
        "ARTIFACTS_BUCKET": "segmentation-local-artifacts",
        "CORS_ORIGINS": ",".join(
            [f"http://127.0.0.1:{config.web_port}", f"http://localhost:{config.web_port}"]
        ),
    }


def configure_environment(config: StackConfig) -> None:
    os.environ.update(stack_environment(config))


class Stack:
    def __init__(self, config: StackConfig) -> None:
        self.config = config
        self.moto = DurableMotoServer(config.state_dir, "127.0.0.1", config.moto_port)
        self.apis: list[subprocess.Popen[bytes]] = []
        self.web: StaticSite | None = None
        self.mailbox = LocalMailbox(os.environ.get("AWS_DEFAULT_REGION", "us-east-1"))
        self._mails_announced = 0
        self._stop = threading.Event()

    # ---- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        started = time.monotonic()
        self.config.state_dir.mkdir(parents=True, exist_ok=True)
        configure_environment(self.config)
        recovery = self.moto.start()
        _log(f"moto server on {self.config.endpoint}")
        if recovery.snapshot_loaded or recovery.replayed:
            _log(
                f"restored state from {self.config.state_dir}: snapshot"
                f"{'' if recovery.snapshot_loaded else ' (none)'} + {recovery.replayed} journalled "
                f"writes in {recovery.seconds:.1f} s"
            )
        if recovery.diverged:
            _log(f"WARNING: {recovery.diverged} journalled writes were refused on replay")
        self._import_legacy_snapshot()
        from local.seed import seed  # imports the app's modules: environment must be set first

        seed(root=ROOT)
        command = [
            sys.executable,
            "-m",
            "local.api_server",
            "local",
            "--no-autoreload",
            "--host",
            "127.0.0.1",
        ]
        command += ["--port", str(self.config.api_port), "--stage", "local"]
        self.apis = [
            subprocess.Popen(command, cwd=ROOT, start_new_session=True, preexec_fn=_die_with_parent)
            for _ in range(self.config.api_workers)
        ]
        if self.config.serve_web:
            self.web = StaticSite(
                ROOT / "frontend" / "dist",
                port=self.config.web_port,
                api_url=f"http://127.0.0.1:{self.config.api_port}",
                mailbox=self.mailbox,
            )
            self.web.start()
        self._wait_for_api()
        _log(f"ready in {time.monotonic() - started:.1f} s")
        _log(f"API  http://127.0.0.1:{self.config.api_port}")
        if self.web:
            _log(f"SPA  http://127.0.0.1:{self.config.web_port}")
            _log(f"mail http://127.0.0.1:{self.config.web_port}/_local/mail (what SES would have sent)")

    def run_forever(self) -> None:
        while not self._stop.wait(0.5):
            if any(api.poll() is not None for api in self.apis):
                _log("an API process exited; stopping")
                break
            self.announce_mail()
            if self.moto.journal_bytes >= self.config.compact_bytes:
                held = self.moto.compact()
                _log(f"journal compacted into a snapshot (writes held {held * 1000:.0f} ms)")

    def request_stop(self, *_: object) -> None:
        self._stop.set()

    def stop(self) -> None:
        for api in self.apis:
            if api.poll() is None:
                os.killpg(api.pid, signal.SIGTERM)
        for api in self.apis:
            try:
                api.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(api.pid, signal.SIGKILL)
        if self.web is not None:
            self.web.stop()
        self.moto.stop()
        _log("stopped; state saved")

    # ---- helpers -------------------------------------------------------------------------

    def announce_mail(self) -> None:
        """Print each new mail's recipient and links, so a person can follow them from the log."""
        mails = self.mailbox.mails()
        for mail in reversed(mails[: len(mails) - self._mails_announced]):
            _log(f"mail to {', '.join(mail.to)}: {mail.subject} {' '.join(mail.links)}")
        self._mails_announced = len(mails)

    def _import_legacy_snapshot(self) -> None:
        """State from before the journal (snapshot.json.gz) is loaded once, then kept aside."""
        legacy = self.config.state_dir / snapshot.SNAPSHOT_NAME
        saved = snapshot.read(self.config.state_dir)
        if saved is None:
            return
        dynamodb, s3 = self._clients()
        snapshot.restore(dynamodb, s3, saved)
        self.moto.compact()
        legacy.rename(legacy.with_name(legacy.name + ".imported"))
        _log(f"imported {legacy.name} into the journalled state")

    def _clients(self) -> tuple[object, object]:
        import boto3

        kwargs = {"endpoint_url": self.config.endpoint, "region_name": os.environ["AWS_DEFAULT_REGION"]}
        return boto3.client("dynamodb", **kwargs), boto3.client("s3", **kwargs)

    def _wait_for_api(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        url = f"http://127.0.0.1:{self.config.api_port}/"
        while time.monotonic() < deadline:
            if any(api.poll() is not None for api in self.apis):
                raise RuntimeError("chalice local exited during start-up")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"the API did not answer on {url} within {timeout:.0f} s")


_LIBC = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the API child: the kernel kills it when the stack dies, even by SIGKILL (Linux)."""
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def main() -> int:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    stack = Stack(StackConfig.from_env())

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stack.request_stop()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    with serialise_dynamodb():
        try:
            stack.start()
            stack.run_forever()
        finally:
            stack.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
