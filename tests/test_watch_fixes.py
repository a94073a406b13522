"""deckgen watch as user testers found it: a page that goes away while it waits, editors'
temporary files, and the title slide in the outline."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import struct
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from deckgen import model
from deckgen.errors import SourceLocation
from deckgen.watch import server as server_module
from deckgen.watch.outline import cover_lines
from deckgen.watch.server import start_server
from deckgen.watch.state import WatchState

from .conftest import ROOTS, run_deckgen

LOCATION = SourceLocation(Path("decks/x.yaml"), 2)


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


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--utvalg", "Utvalg for oppvekst"], ["Utvalg for oppvekst", "10. desember 2026"]),
        ([], ["10. desember 2026"]),
    ],
)
def test_the_title_slide_in_the_outline_shows_what_the_slide_shows(
    tmp_path: Path, options: list[str], expected: list[str]
) -> None:
    from pptx import Presentation

    from deckgen import pipeline
    from deckgen.project import Project
    from deckgen.watch.outline import outline

    root = tmp_path / "p"
    shutil.copytree(ROOTS / "alle-typer", root)
    made = run_deckgen("new", "x", "--dato", "2026-12-10", *options, cwd=root)
    assert made.returncode == 0, made.stderr
    result = pipeline.build(Project(root), "x", root / "build")
    assert result.rendered.document is not None
    cover = outline(result.rendered.document)[0]
    assert cover["lines"] == expected
    slide = Presentation(str(root / "build" / "x.pptx")).slides[0]
    texts = [
        paragraph.text
        for shape in slide.shapes
        if shape.has_text_frame and shape != slide.shapes.title
        for paragraph in shape.text_frame.paragraphs
        if paragraph.text
    ]
    assert texts == cover["lines"]


def test_a_committee_other_than_the_subtitle_goes_before_the_date_as_on_the_slide() -> None:
    deck = model.Deck(
        "x", "Budsjett", "Forslag", "Bystyret", dt.date(2026, 12, 10), "lysvik", [], LOCATION
    )
    assert cover_lines(deck, " · ") == ["Forslag", "Bystyret · 10. desember 2026"]
    deck.subtitle = ""
    assert cover_lines(deck, " – ") == ["Bystyret – 10. desember 2026"]
