"""`chalice local` that shares its port: ``python -m local.api_server local --no-autoreload ...``.

Several of these processes listen on one port with SO_REUSEPORT and the kernel spreads new
connections across them, as API Gateway spreads requests over Lambda containers. One
`chalice local` is one Python process (one GIL) for every request; `make run` starts
``API_WORKERS`` of them (default 2, one per core here). Everything else is chalice's own CLI.
"""

from __future__ import annotations

import socket
import sys

import chalice.local
from chalice.cli import main


class SharedPortServer(chalice.local.ThreadedHTTPServer):
    def server_bind(self) -> None:
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        super().server_bind()


def use_shared_port() -> None:
    defaults = chalice.local.LocalDevServer.__init__.__defaults__ or ()
    chalice.local.LocalDevServer.__init__.__defaults__ = tuple(
        SharedPortServer if value is chalice.local.ThreadedHTTPServer else value for value in defaults
    )


if __name__ == "__main__":
    use_shared_port()
    sys.exit(main())
