"""deckgen watch as user testers found it: a page that goes away while it waits, editors'
temporary files, and the title slide in the outline."""

from __future__ import annotations

import socket
import struct
import sys
import threading
from typing import Any

import pytest

from deckgen.watch import server as server_module
from deckgen.watch.server import start_server
from deckgen.watch.state import WatchState


def test_a_page_that_goes_away_while_it_waits_leaves_stderr_silent(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    state = WatchState("x")
    server = start_server(state, 0)
    done = threading.Event()
    real_shutdown = server.shutdown_request

    def shutdown_request(request: Any) -> None:
        real_shutdown(request)
        done.set()

    monkeypatch.setattr(server, "shutdown_request", shutdown_request)
    try:
        client = socket.create_connection(("127.0.0.1", server.server_port), timeout=5)
        client.sendall(b"GET /status.json?etter=0 HTTP/1.1\r\nHost: x\r\n\r\n")
        threading.Event().wait(0.3)  # the request is read and waits for version 1
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()  # a reset, as when a tab is closed (curl -m 1 does the same)
        state.started()
        assert done.wait(10)
    finally:
        server.shutdown()
        server.server_close()
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


@pytest.mark.parametrize("error", [BrokenPipeError, ConnectionResetError, ConnectionAbortedError])
def test_a_connection_the_page_dropped_is_no_error(
    error: type[OSError], capsys: pytest.CaptureFixture[str]
) -> None:
    server = server_module.WatchServer(WatchState("x"), 0)
    try:
        try:
            raise error("borte")
        except OSError:
            server.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("en feil i deckgen")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        assert "ValueError: en feil i deckgen" in capsys.readouterr().err
    finally:
        server.server_close()
    assert sys.exc_info() == (None, None, None)
