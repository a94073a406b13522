"""Stopping a build (SIGINT, SIGTERM) and where builds write.

An interrupted build leaves the outputs all as they were or all new, no temporary files, no
LibreOffice running and nothing in the temp folder or in /tmp; it exits 130 (SIGINT) or 143
(SIGTERM) with a Norwegian line. The default output folder is build/ in the project root.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from deckgen.errors import DeckgenError
from deckgen.output import write_all_atomic
from deckgen.writers import toc_pages

from .conftest import REPO, TESTS, run_deckgen

BASE = TESTS / "feil" / "grunnlag"
DECK_FILES = ("demo.pptx", "demo.docx")
REPORT_FILES = ("rapport.docx",)
EARLIER = {
    "demo.pptx": b"tidligere bygget presentasjon",
    "demo.docx": b"tidligere bygget kapittel",
    "rapport.docx": b"tidligere bygget rapport",
}
NOTHING_CHANGED = "avbrutt; ingen filer er endret\n"
KERNEL_THREAD = 0x00200000
"""PF_KTHREAD in the flags of /proc/<pid>/stat."""

needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="trenger /proc")
needs_office = pytest.mark.skipif(not toc_pages.available(), reason="LibreOffice mangler")


class Stop(BaseException):
    """What the test's own SIGTERM handler raises (as deckgen's command line does)."""


@pytest.fixture
def sigterm_raises_stop():  # type: ignore[no-untyped-def]
    """Make SIGTERM raise Stop in this process for the length of a test."""

    def handler(_signum: int, _frame: object) -> None:
        raise Stop

    previous = signal.signal(signal.SIGTERM, handler)
    yield
    signal.signal(signal.SIGTERM, previous)


def old_files(folder: Path) -> dict[Path, bytes]:
    """Put two earlier outputs in a folder and return what the build will write over them."""
    folder.mkdir()
    (folder / "a.pptx").write_bytes(b"gammel presentasjon")
    (folder / "a.docx").write_bytes(b"gammelt kapittel")
    return {folder / "a.pptx": b"ny presentasjon", folder / "a.docx": b"nytt kapittel"}


def contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_signal_between_two_renames_waits_until_every_file_is_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sigterm_raises_stop: None
) -> None:
    files = old_files(tmp_path / "ut")
    real_replace = os.replace
    signalled: list[str] = []

    def replace_then_signal(source: str | Path, target: str | Path) -> None:
        real_replace(source, target)
        if Path(target) in files and not signalled:
            signalled.append(str(target))
            os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(os, "replace", replace_then_signal)
    with pytest.raises(Stop):
        write_all_atomic(files)
    assert signalled
    assert contents(tmp_path / "ut") == {"a.docx": b"nytt kapittel", "a.pptx": b"ny presentasjon"}


def test_a_signal_just_after_a_temporary_file_is_made_leaves_no_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sigterm_raises_stop: None
) -> None:
    files = old_files(tmp_path / "ut")
    real_mkstemp = tempfile.mkstemp
    made: list[str] = []

    def mkstemp_then_signal(*args: object, **kwargs: object) -> tuple[int, str]:
        handle, name = real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]
        made.append(name)
        if len(made) == 2:
            os.kill(os.getpid(), signal.SIGTERM)
        return handle, name

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_signal)
    with pytest.raises(Stop):
        write_all_atomic(files)
    assert len(made) == 2
    assert contents(tmp_path / "ut") == {
        "a.docx": b"gammelt kapittel",
        "a.pptx": b"gammel presentasjon",
    }


def test_a_stop_signal_lost_in_library_code_still_stops_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from deckgen.output import Interrupted, signals_interrupt

    files = old_files(tmp_path / "ut")

    class LosesTheSignal:
        """Its __del__ is where the signal's Interrupted is raised, and Python drops it there
        («Exception ignored in …»), as some C libraries do."""

        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(1000):  # the handler runs at one of these steps
                pass

    with pytest.raises(Interrupted) as caught, signals_interrupt():
        LosesTheSignal()
        write_all_atomic(files)
    assert caught.value.signum == signal.SIGTERM
    assert contents(tmp_path / "ut") == {
        "a.docx": b"gammelt kapittel",
        "a.pptx": b"gammel presentasjon",
    }
    assert capsys.readouterr().err == ""


def test_a_stop_signal_that_surfaces_as_a_validation_error_stops_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A signal handled inside pydantic's validation can come out as a validation error; the
    build must then say «avbrutt», not report a wrong value in a file that is right."""
    from deckgen import output
    from deckgen.config.schema import validate
    from deckgen.data.spec import TableSpec
    from deckgen.output import Interrupted

    monkeypatch.setattr(output, "_stopping", [signal.SIGINT])
    with pytest.raises(Interrupted):
        validate(TableSpec, {"ukjent": 1}, None, tmp_path / "t.yaml")
    monkeypatch.setattr(output, "_stopping", [])
    with pytest.raises(DeckgenError):
        validate(TableSpec, {"ukjent": 1}, None, tmp_path / "t.yaml")


def test_a_failed_rename_puts_back_the_files_renamed_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = old_files(tmp_path / "ut")
    real_replace = os.replace

    def refuse_the_docx(source: str | Path, target: str | Path) -> None:
        if Path(target).name == "a.docx":
            raise OSError(errno.EIO, "Input/output error")  # (a locked file: test_locked_output.py)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", refuse_the_docx)
    with pytest.raises(DeckgenError) as caught:
        write_all_atomic(files)
    assert [p.message for p in caught.value.problems] == [
        "kan ikke skrive filen (lese- eller skrivefeil på disken); er den åpen i et annet program?"
    ]
    assert contents(tmp_path / "ut") == {
        "a.docx": b"gammelt kapittel",
        "a.pptx": b"gammel presentasjon",
    }


def test_building_from_a_sub_folder_writes_build_in_the_project_root(tmp_path: Path) -> None:
    project = tmp_path / "prosjekt"
    shutil.copytree(BASE, project)
    result = run_deckgen("build", "demo", cwd=project / "content" / "tabeller")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "skrev ../../build/demo.pptx (4 lysbilder)\n"
    assert sorted(p.name for p in (project / "build").iterdir()) == ["demo.pptx"]
    assert not (project / "content" / "tabeller" / "build").exists()
    assert sorted(p.name for p in project.iterdir()) == [
        "build",
        "content",
        "deckgen.yaml",
        "decks",
        "reports",
    ]


def test_a_folder_with_only_reports_is_a_project(tmp_path: Path) -> None:
    project = tmp_path / "prosjekt"
    shutil.copytree(BASE, project)
    shutil.rmtree(project / "decks")
    result = run_deckgen("check", "rapport", cwd=project / "content")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "rapport: alt stemmer (1 kapittel)\n"


# --- real builds, stopped by real signals -------------------------------------------------


def make_project(folder: Path) -> Path:
    """The corpus base project, its deck with a Word chapter (two outputs)."""
    shutil.copytree(BASE, folder)
    with (folder / "decks" / "demo.yaml").open("a", encoding="utf-8") as deck:
        deck.write("kapittel:\n  - rapport.md\n")
    return folder


def processes_of(tag: str, others: set[int] | None = None) -> list[int]:
    """Live processes whose command line or environment names tag (the build's own TMPDIR).

    others, when given, collects the processes found not to name it – kernel threads, those
    it may not read, and those with an environment without it – which are then not read
    again: a process that is not the build's never becomes one (the build's new processes,
    even just forked, are new pids that inherit the tag), and reading every process 200 times
    a second costs a core."""
    found = []
    marker = tag.encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        if others is not None and int(entry.name) in others:
            continue
        pid = int(entry.name)
        try:
            stat = (entry / "stat").read_text(encoding="utf-8", errors="replace")
            state, *fields = stat[stat.rindex(")") + 2 :].split()
            if state in "ZX":
                continue
            if int(fields[5]) & KERNEL_THREAD:
                if others is not None:
                    others.add(pid)
                continue
            environ = (entry / "environ").read_bytes()
            if marker in (entry / "cmdline").read_bytes() or marker in environ:
                found.append(pid)
            elif others is not None and environ:
                others.add(pid)
        except PermissionError:
            if others is not None:
                others.add(pid)
        except (OSError, ValueError, IndexError):
            continue
    return found


def listening_sockets(pids: list[int]) -> set[str]:
    """The paths of the Unix sockets these processes hold open."""
    inodes = set()
    for pid in pids:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
                if link.startswith("socket:["):
                    inodes.add(link[8:-1])
        except OSError:
            continue
    if not inodes:
        return set()
    paths = set()
    for line in Path("/proc/net/unix").read_text(encoding="utf-8").splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 8 and fields[6] in inodes and fields[7].startswith("/"):
            paths.add(fields[7])
    return paths


class Watcher(threading.Thread):
    """Notes, while a build runs, every socket file its processes (LibreOffice) make."""

    def __init__(self, tag: str) -> None:
        super().__init__(daemon=True)
        self.tag = tag
        self.sockets: set[str] = set()
        self.others: set[int] = set()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.sockets |= listening_sockets(processes_of(self.tag, self.others))
            time.sleep(0.005)

    def finish(self) -> set[str]:
        self.done.set()
        self.join()
        return self.sockets


def handles_sigterm(pid: int) -> bool:
    """Whether a process has a handler for SIGTERM (deckgen installs its own as it starts)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return False
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) & (1 << (signal.SIGTERM - 1)))


def start_build(
    project: Path, name: str, out: Path, scratch: Path
) -> tuple[subprocess.Popen[str], Watcher]:
    """Start `deckgen build name` with its own TMPDIR; return once deckgen handles SIGTERM.

    Before that (the first tenth of a second, while Python loads) a signal ends Python the
    usual way, before deckgen has started anything.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "deckgen", "build", name, "--prosjekt", str(project)]
        + ["--out", str(out)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(scratch)},
    )
    watcher = Watcher(str(scratch))
    watcher.start()
    deadline = time.monotonic() + 20
    while not handles_sigterm(process.pid):
        assert process.poll() is None, "deckgen ended before it handled SIGTERM"
        assert time.monotonic() < deadline, "deckgen never installs a SIGTERM handler"
        time.sleep(0.002)
    return process, watcher


def leftovers(watcher: Watcher, scratch: Path) -> list[str]:
    """What a finished build left: processes still running, sockets, files in its TMPDIR."""
    sockets = watcher.finish()
    found = [f"prosess {pid} kjører fortsatt" for pid in processes_of(str(scratch))]
    found += [f"socket {path} ligger igjen" for path in sorted(sockets) if os.path.lexists(path)]
    found += [f"{path.name} ligger igjen i TMPDIR" for path in sorted(scratch.iterdir())]
    return found


@dataclass
class Versions:
    """A project, earlier outputs, the outputs of a clean build, and how long each took."""

    project: Path
    old: dict[str, bytes]
    new: dict[str, bytes]
    seconds: dict[str, float]


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Versions:
    root = tmp_path_factory.mktemp("avbrudd")
    project = make_project(root / "prosjekt")
    started = time.monotonic()
    builds = {name: start_plain_build(project, name, root / "ut") for name in ("demo", "rapport")}
    seconds: dict[str, float] = {}
    while len(seconds) < len(builds):
        assert time.monotonic() - started < 120, "the clean builds take too long"
        time.sleep(0.01)
        for name, build in builds.items():
            if build.poll() is not None and name not in seconds:
                seconds[name] = time.monotonic() - started
    for build in builds.values():
        assert build.returncode == 0, build.communicate()[1]
    new = contents(root / "ut")
    assert sorted(new) == sorted(EARLIER)
    return Versions(project, EARLIER, new, seconds)


def start_plain_build(project: Path, name: str, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "deckgen", "build", name, "--prosjekt", str(project)]
        + ["--out", str(out)],
        cwd=REPO,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def prepare(versions: Versions, folder: Path) -> tuple[Path, Path]:
    """An output folder holding the old outputs, and an empty TMPDIR."""
    out, scratch = folder / "ut", folder / "tmp"
    out.mkdir(parents=True)
    scratch.mkdir()
    for name, data in versions.old.items():
        (out / name).write_bytes(data)
    return out, scratch


@pytest.mark.libreoffice
@needs_proc
@needs_office
def test_sigint_while_libreoffice_runs_ends_it_and_removes_everything(
    versions: Versions, tmp_path: Path
) -> None:
    out, scratch = prepare(versions, tmp_path)
    process, watcher = start_build(versions.project, "rapport", out, scratch)
    deadline = time.monotonic() + 60
    while not watcher.sockets:  # LibreOffice is up: its single-instance socket exists
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "LibreOffice never started"
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (130, NOTHING_CHANGED)
    assert contents(out) == versions.old
    assert leftovers(watcher, scratch) == []


def stop_one_build(
    versions: Versions, folder: Path, name: str, signum: signal.Signals, delay: float
) -> list[str]:
    """Start a build, signal it after delay seconds, and return what is wrong afterwards."""
    outputs = DECK_FILES if name == "demo" else REPORT_FILES
    out, scratch = prepare(versions, folder)
    process, watcher = start_build(versions.project, name, out, scratch)
    time.sleep(delay)
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=60)
    found = contents(out)
    new = [f for f in outputs if found.get(f) == versions.new[f]]
    problems = leftovers(watcher, scratch)
    if sorted(found) != sorted(versions.old):
        problems.append(f"utmappen har {sorted(found)}")
    elif new not in ([], list(outputs)):
        problems.append(f"bare {new} er nye")
    elif any(found[f] != versions.old[f] for f in found if f not in new):
        problems.append("en fil er verken gammel eller ny")
    elif not new and (process.returncode, stderr) != (128 + signum, NOTHING_CHANGED):
        problems.append(f"gamle filer, men kode {process.returncode}: {stderr!r}")
    elif new and process.returncode == 128 + signum:
        if not stderr.startswith("avbrutt etter at bygget var ferdig; filene er skrevet: "):
            problems.append(f"nye filer, kode {process.returncode}: {stderr!r}")
    elif new and process.returncode not in (0, -signum):  # -signum: at exit, after the build
        problems.append(f"nye filer, kode {process.returncode}: {stderr!r} {stdout!r}")
    return [f"{name}, {signum.name} etter {delay:.2f} s: {p}" for p in problems]


@pytest.mark.libreoffice
@needs_proc
@needs_office
def test_builds_stopped_at_random_moments_leave_old_or_new_files_and_nothing_else(
    versions: Versions, tmp_path: Path
) -> None:
    chance = random.Random(10)
    runs = []
    for number in range(18):
        name = "demo" if number < 12 else "rapport"
        signum = (signal.SIGINT, signal.SIGTERM)[number % 2]
        delay = chance.uniform(0, versions.seconds[name])
        runs.append((tmp_path / str(number), name, signum, delay))
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = pool.map(lambda run: stop_one_build(versions, *run), runs)
        problems = [problem for run in found for problem in run]
    assert problems == []
