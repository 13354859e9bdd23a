"""Serves the built SPA; unknown paths get index.html so client-side routes load.

With a mailbox (local stack only) it also serves the captured mails at /_local/mail (a page)
and /_local/mail.json.
"""

from __future__ import annotations

import io
import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from local.mailbox import LocalMailbox

RUNTIME_CONFIG_PATH = "/env.js"
MAIL_PAGES = {"/_local/mail": "text/html; charset=utf-8", "/_local/mail.json": "application/json"}


def runtime_config_script(api_url: str | None) -> bytes:
    """The SPA's runtime configuration (see frontend/src/config/env.ts); no URL: same origin."""
    config = {"apiUrl": api_url} if api_url else {}
    return f"window.__APP_CONFIG__ = {json.dumps(config)};\n".encode()


class _SpaHandler(SimpleHTTPRequestHandler):
    def __init__(
        self,
        *args: Any,
        directory: str,
        runtime_config: bytes,
        mailbox: LocalMailbox | None,
        **kwargs: Any,
    ) -> None:
        self.runtime_config = runtime_config
        self.mailbox = mailbox
        super().__init__(*args, directory=directory, **kwargs)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if self.mailbox is not None and path in MAIL_PAGES:
            body = self.mailbox.as_html() if path == "/_local/mail" else self.mailbox.as_json()
            self.send_response(200)
            self.send_header("Content-Type", MAIL_PAGES[path])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def send_head(self) -> Any:
        if self.path.split("?", 1)[0] == RUNTIME_CONFIG_PATH:
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript; charset=utf-8")
            self.send_header("Content-Length", str(len(self.runtime_config)))
            self.end_headers()
            return io.BytesIO(self.runtime_config)
        path = Path(self.translate_path(self.path))
        if not path.exists() or (path.is_dir() and not (path / "index.html").exists()):
            self.path = "/index.html"
        return super().send_head()

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        if self.path.startswith("/assets/"):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        elif self.path.startswith("/_local/"):
            self.send_header("Cache-Control", "no-store")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return


class StaticSite:
    """The built SPA on ``port``; ``/env.js`` tells it the API's URL (``api_url``); with a
    ``mailbox`` (the local stack) also the captured mails."""

    def __init__(
        self,
        directory: Path,
        *,
        port: int,
        api_url: str | None = None,
        mailbox: LocalMailbox | None = None,
    ) -> None:
        self.directory = directory
        if not (directory / "index.html").exists():
            raise FileNotFoundError(f"{directory}/index.html is missing: build the SPA first")
        handler = partial(
            _SpaHandler,
            directory=str(directory),
            runtime_config=runtime_config_script(api_url),
            mailbox=mailbox,
        )
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
