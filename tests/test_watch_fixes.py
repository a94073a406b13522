"""deckgen watch as user testers found it: a page that goes away while it waits, editors'
temporary files, and the title slide in the outline."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import watchfiles

from deckgen import model
from deckgen.errors import SourceLocation
from deckgen.project import Project
from deckgen.watch import run, thumbs
from deckgen.watch import server as server_module
from deckgen.watch.changes import Changes
from deckgen.watch.outline import cover_lines
from deckgen.watch.server import start_server
from deckgen.watch.state import WatchState

from .conftest import ROOTS, TESTS, run_deckgen
from .test_watch import invoke, scripted, status

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


@pytest.mark.parametrize(
    "name",
    ["sedPDWXMa", "4913", "lysbilder.md~", ".lysbilder.md.swp", ".#lysbilder.md", "~$x.pptx"],
)
def test_editors_temporary_files_start_no_rebuild(tmp_path: Path, name: str) -> None:
    (tmp_path / "decks").mkdir()
    keep = run.watched(Project(tmp_path), tmp_path / "build")
    assert not keep(watchfiles.Change.added, str(tmp_path / "content" / "x" / name))
    for kept in ("lysbilder.md", "sedimenter.md", "4913.csv", "sed.yaml"):
        assert keep(watchfiles.Change.added, str(tmp_path / "content" / "x" / kept))


def test_sed_in_place_is_a_change_of_the_file_alone_as_watchfiles_reports_it(
    tmp_path: Path,
) -> None:
    content = tmp_path / "lysbilder.md"
    content.write_text("hei\n", encoding="utf-8")
    stop = threading.Event()
    batches: list[set[tuple[watchfiles.Change, str]]] = []

    def edit_then_stop() -> None:
        threading.Event().wait(0.5)
        subprocess.run(["sed", "-i", "s/hei/hallo/", str(content)], check=True)
        threading.Event().wait(1)
        stop.set()

    threading.Thread(target=edit_then_stop).start()
    for batch in watchfiles.watch(tmp_path, stop_event=stop, step=30, debounce=400):
        batches.append(batch)
    (batch,) = batches
    assert any(Path(path).name.startswith("sed") for _change, path in batch)  # as it comes
    assert run.sort_changes(batch) == Changes((content,), ())


def test_a_file_made_and_removed_between_two_looks_is_no_change_and_a_deleted_one_is(
    tmp_path: Path,
) -> None:
    kept, gone = tmp_path / "a.md", tmp_path / "b.md"
    kept.write_text("a", encoding="utf-8")
    added, modified, deleted = (
        watchfiles.Change.added,
        watchfiles.Change.modified,
        watchfiles.Change.deleted,
    )
    came_and_went = str(tmp_path / "tmp1234.md")
    batch = {(added, str(kept)), (added, came_and_went), (deleted, came_and_went)}
    assert run.sort_changes(batch) == Changes((kept,), ())
    assert not run.sort_changes({(added, came_and_went), (deleted, came_and_went)})
    assert run.sort_changes({(modified, str(gone)), (deleted, str(gone))}) == Changes((), (gone,))


def test_watch_names_the_edited_file_not_seds_and_rebuilds_after_a_deletion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "prosjekt"
    shutil.copytree(TESTS / "feil" / "grunnlag", root)
    monkeypatch.setattr(thumbs, "missing_tools", lambda: thumbs.MISSING)
    demo = root / "content" / "demo.md"
    builds: list[dict[str, Any]] = []

    def sed(url: str) -> set[tuple[watchfiles.Change, str]]:
        subprocess.run(["sed", "-i", "s/Alle skal med/Alle skal med i Lysvik/", str(demo)])
        temporary = str(demo.parent / "sedPDWXMa")
        added, deleted = watchfiles.Change.added, watchfiles.Change.deleted
        return {(added, str(demo)), (added, temporary), (deleted, temporary)}

    def delete(url: str) -> set[tuple[watchfiles.Change, str]]:
        builds.append(status(url))
        demo.unlink()
        return {(watchfiles.Change.deleted, str(demo))}

    def last(url: str) -> None:
        builds.append(status(url))

    scripted(monkeypatch, [sed, delete, last])
    result = invoke(root, "demo", "--port", "0")

    assert result.exit_code == 0, result.output
    after_sed, after_delete = builds
    assert after_sed["build"] == 2 and after_sed["ok"]
    assert after_delete["build"] == 3 and not after_delete["ok"]
    (problem,) = after_delete["problems"]
    assert (
        problem["text"] == "feil: decks/demo.yaml:6: innholdsfilen «demo.md» finnes ikke i content/"
    )
    lines = result.output.splitlines()
    assert "endret: content/demo.md" in lines
    assert "slettet: content/demo.md" in lines
    assert not any("sedPDWXMa" in line for line in lines)
