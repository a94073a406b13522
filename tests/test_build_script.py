"""`deckgen build` as a release script uses it (issue 17/18, a user test): an ignored SIGINT
stays ignored in the workers, paths are shown from the folder you stand in, value errors are
in bokmål, an unknown format is one usage error, an interrupted --all says what was and was
not built, a file that cannot be replaced is named for its real cause, and --json tells an
unchanged output from a rebuilt one."""

from __future__ import annotations

import enum
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated, Literal

import pytest
import typer

from deckgen.clitext import NorwegianCommand, UsageError, usage_error

from .conftest import REPO, TESTS, run_deckgen

SLOW_BUILDS = """
import sys, time
from pathlib import Path
from deckgen import buildrun
from deckgen.writers import toc_pages
toc_pages.available = lambda: False
real = buildrun.build_one
marks = Path(sys.argv.pop(1))
def slow(*args):
    (marks / f"{args[1]}.startet").touch()
    time.sleep(%r.get(str(args[1]), 0))
    return real(*args)
buildrun.build_one = slow
sys.argv[0] = "deckgen"
from deckgen.cli import main
main()
"""
"""deckgen with every build (in whichever process) marking its start and taking longer."""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The corpus's small project with a second deck «andre»."""
    root = tmp_path / "prosjekt"
    shutil.copytree(TESTS / "feil" / "grunnlag", root)
    shutil.copy(root / "decks" / "demo.yaml", root / "decks" / "andre.yaml")
    return root


def start_slow(
    project: Path, marks: Path, seconds: dict[str, float], *args: str, ignore_sigint: bool = False
) -> subprocess.Popen[str]:
    """deckgen ARGS in a session of its own, each build marking its start in marks and taking
    seconds[name] longer."""
    marks.mkdir(exist_ok=True)

    def before() -> None:
        if ignore_sigint:  # as `trap '' INT` does in a shell script
            signal.signal(signal.SIGINT, signal.SIG_IGN)

    return subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILDS % seconds, str(marks), *args],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "DECKGEN_CACHE": str(marks / "cache")},
        start_new_session=True,
        preexec_fn=before,
    )


def wait_for(marks: Path, count: int, process: subprocess.Popen[str]) -> None:
    """Wait until count builds have started."""
    deadline = time.monotonic() + 60
    while len(list(marks.glob("*.startet"))) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the builds never started"
        time.sleep(0.02)


def test_an_ignored_sigint_stays_ignored_in_the_worker_processes(
    project: Path, tmp_path: Path
) -> None:
    marks = tmp_path / "merker"
    args = ("build", "--all", "-j", "2", "--force")
    delays = {"andre": 1.5, "demo": 1.5, "rapport": 1.5}
    process = start_slow(project, marks, delays, *args, ignore_sigint=True)
    wait_for(marks, 2, process)
    os.killpg(process.pid, signal.SIGINT)  # the whole group, as `kill -INT 0` in the script
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert stdout.splitlines() == [
        "skrev build/andre.pptx (4 lysbilder)",
        "skrev build/demo.pptx (4 lysbilder)",
        "skrev build/rapport.docx",
    ]


def test_a_stop_partway_through_all_says_what_was_written_and_what_was_not_built(
    project: Path, tmp_path: Path
) -> None:
    build = project / "build"
    build.mkdir()
    (build / "andre.pptx").write_bytes(b"gammel")
    marks = tmp_path / "merker"
    args = ("build", "--all", "-j", "2", "--json")
    process = start_slow(project, marks, {"andre": 60}, *args)
    deadline = time.monotonic() + 60
    while not ((build / "demo.pptx").exists() and (build / "rapport.docx").exists()):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the quick builds never finished"
        time.sleep(0.05)
    time.sleep(1)  # their outcomes are back in the main process
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.splitlines()[-1] == (
        "avbrutt; ferdig og skrevet: build/demo.pptx, build/rapport.docx; ikke bygget: andre "
        "(filene fra før er urørt)"
    )
    summary = json.loads(stdout)
    assert summary["exit_code"] == 130
    assert [output["path"] for output in summary["outputs"]] == [
        "build/demo.pptx",
        "build/rapport.docx",
    ]
    assert summary["not_built"] == ["andre"]
    assert (build / "andre.pptx").read_bytes() == b"gammel"


def test_paths_are_shown_from_the_folder_you_stand_in_also_outside_the_project(
    project: Path, tmp_path: Path, no_libreoffice: str
) -> None:
    beside = tmp_path / "annet"
    beside.mkdir()
    result = run_deckgen("build", "demo", "-p", "../prosjekt", cwd=beside)
    assert result.stdout == "skrev ../prosjekt/build/demo.pptx (4 lysbilder)\n", result.stderr
    given = run_deckgen(
        "build", "demo", "-p", "../prosjekt", "-o", "../prosjekt/ut3", "--json", cwd=beside
    )
    assert json.loads(given.stdout)["outputs"][0]["path"] == "../prosjekt/ut3/demo.pptx"
    elsewhere = tmp_path / "et annet sted"
    absolute = run_deckgen("build", "demo", "-p", "../prosjekt", "-o", str(elsewhere), cwd=beside)
    assert absolute.stdout == f"skrev {elsewhere.as_posix()}/demo.pptx (4 lysbilder)\n"


def test_a_value_that_is_not_a_whole_number_is_a_usage_error_in_bokmal(project: Path) -> None:
    result = run_deckgen("build", "--all", "-j", "abc", cwd=project)
    assert result.returncode == 3
    assert result.stderr.splitlines()[-1] == (
        "feil: ugyldig verdi for --jobber / -j: må være et helt tall, ikke «abc»"
    )


class Colour(enum.Enum):
    """A choice as an enum."""

    RED = "rod"
    BLUE = "bla"


options_app = typer.Typer()


@options_app.command(cls=NorwegianCommand)
def command(
    tall: Annotated[float, typer.Option("--tall")] = 1.0,
    farge: Annotated[Colour, typer.Option("--farge")] = Colour.RED,
    side: Annotated[Literal["a", "b"], typer.Option("--side")] = "a",
    fil: Annotated[Path | None, typer.Option("--fil", exists=True)] = None,
) -> None:
    """A command with options of every common kind."""


def test_typer_value_conversion_errors_are_in_bokmal(tmp_path: Path) -> None:
    """The common kinds: a number, a choice (an enum or a Literal) and a path that must exist."""

    def error(*args: str) -> str:
        with pytest.raises(UsageError) as caught:
            typer.main.get_command(options_app).main(list(args), standalone_mode=False)
        return usage_error(caught.value)[-1]

    assert error("--tall", "x") == "feil: ugyldig verdi for --tall: må være et tall, ikke «x»"
    assert (
        error("--farge", "gul")
        == "feil: ugyldig verdi for --farge: må være rod eller bla, ikke «gul»"
    )
    assert error("--side", "c") == "feil: ugyldig verdi for --side: må være a eller b, ikke «c»"
    missing = tmp_path / "borte.txt"
    assert error("--fil", str(missing)) == f"feil: ugyldig verdi for --fil: «{missing}» finnes ikke"


def test_an_unknown_format_with_all_is_one_usage_error_before_anything_is_built(
    project: Path,
) -> None:
    result = run_deckgen("build", "--all", "--format", "xlsx", "--json", cwd=project)
    assert result.returncode == 3
    assert result.stderr.splitlines()[-1] == (
        "feil: ugyldig verdi for --format / -f: ukjent format «xlsx»; bruk pptx, docx eller pdf"
    )
    assert result.stderr.count("xlsx") == 1
    assert result.stdout == ""
    assert not (project / "build").exists()
