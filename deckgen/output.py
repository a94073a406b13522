"""Atomic, reproducible saving: fixed zip timestamps, all-or-nothing writing, and signals
(SIGINT, SIGTERM) that stop a build through its cleanup instead of where it stands."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import IO, Any

from deckgen.errors import DeckgenError, Problem, SourceLocation, os_reason

LANGUAGE = "nb-NO"

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
"""The signals that stop a build: Ctrl+C, and what CI systems and `kill` send."""

_written: list[Path] = []
"""Every file this process has put in place, for the message when a signal stops it."""


def normalise_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed timestamps and attributes, keeping the entry order; a
    chart's embedded workbook is normalised too, without the clock time it was made at."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename.endswith(".xlsx"):
                content = normalise_zip(content)
            elif info.filename == "docProps/core.xml":
                content = CLOCK_DATES.sub(b"", content) if _is_workbook(source) else content
            target.writestr(entry, content)
    return out.getvalue()


CLOCK_DATES = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")
"""The creation and change times XlsxWriter stamps on a chart's workbook from the clock."""


def _is_workbook(package: zipfile.ZipFile) -> bool:
    """Whether a zip is an Excel workbook (a chart's embedded data), not the document itself."""
    return "xl/workbook.xml" in package.namelist()


class LockedFiles(DeckgenError):
    """Some existing files could not be replaced (no permission: on Windows, and with an Office
    lock file beside them, because another program holds them open); every other file of the
    build was written."""

    def __init__(self, locked: list[Path], written: list[Path]) -> None:
        super().__init__([Problem(None, locked_message(path)) for path in locked])
        self.locked = locked
        self.written = written
        self.result: Any = None
        """The pipeline's BuildResult: what was written and found (set by pipeline.build)."""


PROGRAMS = {".pptx": "PowerPoint", ".docx": "Word", ".pdf": "PDF-leseren"}
"""The program that typically holds an output file open, by extension."""

_refused: dict[Path, str] = {}
"""Why the operating system refused to replace a file (the last write's), in Norwegian."""


def on_windows() -> bool:
    """Whether this is Windows, where a file open in Office cannot be replaced."""
    return sys.platform == "win32"


def holder(path: Path) -> str | None:
    """The program that holds path open, when that is what keeps it from being replaced: on
    Windows the one for its kind (a refusal there is almost always Office); elsewhere only
    when the lock file the program leaves beside it is there (`~$name` from Office, of which
    Word drops the first letters of long names; `.~lock.name#` from LibreOffice)."""
    program = PROGRAMS.get(path.suffix.lower(), "programmet som har den åpen")
    if (path.parent / f".~lock.{path.name}#").exists():
        return "LibreOffice"
    if on_windows():
        return program
    office = {f"~${path.name}", f"~${path.name[1:]}", f"~${path.name[2:]}"}
    if any((path.parent / name).exists() for name in office):
        return program
    return None


def locked_message(path: Path, shown: str | None = None) -> str:
    """What to do about an output file that could not be replaced: close it in the program that
    holds it open, or, when no program does, what the operating system said."""
    shown = shown or path.as_posix()
    program = holder(path)
    if program is None:
        reason = _refused.get(path, "ingen tilgang")
        return f"kan ikke erstatte {shown} ({reason}); sjekk at filen og mappen kan skrives til"
    return f"{shown} er åpen i et annet program: lukk filen i {program} og prøv igjen"


def write_all_atomic(files: dict[Path, bytes]) -> None:
    """Write several files all or nothing: each is staged as a temporary file beside its target,
    then all are renamed into place together, with SIGINT and SIGTERM held until the last rename
    is done; if a rename fails, the files renamed before it are put back as they were. A file
    that exists and cannot be replaced for lack of permission is taken to be open in another
    program (Windows locks it): it is left as it was, every other file is written, and
    LockedFiles is raised."""
    staged: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            if path.is_dir():
                raise DeckgenError.at(SourceLocation(path), "det finnes en mappe med dette navnet")
            _stage(path, data, staged)
        with signals_held():
            check_stop()
            locked = _commit(staged)
            _written.extend(path for path in staged if path not in locked)
        if locked:
            raise LockedFiles(locked, [path for path in staged if path not in locked])
    finally:
        try:
            _remove(staged.values())
        except STOPPED:  # the first stop signal came just now: finish the cleaning, then stop
            _remove(staged.values())
            raise


def _remove(temporaries: Iterable[Path]) -> None:
    """Remove temporary files (those already renamed into place are gone)."""
    for temporary in temporaries:
        temporary.unlink(missing_ok=True)


def written_files() -> list[Path]:
    """The files this process has written (put in place) so far."""
    return list(_written)


def note_written(paths: Iterable[Path]) -> None:
    """Record files another process (a parallel build) has put in place, for the stop message."""
    _written.extend(paths)


_stop_report: list[str] = []
"""What a stopped `deckgen build` says it finished and did not build (set by the build)."""


def note_stop_report(text: str) -> None:
    """Remember the line a stopped build ends with (the command line prints it)."""
    _stop_report[:] = [text]


def stop_message(shown: Callable[[Path], str]) -> str:
    """The line a stop signal ends the command with: the build's own when it left one, else
    which files were put in place (each shown by shown)."""
    if _stop_report:
        return _stop_report.pop()
    return stopped_line([shown(path) for path in _written], [])


def stopped_line(written: list[str], unbuilt: list[str]) -> str:
    """What a stop left: no file changed; every build finished and its files written; or
    which files were finished and written and which documents were not built."""
    if not written:
        return "avbrutt; ingen filer er endret"
    files = ", ".join(written)
    if not unbuilt:
        return f"avbrutt etter at bygget var ferdig; filene er skrevet: {files}"
    return (
        f"avbrutt; ferdig og skrevet: {files}; ikke bygget: {', '.join(unbuilt)} "
        "(filene fra før er urørt)"
    )


def _stage(path: Path, data: bytes, staged: dict[Path, Path]) -> None:
    """Write data to a new temporary file beside path, recorded in staged as soon as it exists."""
    stream: IO[bytes] | None = None
    try:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with signals_held():
                handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
                staged[path] = Path(name)
                stream = os.fdopen(handle, "wb")
        except OSError as exc:
            raise DeckgenError.at(
                SourceLocation(path.parent), f"kan ikke skrive i mappen ({os_reason(exc)})"
            ) from None
        try:
            stream.write(data)
            stream.close()
            os.chmod(name, 0o644)
        except OSError as exc:
            raise DeckgenError.at(
                SourceLocation(path), f"kan ikke skrive filen ({os_reason(exc)}); er disken full?"
            ) from None
    finally:
        if stream is not None:
            stream.close()  # before the file is removed: Windows cannot remove an open file


def _commit(staged: dict[Path, Path]) -> list[Path]:
    """Rename every staged file into place and return those held open by another program; if
    another rename fails, put back the ones renamed before it."""
    done: list[tuple[Path, Path | None]] = []
    backups: list[Path] = []
    locked: list[Path] = []
    _refused.clear()
    last = len(staged) - 1  # if the last rename fails, there is nothing after it to undo
    try:
        for index, (path, temporary) in enumerate(staged.items()):
            try:
                backup = _keep_old(path, temporary, backups) if index < last else None
                os.replace(temporary, path)
            except OSError as exc:
                if isinstance(exc, PermissionError) and path.is_file():  # open in Office?
                    _refused[path] = os_reason(exc)
                    locked.append(path)
                    continue
                _put_back(done)
                raise DeckgenError.at(
                    SourceLocation(path),
                    f"kan ikke skrive filen ({os_reason(exc)}); er den åpen i et annet program?",
                ) from None
            done.append((path, backup))
    finally:
        for backup in backups:
            backup.unlink(missing_ok=True)
    return locked


def _keep_old(path: Path, temporary: Path, backups: list[Path]) -> Path | None:
    """A second name for the file at path (a hard link, or a copy where links are not possible),
    so it can be put back; None when there is no file there yet."""
    if not path.is_file():
        return None
    backup = temporary.with_name(f"{temporary.name}.forrige")
    backups.append(backup)
    try:
        os.link(path, backup)
    except OSError:
        shutil.copyfile(path, backup)
    return backup


def _put_back(done: list[tuple[Path, Path | None]]) -> None:
    """Undo renames: the old file back where there was one, no file where there was none."""
    for path, backup in reversed(done):
        try:
            if backup is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(backup, path)
        except OSError:
            pass  # the error that made us undo is reported; this one cannot be helped


class Interrupted(BaseException):
    """A stop signal (SIGINT or SIGTERM) arrived; the build unwinds through its cleanup."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


STOPPED = (Interrupted, KeyboardInterrupt)
"""What a stop signal raises: Interrupted under the command line, KeyboardInterrupt otherwise.

A cleanup in a `finally` can be cut short by the first stop signal before it has done
anything, so cleanups catch these, clean up again (they are idempotent) and re-raise."""

_stopping: list[int] = []
"""The stop signal that has raised Interrupted; later ones are ignored while the build stops."""


def _raise_interrupted(signum: int, _frame: FrameType | None) -> None:
    """Raise Interrupted for the first stop signal; ignore the rest, so cleaning up is not
    itself interrupted."""
    if not _stopping:
        _stopping.append(signum)
        raise Interrupted(signum)


def check_stop() -> None:
    """Raise Interrupted if a stop signal came but its exception got lost on the way (raised
    inside a library's C code, or caught by a bare `except:`); called before the steps that
    start or change something: starting LibreOffice, putting the files in place."""
    if _stopping:
        raise Interrupted(_stopping[0])


def forget_stop() -> int | None:
    """Forget the stop signal a command has handled as its normal end (Ctrl+C ends deckgen
    watch); return it, or None when none came."""
    signum = _stopping[0] if _stopping else None
    _stopping.clear()
    return signum


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """While the block runs, SIGINT and SIGTERM raise Interrupted (unless they are ignored, as
    in a background job), so temporary files and child processes are cleaned up. An
    Interrupted that C code cannot pass on is not printed («Exception ignored»): check_stop
    acts on it."""
    previous: dict[int, Any] = {}
    unraisable_hook = sys.unraisablehook
    _stopping.clear()

    def quiet_hook(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, Interrupted):
            unraisable_hook(unraisable)

    sys.unraisablehook = quiet_hook
    try:
        for signum in STOP_SIGNALS:
            if signal.getsignal(signum) is not signal.SIG_IGN:
                previous[signum] = signal.signal(signum, _raise_interrupted)
        yield
    finally:
        try:
            _restore(previous)
        finally:
            sys.unraisablehook = unraisable_hook
            stopped = _stopping.copy()
            _stopping.clear()
        if stopped:  # (again, or for the first time if it got lost: the command was stopped)
            raise Interrupted(stopped[0])


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block is done, then deliver them as usual: the block is
    never stopped half-way (between two renames, or between creating a temporary file and
    recording its name).

    The Python handlers are swapped for one that only notes the signal; that also catches a
    signal that has arrived but whose handler has not run yet, works on Windows, and, unlike
    pthread_sigmask, is not inherited by child processes started inside the block. A signal
    that comes just before the block may still stop the program before it, which is why
    cleanups do not rely on this (see STOPPED). Outside the main thread signals cannot be
    handled, so the block just runs.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    previous: dict[int, Any] = {}
    try:
        for signum in STOP_SIGNALS:
            previous[signum] = signal.signal(signum, lambda number, _frame: arrived.append(number))
        yield
    finally:
        _restore(previous)
        if arrived and previous[arrived[0]] is not signal.SIG_IGN:
            signal.raise_signal(arrived[0])


def _restore(handlers: dict[int, Any]) -> None:
    """Put signal handlers back (one not set from Python comes back as the default), all of
    them even if a stop signal is raised on the way (signal.signal first runs pending ones)."""
    stopped: BaseException | None = None
    for number, handler in handlers.items():
        for _attempt in range(2):
            try:
                signal.signal(number, signal.SIG_DFL if handler is None else handler)
                break
            except STOPPED as exc:
                stopped = stopped or exc
    if stopped is not None:
        raise stopped


def set_core_properties(props: Any, title: str, author: str, subject: str, date: dt.date) -> None:
    """Fill the core properties of a .pptx or .docx; every date is the document's own date."""
    props.title = _property(title)
    props.author = _property(author)
    props.last_modified_by = _property(author)
    props.subject = _property(subject)
    props.language = LANGUAGE
    props.keywords = ""
    props.comments = ""
    props.revision = 1
    moment = dt.datetime.combine(date, dt.time(0, 0))
    props.created = moment
    props.modified = moment
    props.last_printed = moment


MAX_PROPERTY_CHARS = 255
"""Office stores a document's title, author and subject in at most 255 characters."""


def _property(text: str) -> str:
    """A document property cut to what Office can store; the pages show the whole text."""
    return text if len(text) <= MAX_PROPERTY_CHARS else text[: MAX_PROPERTY_CHARS - 1] + "…"
