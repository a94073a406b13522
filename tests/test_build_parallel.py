"""`deckgen build` of several documents (issue 17/18): built side by side in worker processes,
printed in the order of the names whatever order they finish in, the worst exit code, skipped
when unchanged, and a stop signal leaves nothing half-written or running."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deckgen import buildrun

from .conftest import REPO, TESTS, run_deckgen
from .test_interrupts import Watcher, leftovers, needs_office, needs_proc

BROKEN_DECK = "tittel: Feiltest\ndato: 2024-04-24\ninnhold: [demo.md\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The corpus's small project with a second deck «andre» (built first: names are sorted)."""
    root = tmp_path / "prosjekt"
    shutil.copytree(TESTS / "feil" / "grunnlag", root)
    shutil.copy(root / "decks" / "demo.yaml", root / "decks" / "andre.yaml")
    return root


def record_builds(monkeypatch: pytest.MonkeyPatch, log: Path, slow: str | None = None) -> None:
    """Each build (in whichever process) appends «name pid» to log as it ends; slow is built
    2,5 s slower, so it ends last."""
    real = buildrun.build_one

    def build_one(*args: object) -> object:
        name = str(args[1])
        if name == slow:
            time.sleep(2.5)
        outcome = real(*args)  # type: ignore[arg-type]
        with log.open("a", encoding="utf-8") as stream:
            stream.write(f"{name} {os.getpid()}\n")
        return outcome

    monkeypatch.setattr(buildrun, "build_one", build_one)


def test_build_all_builds_in_worker_processes_and_prints_in_name_order(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_libreoffice: str
) -> None:
    log = tmp_path / "bygg.log"
    record_builds(monkeypatch, log, slow="andre")
    result = run_deckgen("build", "--all", "--jobber", "2", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "skrev build/andre.pptx (4 lysbilder)",
        "skrev build/demo.pptx (4 lysbilder)",
        "skrev build/rapport.docx",
    ]
    assert result.stderr.splitlines() == [no_libreoffice]
    ended = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    assert [name for name, _ in ended][-1] == "andre", "the slow first build ended last"
    pids = {int(pid) for _, pid in ended}
    assert os.getpid() not in pids
    assert len(pids) == 2


def test_one_job_or_one_document_builds_in_this_process(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_libreoffice: str
) -> None:
    log = tmp_path / "bygg.log"
    record_builds(monkeypatch, log)
    assert run_deckgen("build", "andre", "demo", "-j", "1", cwd=project).returncode == 0
    assert run_deckgen("build", "rapport", cwd=project).returncode == 0
    pids = {int(line.split()[1]) for line in log.read_text(encoding="utf-8").splitlines()}
    assert pids == {os.getpid()}


def test_a_broken_document_gives_the_worst_exit_code_and_the_others_are_built(
    project: Path, no_libreoffice: str
) -> None:
    (project / "decks" / "andre.yaml").write_text(BROKEN_DECK, encoding="utf-8")
    result = run_deckgen("build", "--all", "-j", "2", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("feil: decks/andre.yaml:3: YAML-syntaksfeil")
    assert result.stdout.splitlines() == [
        "skrev build/demo.pptx (4 lysbilder)",
        "skrev build/rapport.docx",
    ]


def test_unchanged_documents_are_not_built_again(
    project: Path, monkeypatch: pytest.MonkeyPatch, no_libreoffice: str
) -> None:
    first = run_deckgen("build", "--all", cwd=project)
    assert first.returncode == 0, first.stderr

    def must_not_build(*args: object) -> None:
        raise AssertionError(f"built again: {args[1]}")

    monkeypatch.setattr(buildrun, "build_one", must_not_build)
    again = run_deckgen("build", "--all", cwd=project)
    assert (again.returncode, again.stderr) == (0, first.stderr)
    assert again.stdout == first.stdout.replace("skrev ", "uendret ")


def test_jobber_must_be_at_least_one(project: Path) -> None:
    result = run_deckgen("build", "--all", "-j", "0", cwd=project)
    assert result.returncode == 3
    assert (
        result.stderr.splitlines()[-1]
        == "feil: ugyldig verdi for --jobber / -j: må være minst 1, ikke 0"
    )


@pytest.mark.libreoffice
@needs_proc
@needs_office
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_signal_ends_every_worker_and_leaves_old_or_new_files(
    project: Path, tmp_path: Path, signum: signal.Signals
) -> None:
    """SIGINT goes to the whole process group (Ctrl+C); SIGTERM only to deckgen, which passes
    it on to its workers."""
    out, scratch = tmp_path / "ut", tmp_path / "tmp"
    out.mkdir()
    scratch.mkdir()
    old = {"andre.pptx": b"gammel", "demo.pptx": b"gammel", "rapport.docx": b"gammel"}
    for name, data in old.items():
        (out / name).write_bytes(data)
    for extra in ("en", "to"):  # more reports than workers: some wait for a free worker
        shutil.copy(project / "reports" / "rapport.yaml", project / "reports" / f"{extra}.yaml")
    process = subprocess.Popen(
        [sys.executable, "-m", "deckgen", "build", "--all", "-j", "2", "--out", str(out)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(scratch)},
        start_new_session=True,
    )
    watcher = Watcher(str(scratch))
    watcher.start()
    deadline = time.monotonic() + 60
    while len(watcher.sockets) < 2:  # a LibreOffice is up in a worker
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "LibreOffice never started"
        time.sleep(0.01)
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, stderr
    assert stderr.splitlines()[-1].startswith("avbrutt"), stderr
    last = stderr.splitlines()[-1]
    written = last.partition("filene er skrevet: ")[2] or last.partition("ferdig og skrevet: ")[2]
    named = written.partition("; ikke bygget: ")[0].split(", ")
    assert len(named) == len(set(named)), stderr
    assert leftovers(watcher, scratch) == []
    found = {p.name for p in out.iterdir()}
    assert set(old) <= found <= {*old, "en.docx", "to.docx"}, "no temporary file is left"


def run_with_terminal_stderr(project: Path, *args: str) -> tuple[int, str, str]:
    """Run deckgen with stderr on a terminal (a pty) and stdout on a pipe."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "deckgen", *args],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=follower,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "80", "TERM": "xterm"},
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    stdout, _ = process.communicate(timeout=120)
    os.close(leader)
    return process.returncode, stdout, seen.decode("utf-8", errors="replace")


def test_a_progress_bar_on_a_terminal_while_several_documents_are_built(project: Path) -> None:
    code, stdout, terminal = run_with_terminal_stderr(project, "build", "--all", "-j", "2")
    assert code == 0, terminal
    assert stdout.splitlines()[:2] == [
        "skrev build/andre.pptx (4 lysbilder)",
        "skrev build/demo.pptx (4 lysbilder)",
    ]
    assert "bygger" in terminal and "━" in terminal
    quiet = run_with_terminal_stderr(project, "build", "--all", "--quiet", "--force")
    assert (quiet[0], quiet[1]) == (0, "")
    assert "bygger" not in quiet[2]
