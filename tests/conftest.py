"""Shared fixtures: the sample projects under tests/roots/, the real repository, and
run_deckgen, which runs the command line in-process as `python -m deckgen` would run it."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import io
import json
import os
import shutil
import signal
import sys
import tempfile
import types
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
ROOTS = TESTS / "roots"

if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    # pytest started as a background job: its children would inherit an ignored SIGINT, which
    # deckgen keeps ignored, and the tests that stop builds with Ctrl+C would test nothing.
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """With pytest-xdist's default `--dist load`: a test file that defines a module-scoped
    fixture (a build its tests only read) goes whole to one worker, so the fixture is made
    once, not once per worker; every other test is sent on its own. (xdist's own
    `--dist loadgroup` no longer groups anything with pytest 9.)"""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    shared = {
        path.relative_to(config.rootpath).as_posix()
        for path in TESTS.glob("test_*.py")
        if 'scope="module"' in path.read_text(encoding="utf-8")
    }

    class SharedFixtureScheduling(LoadScopeScheduling):
        """Whole files where tests share a module fixture; single tests elsewhere. Larger
        units go out first (xdist's loadscope order), so they do not end the run."""

        def _split_scope(self, nodeid: str) -> str:
            file = nodeid.split("::")[0]
            return file if file in shared else nodeid

    return SharedFixtureScheduling(config, log)


@pytest.fixture
def root_copy(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Copy a sample project to a temporary folder and return its path."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(ROOTS / name, target)
        return target

    return copy


@pytest.fixture
def no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> str:
    """Builds run as on a machine without LibreOffice, for tests where a report's page numbers
    are not the point (measuring them takes LibreOffice a second or two); returns the note
    such a build prints."""
    from deckgen.writers import toc_pages

    monkeypatch.setattr(toc_pages, "available", lambda: False)
    return (
        "merk: innholdsfortegnelsen har ingen sidetall (LibreOffice finnes ikke på denne "
        "maskinen); Word fyller dem inn når dokumentet åpnes"
    )


@dataclass(frozen=True)
class Shipped:
    """A deck or report of the repository as built once for the test run."""

    outputs: list[Path]
    slide_count: int


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Shipped]:
    """Build a shipped deck or report (hoau, haai, handlingsplan) once per test run and return
    what it wrote; the first pytest-xdist worker to ask builds it (under a file lock), the
    others wait and reuse it. Tests must only read the files."""
    from deckgen import pipeline
    from deckgen.project import Project

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, shared by its workers
    folder = root / "shipped"
    folder.mkdir(exist_ok=True)

    @functools.cache
    def build(name: str) -> Shipped:
        record = folder / f"{name}.json"
        with (folder / f"{name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not record.exists():
                result = pipeline.build(Project(REPO), name, folder / name)
                names = [path.name for path in result.outputs]
                record.write_text(json.dumps([names, result.slide_count]), encoding="utf-8")
        names, slide_count = json.loads(record.read_text(encoding="utf-8"))
        return Shipped([folder / name / file for file in names], slide_count)

    return build


# --- the command line, in-process -----------------------------------------------------------


@dataclass
class Ran:
    """What a deckgen command did: its exit code and what it printed (named as in
    subprocess.CompletedProcess, so a test can switch between the two)."""

    returncode: int
    stdout: str
    stderr: str


class Overran(BaseException):
    """A command ran past its time limit (a BaseException, so no `except Exception` hides it)."""


def run_deckgen(
    *args: str, cwd: Path = REPO, env: Mapping[str, str] | None = None, timeout: float = 120
) -> Ran:
    """Run `deckgen ARGS` in this process from the folder cwd, through cli.main – the code the
    `deckgen` script and `python -m deckgen` run – with stdout and stderr captured apart.

    The exit code is the process's: 0 when done, 1 for a user error, 2 (with the traceback on
    stderr) for a bug, 3 for a usage error. Python's own warnings are printed on stderr as a
    fresh `python -m deckgen` prints them (pytest would otherwise swallow them), the caches a
    fresh process would not have are emptied first, and env (default COLUMNS=200) is set
    for the run only; a TMPDIR in env is where deckgen's temporary files go. A command that
    runs past timeout seconds (a hang) fails the test instead of stopping the test run."""
    from deckgen import cli, output, textfit

    for value in vars(textfit).values():  # fonts and word widths, remembered by path
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()
    getattr(output, "_written", []).clear()  # the files «this process» has put in place
    stdout, stderr = io.BytesIO(), io.BytesIO()
    settings = {"COLUMNS": "200", **(env or {})}
    with _process_like(args, cwd, settings, stdout, stderr), _time_limit(timeout):
        try:
            cli.main()
            code = 0
        except SystemExit as stop:
            code = _exit_code(stop.code)
    return Ran(code, stdout.getvalue().decode("utf-8"), stderr.getvalue().decode("utf-8"))


@pytest.fixture
def deckgen_in_process():  # type: ignore[no-untyped-def]
    """run_deckgen as a fixture, for tests that prefer fixtures to imports."""
    return run_deckgen


def _exit_code(code: object) -> int:
    """The exit status Python gives a process that raised SystemExit(code)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise Overran in the running code if it takes longer than seconds (SIGALRM)."""

    def alarm(_signum: int, _frame: object) -> None:
        raise Overran(f"deckgen kjørte i mer enn {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _process_like(
    args: tuple[str, ...],
    cwd: Path,
    env: Mapping[str, str],
    stdout: io.BytesIO,
    stderr: io.BytesIO,
) -> Iterator[None]:
    """For the block: argv, __main__ and the working folder of `python -m deckgen ARGS`, its
    environment, fresh stdin/stdout/stderr, and Python's default warning filters."""
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_argv, saved_main = sys.argv, sys.modules["__main__"]
    saved_env = {name: os.environ.get(name) for name in env}
    saved_cwd, saved_tempdir = os.getcwd(), tempfile.tempdir
    main = types.ModuleType("__main__")  # click names the program after it: «python -m deckgen»
    main.__package__ = "deckgen"
    out = io.TextIOWrapper(stdout, encoding="utf-8", newline="\n", write_through=True)
    err = io.TextIOWrapper(
        stderr, encoding="utf-8", errors="backslashreplace", newline="\n", write_through=True
    )
    try:
        sys.stdin, sys.stdout, sys.stderr = io.StringIO(), out, err
        sys.argv = [str(REPO / "deckgen" / "__main__.py"), *args]
        sys.modules["__main__"] = main
        os.environ.update(env)
        if "TMPDIR" in env:
            tempfile.tempdir = env["TMPDIR"]
        os.chdir(cwd)
        with warnings.catch_warnings():
            _python_warning_defaults()
            yield
    finally:
        out.detach()  # flushes, and leaves the bytes readable when the wrapper goes
        err.detach()
        os.chdir(saved_cwd)
        tempfile.tempdir = saved_tempdir
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        sys.modules["__main__"] = saved_main
        sys.argv = saved_argv
        sys.stdin, sys.stdout, sys.stderr = saved_streams


def _python_warning_defaults() -> None:
    """The warning filters of a Python started without -W, and warnings printed to stderr."""
    warnings.resetwarnings()
    for category in (
        ResourceWarning,
        ImportWarning,
        PendingDeprecationWarning,
        DeprecationWarning,
    ):
        warnings.filterwarnings("ignore", category=category)
    warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")  # first

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: object = None,
        line: str | None = None,
    ) -> None:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))

    warnings.showwarning = show


@pytest.fixture(autouse=True, scope="session")
def _stamps_of_this_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Build stamps (deckgen/buildstamp.py) go to a folder of this test run, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DECKGEN_CACHE", str(tmp_path_factory.mktemp("stempler")))
        yield


@pytest.fixture(autouse=True)
def _stamps_of_this_test(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test starts without stamps: a build in one test is never skipped in another that
    has changed deckgen's behaviour with a monkeypatch."""
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path_factory.mktemp("stempler")))


@pytest.fixture(autouse=True, scope="session")
def _quick_run_without_libreoffice(request: pytest.FixtureRequest) -> Iterator[None]:
    """`pytest -m "not libreoffice"` starts no LibreOffice at all: reports are then built as on
    a machine without it (their page numbers are left to Word), also in tests not marked."""
    if "not libreoffice" not in (request.config.getoption("markexpr") or ""):
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("deckgen.writers.toc_pages.available", lambda: False)
        yield


def raise_source_total(project: Path) -> None:
    """Make the corpus project's source total 100 too high (a mismatch in okonomi.csv:4)."""
    csv = project / "content" / "tabeller" / "okonomi.csv"
    text = csv.read_text(encoding="utf-8")
    assert "Sum;2136994;2140128" in text
    csv.write_text(text.replace("Sum;2136994;2140128", "Sum;2136994;2140228"), encoding="utf-8")


@pytest.fixture
def mismatch(tmp_path: Path) -> Path:
    """The error corpus's base project with a source total that is 100 too high."""
    project = tmp_path / "p"
    shutil.copytree(TESTS / "feil" / "grunnlag", project)
    raise_source_total(project)
    return project
