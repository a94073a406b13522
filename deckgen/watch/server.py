"""The page's web server: standard library, bound to 127.0.0.1 only, in a thread of its own."""

from __future__ import annotations

import errno
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from deckgen.errors import DeckgenError
from deckgen.watch.state import WatchState

HOST = "127.0.0.1"
"""The only address the page is served on: the page is for the person at this machine."""
WAIT_SECONDS = 20
"""How long /status.json?etter=N waits for a version other than N before answering anyway."""
_WAIT = re.compile(r"(?:^|&)etter=(-?\d+)(?:&|$)")
_PICTURE = re.compile(r"^/bilder/(\d+)/(\d+)\.png$")
_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)
"""What writing to a page that has gone away raises."""


class WatchServer(ThreadingHTTPServer):
    """Serves one WatchState."""

    daemon_threads = True
    block_on_close = False  # a page waiting for the next build must not hold up stopping

    def __init__(self, state: WatchState, port: int) -> None:
        super().__init__((HOST, port), _Handler)
        self.state = state

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A page that went away (a closed tab, a reload while waiting) is no error: stay silent;
        anything else is printed as http.server does."""
        if isinstance(sys.exc_info()[1], _GONE):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """GET / (the page), /status.json (its data; with ?etter=N as soon as it differs from
    version N) and /bilder/<bygg>/<n>.png (thumbnails)."""

    server: WatchServer

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        """Answer a GET."""
        from deckgen.watch.page import PAGE

        path, _, query = self.path.partition("?")
        if path in ("/", "/index.html"):
            self._send(200, "text/html; charset=utf-8", PAGE.encode("utf-8"))
        elif path == "/status.json":
            after = _WAIT.search(query)
            if after is not None:  # the page waits here until something changes
                self.server.state.wait_newer(int(after[1]), WAIT_SECONDS)
            self._send(200, "application/json; charset=utf-8", self.server.state.as_json().encode())
        elif (match := _PICTURE.match(path)) is not None:
            picture = self.server.state.picture(int(match[1]), int(match[2]))
            if picture is None:
                self._send(404, "text/plain; charset=utf-8", b"bildet finnes ikke lenger")
            else:
                self._send(200, "image/png", picture, cache=True)
        else:
            self._send(404, "text/plain; charset=utf-8", b"finnes ikke")

    def _send(self, status: int, kind: str, body: bytes, cache: bool = False) -> None:
        """Send a whole answer."""
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600" if cache else "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the terminal for builds and problems, not one line per request."""


def start_server(state: WatchState, port: int) -> WatchServer:
    """Bind 127.0.0.1:port (0 picks a free port) and serve in a background thread; a port in
    use is a DeckgenError."""
    try:
        server = WatchServer(state, port)
    except OSError as error:
        if error.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
            raise DeckgenError.at(
                None,
                f"porten {port} på {HOST} er i bruk (kjører deckgen watch allerede?); velg en "
                "annen med --port, eller --port 0 for en ledig",
            ) from None
        if error.errno == errno.EACCES:
            raise DeckgenError.at(
                None, f"deckgen watch får ikke bruke porten {port}; velg en annen med --port"
            ) from None
        raise
    threading.Thread(target=server.serve_forever, name="deckgen-side", daemon=True).start()
    return server
