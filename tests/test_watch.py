"""deckgen watch in this process (typer's CliRunner): the port, the 127.0.0.1 binding, the JSON
the page polls, rebuilds after content and data changes, errors with file:line, and Ctrl+C.

watchfiles.watch is replaced by a script of changes, so each step runs in order; the real
file watching and the page in a browser are tested in test_watch_browser.py."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import watchfiles
from typer.testing import CliRunner, Result

from deckgen.cli import app
from deckgen.config import yamlload
from deckgen.project import Project
from deckgen.watch import run, thumbs
from deckgen.watch.outline import assign_pages
from deckgen.watch.server import start_server
from deckgen.watch.state import WatchState

from .conftest import REPO, TESTS

Step = Callable[[str], set[tuple[watchfiles.Change, str]] | None]
"""One step of a scripted watch: gets the page's address, may change files, returns them."""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bad-input corpus's small valid project; thumbnails off (no LibreOffice)."""
    root = tmp_path / "prosjekt"
    shutil.copytree(TESTS / "feil" / "grunnlag", root)
    monkeypatch.setattr(thumbs, "missing_tools", lambda: thumbs.MISSING)
    return root


def status(url: str) -> dict[str, Any]:
    """The page's data."""
    with urllib.request.urlopen(url + "status.json", timeout=10) as answer:
        assert answer.headers["Content-Type"] == "application/json; charset=utf-8"
        return json.loads(answer.read().decode("utf-8"))


def scripted(monkeypatch: pytest.MonkeyPatch, steps: list[Step]) -> None:
    """Replace watchfiles.watch with the steps, then Ctrl+C (KeyboardInterrupt, as watchfiles
    raises it); each step gets the page's address."""
    from deckgen.watch import server

    ports: list[int] = []
    real_start = server.start_server

    def remember_port(state: WatchState, port: int) -> server.WatchServer:
        made = real_start(state, port)
        ports.append(made.server_port)
        return made

    def fake_watch(*paths: Path, **options: Any) -> Iterator[set[tuple[Any, str]]]:
        url = f"http://127.0.0.1:{ports[-1]}/"
        for step in steps:
            changes = step(url)
            if changes:
                yield changes
        raise KeyboardInterrupt

    monkeypatch.setattr(server, "start_server", remember_port)
    monkeypatch.setattr(watchfiles, "watch", fake_watch)


def invoke(project: Path, *args: str) -> Result:
    """Run deckgen watch on the project."""
    return CliRunner().invoke(app, ["watch", *args, "--prosjekt", str(project)])


def edit(path: Path, old: str, new: str) -> set[tuple[watchfiles.Change, str]]:
    """Replace text in a file; the change as watchfiles reports it."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return {(watchfiles.Change.modified, str(path))}


def test_the_page_data_follows_content_and_data_changes_and_shows_errors_with_file_and_line(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, Any]] = []
    demo, facts = project / "content" / "demo.md", project / "content" / "fakta.yaml"

    def first(url: str) -> None:
        seen.append(status(url))

    def content(url: str) -> set[tuple[watchfiles.Change, str]]:
        return edit(demo, "- Alle skal med", "- Alle skal med i Lysvik")

    def data(url: str) -> set[tuple[watchfiles.Change, str]]:
        seen.append(status(url))
        return edit(facts, "elever: 10500", "elever: 12345")

    def error(url: str) -> set[tuple[watchfiles.Change, str]]:
        seen.append(status(url))
        return edit(demo, "## Økonomi", "## Økonomi {.kolonnr}")

    scripted(monkeypatch, [first, content, data, error, first])
    result = invoke(project, "demo", "--port", "0")

    assert result.exit_code == 0, result.output
    start, after_content, after_data, after_error = seen
    titles = [slide["title"] for slide in start["slides"]]
    assert titles == ["Feiltest", "Elevene", "Økonomi", "Skolen"]  # the title slide first
    assert start["slides"][0]["lines"] == ["Et lite prosjekt for feilmeldingene", "24. april 2024"]
    assert start["slides"][1]["lines"] == ["Kommunen har 10.500 elever", "Alle skal med"]
    assert start["build"] == 1 and start["ok"] and start["problems"] == []
    assert start["written"] == ["build/demo.pptx"]
    assert start["thumbnails_note"] == thumbs.MISSING and start["pages"] == []
    assert after_content["build"] == 2
    assert after_content["slides"][1]["lines"] == [
        "Kommunen har 10.500 elever",
        "Alle skal med i Lysvik",
    ]
    assert after_data["build"] == 3  # the facts file was read again, not taken from the cache
    assert after_data["slides"][1]["lines"][0] == "Kommunen har 12.345 elever"
    assert after_error["build"] == 4 and not after_error["ok"] and after_error["outdated"]
    assert after_error["slides_build"] == 3
    assert after_error["slides"] == after_data["slides"]  # the last good build, marked outdated
    (problem,) = after_error["problems"]
    assert problem["kind"] == "feil"
    assert problem["where"] == "content/demo.md:6"
    assert (problem["file"], problem["line"]) == ("content/demo.md", 6)
    assert problem["text"].startswith(
        "feil: content/demo.md:6: ukjent lysbildetype «kolonnr» (mente du «kolonner»?)"
    )
    assert (project / "build" / "demo.pptx").is_file()
    lines = result.output.splitlines()
    assert lines[0].startswith("deckgen watch demo: åpne http://127.0.0.1:")
    assert lines[0].endswith("/ (Ctrl+C avslutter)")
    assert "bygg 1: skrev build/demo.pptx" in lines
    assert "endret: content/fakta.yaml" in lines
    assert "bygg 4 stoppet; siden viser forrige vellykkede bygg" in lines
    assert lines[-1] == "deckgen watch er stoppet"


def test_the_page_is_served_in_bokmal_with_its_thumbnail_route(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages: list[tuple[str, str, int]] = []

    def fetch(url: str) -> None:
        with urllib.request.urlopen(url, timeout=10) as answer:
            pages.append((answer.headers["Content-Type"], answer.read().decode("utf-8"), 200))
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url + "bilder/1/1.png", timeout=10)
        pages.append(("", "", missing.value.code))

    scripted(monkeypatch, [fetch])
    result = invoke(project, "demo", "--port", "0")

    assert result.exit_code == 0, result.output
    (kind, page, _), (_, _, code) = pages
    assert kind == "text/html; charset=utf-8"
    assert '<html lang="nb">' in page and "<h1>" in page and "Problemer</h2>" in page
    assert code == 404  # no LibreOffice here: no thumbnail


def test_a_port_in_use_is_an_error_in_bokmal_with_exit_1(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke(project, "demo", "--port", str(port))
    assert result.exit_code == 1
    assert result.output == (
        f"feil: porten {port} på 127.0.0.1 er i bruk (kjører deckgen watch allerede?); velg en "
        "annen med --port, eller --port 0 for en ledig\n"
    )
    assert not (project / "build").exists()


def test_an_unknown_name_stops_before_anything_starts(project: Path) -> None:
    result = invoke(project, "dmeo", "--port", "0")
    assert result.exit_code == 1
    assert result.output.startswith(
        "feil: ukjent presentasjon eller rapport «dmeo» (mente du «demo»?)"
    )


def test_the_server_listens_on_127_0_0_1_only() -> None:
    server = start_server(WatchState("x"), 0)
    try:
        host, port = server.server_address[:2]
        assert (host, server.socket.family) == ("127.0.0.1", socket.AF_INET)
        assert status(f"http://127.0.0.1:{port}/")["name"] == "x"
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: it picks the outward address
            outward = probe.getsockname()[0]
        if outward.startswith("127."):
            pytest.skip("this machine has no address but the loopback one")
        with pytest.raises(OSError):
            socket.create_connection((outward, port), timeout=2).close()
    finally:
        server.shutdown()
        server.server_close()


def test_a_build_older_than_the_shown_thumbnails_never_replaces_them() -> None:
    state = WatchState("x")
    state.drawn(3, {1: b"tre"}, ["A"])
    state.drawn(2, {1: b"to"}, ["A"])
    assert (state.picture(3, 1), state.picture(2, 1)) == (b"tre", None)
    state.drawn(4, {}, [], "miniatyrbildene kunne ikke lages: x")
    assert state.picture(3, 1) == b"tre"
    assert json.loads(state.as_json())["thumbnails_error"] == "miniatyrbildene kunne ikke lages: x"


def test_output_hidden_and_lock_files_start_no_rebuild(tmp_path: Path) -> None:
    (tmp_path / "decks").mkdir()
    keep = run.watched(Project(tmp_path), tmp_path / "build")
    modified = watchfiles.Change.modified
    assert keep(modified, str(tmp_path / "content" / "demo.md"))
    assert keep(modified, str(tmp_path / "content" / "tabeller" / "t.csv"))
    assert not keep(modified, str(tmp_path / "build" / "demo.pptx"))
    assert not keep(modified, str(tmp_path / "build" / ".demo.pptx.x1y2"))
    assert not keep(modified, str(tmp_path / "content" / "~$demo.pptx"))
    assert not keep(modified, str(tmp_path / ".git" / "index"))


def test_kept_yaml_is_read_again_when_the_file_changes_and_cannot_be_changed_by_a_reader(
    tmp_path: Path,
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    yamlload.keep_parsed(True)
    try:
        first, _ = yamlload.load_yaml(path)
        first["a"] = 99
        assert yamlload.load_yaml(path)[0] == {"a": 1}
        path.write_text("a: 22\n", encoding="utf-8")
        assert yamlload.load_yaml(path)[0] == {"a": 22}
    finally:
        yamlload.keep_parsed(False)


def test_each_drawn_page_goes_with_its_slide_and_a_continued_one_with_the_slide_before() -> None:
    entries = [{"title": title} for title in ("Forside", "Levekår", "Tall", "Borte", "Slutt")]
    pages = ["Forside", "Levekår", "Levekår (forts.)", "Tall", "Tall (forts.)", "Slutt"]
    assert assign_pages(pages, entries) == [0, 1, 1, 2, 2, 4]
    assert assign_pages([], entries) == []


def test_the_page_data_places_the_thumbnails_and_names_them_by_their_slide_titles() -> None:
    state = WatchState("x")
    state.succeeded(
        1,
        [
            {"number": 1, "title": "Forside", "kind": "tittel", "lines": []},
            {"number": 2, "title": "Tall", "kind": "tabell", "lines": []},
        ],
        [],
        [],
    )
    state.drawn(1, {1: b"1", 2: b"2", 3: b"3"}, ["Forside", "Tall", "Tall (forts.)"])
    data = json.loads(state.as_json())
    assert data["pages"] == [
        {"number": 1, "title": "Forside", "slide": 0},
        {"number": 2, "title": "Tall", "slide": 1},
        {"number": 3, "title": "Tall (forts.)", "slide": 1},
    ]
    assert data["thumbnails_current"]
    state.drawn(2, {1: b"1", 2: b"2"}, [])  # a report's pages: no titles, shown on their own
    assert [page["slide"] for page in json.loads(state.as_json())["pages"]] == [None, None]


def test_help_loads_neither_watchfiles_nor_the_server(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom deckgen import cli\nsys.argv = ['deckgen', '--help']\ntry:\n"
        "    cli.main()\nexcept SystemExit as stop:\n    assert not stop.code, stop.code\n"
        "loaded = ('watchfiles', 'deckgen.watch.run', 'deckgen.watch.server', 'http.server')\n"
        "print(sorted(m for m in loaded if m in sys.modules))"
    )
    ran = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert "watch" in ran.stdout
    assert ran.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("accept", [False, True], ids=["stopper", "godta-avvik"])
def test_totals_that_do_not_add_up_stop_the_build_unless_accepted_as_in_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, accept: bool
) -> None:
    root = tmp_path / "ramme"
    shutil.copytree(TESTS / "roots" / "ramme-avvik", root)
    monkeypatch.setattr(thumbs, "missing_tools", lambda: thumbs.MISSING)
    seen: list[dict[str, Any]] = []
    scripted(monkeypatch, [lambda url: seen.append(status(url))])
    result = invoke(root, "ramme", "--port", "0", *(["--godta-avvik"] if accept else []))

    assert result.exit_code == 0, result.output
    (data,) = seen
    mismatch = next(p for p in data["problems"] if p["kind"] == "avvik")
    assert mismatch["where"] == "content/tabeller/ramme.csv:10"
    assert mismatch["message"].startswith("rad 10 «Ramme 2024–27», kolonne «2026»: oppgitt")
    assert data["ok"] is accept
    assert (root / "build" / "ramme.pptx").is_file() is accept
    assert f"avvik: {mismatch['where']}: {mismatch['message']}" in result.output.splitlines()


def test_the_brand_folder_is_watched_too_when_it_lies_outside_the_project(tmp_path: Path) -> None:
    project = Project(tmp_path)
    assert run.folders(project, None) == (tmp_path,)
    assert run.folders(project, tmp_path / "brand" / "x") == (tmp_path,)
    assert run.folders(project, Path("/elsewhere/brand/x")) == (
        tmp_path,
        Path("/elsewhere/brand/x"),
    )


def test_the_page_asking_for_the_next_version_gets_it_as_soon_as_a_build_starts() -> None:
    state = WatchState("x")
    server = start_server(state, 0)
    url = f"http://127.0.0.1:{server.server_port}/status.json?etter="
    try:
        with urllib.request.urlopen(url + "-1", timeout=10) as answer:  # differs: at once
            assert json.loads(answer.read())["version"] == 0
        waited: list[dict[str, Any]] = []
        asking = threading.Thread(
            target=lambda: waited.append(json.loads(urllib.request.urlopen(url + "0").read()))
        )
        asking.start()
        asking.join(0.5)
        assert asking.is_alive()  # nothing has changed: the answer waits
        state.started()
        asking.join(10)
        assert [(data["version"], data["building"], data["build"]) for data in waited] == [
            (1, True, 1)
        ]
    finally:
        server.shutdown()
        server.server_close()
