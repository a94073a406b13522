"""LibreOffice, found and run safely: one function finds it on Linux, macOS and Windows, and
`OfficeRun` runs it in a process group and a temporary folder of its own.

The folder holds LibreOffice's profile (-env:UserInstallation), its temporary files (TMPDIR)
and the files it works on. Whenever a run ends – done, failed, timed out, or stopped by
SIGINT/SIGTERM – the whole process group is ended and the folder and LibreOffice's sockets are
removed, so nothing is left running or lying in /tmp. Used by the contents page numbers
(toc_pages.py) and the PDF writer (pdf.py).
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

from deckgen.output import STOPPED, check_stop, signals_held

GRACE_SECONDS = 10
"""How long LibreOffice gets to end after SIGTERM before it is killed (SIGKILL)."""

SOCKET_FOLDERS = ("/tmp", "/var/tmp")
"""Where LibreOffice makes its sockets (the first it can write to), whatever TMPDIR says."""

COMMANDS = ("soffice", "libreoffice")
"""The names LibreOffice's program has on PATH (soffice.exe on Windows)."""


def candidates() -> list[str]:
    """Where LibreOffice is installed when it is not on PATH, by system, newest first."""
    if sys.platform == "darwin":
        return ["/Applications/LibreOffice.app/Contents/MacOS/soffice"]
    if sys.platform == "win32":
        return [
            rf"{os.environ.get(var, default)}\LibreOffice\program\soffice.exe"
            for var, default in (
                ("ProgramFiles", r"C:\Program Files"),
                ("ProgramFiles(x86)", r"C:\Program Files (x86)"),
            )
        ]
    return [
        "/usr/bin/soffice",
        "/usr/local/bin/soffice",
        *sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True),
        "/snap/bin/libreoffice",
    ]


def find_soffice() -> Path | None:
    """LibreOffice's program: on PATH, else where each system installs it; None if absent."""
    for command in COMMANDS:
        found = shutil.which(command)
        if found is not None:
            return Path(found)
    for place in candidates():
        if Path(place).is_file() and os.access(place, os.X_OK):
            return Path(place)
    return None


MISSING = (
    "LibreOffice finnes ikke på denne maskinen, og deckgen trenger det for å lage PDF. "
    "Installer det slik – Debian/Ubuntu: sudo apt-get install libreoffice-impress "
    "libreoffice-writer; Fedora: sudo dnf install libreoffice-impress libreoffice-writer; "
    "macOS: brew install --cask libreoffice (eller last ned fra "
    "https://www.libreoffice.org/download/); Windows: winget install "
    "TheDocumentFoundation.LibreOffice (eller last ned fra "
    "https://www.libreoffice.org/download/). deckgen leter i PATH, i /usr/bin, "
    "/opt/libreoffice*/program, /Applications/LibreOffice.app og "
    r"C:\Program Files\LibreOffice\program"
)
"""The message when a PDF is asked for and LibreOffice is not found."""


def convert_command(
    soffice: Path, profile_url: str, target: str, outdir: Path, document: Path
) -> list[str]:
    """The command line that has LibreOffice convert a document (--convert-to target) headless,
    in the given profile, without asking about locks or restoring anything."""
    return [
        str(soffice),
        f"-env:UserInstallation={profile_url}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        str(document),
    ]


def convert_to_pdf(
    soffice: Path, data: bytes, suffix: str, target: str, prefix: str, timeout: float
) -> tuple[bytes | None, tuple[int, str, str] | None]:
    """LibreOffice's PDF of a .pptx or .docx (None when it wrote none), converted with the
    filter `target` in a run of its own, and how the run ended (None: it timed out)."""
    with OfficeRun(prefix) as run:
        document = run.path / f"dokument.{suffix}"
        document.write_bytes(data)
        out = run.path / "pdf"
        ran = run.run(convert_command(soffice, run.profile_url, target, out, document), timeout)
        made = out / "dokument.pdf"
        return (made.read_bytes() if made.is_file() else None), ran


PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry">
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" \
oor:op="fuse"><value>99.9</value></prop></item>
</oor:items>
"""
"""The settings a new profile starts with. LibreOffice runs its graphics self-tests (about 0.6 s)
at every start whose profile last ran an older version, and headless it never records the
version, so a fresh profile would run them every time: «last run by version 99.9» skips them."""


class OfficeRun:
    """A temporary folder for one LibreOffice run, with a new profile (`PROFILE_SETTINGS`), and
    the process group started in it; leaving the `with` block ends the group and removes the
    folder and LibreOffice's sockets."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.folder: Path | None = None
        self.process: subprocess.Popen[str] | None = None

    def __enter__(self) -> OfficeRun:
        with signals_held():  # the folder is recorded the moment it exists
            self.folder = Path(tempfile.mkdtemp(prefix=self.prefix)).resolve()
        try:
            self.scratch.mkdir()
            settings = self.path / "profil" / "user" / "registrymodifications.xcu"
            settings.parent.mkdir(parents=True)
            settings.write_text(PROFILE_SETTINGS, encoding="utf-8")
        except BaseException:
            self._clean_up()
            raise
        return self

    @property
    def path(self) -> Path:
        """The temporary folder."""
        assert self.folder is not None, "OfficeRun used outside its with block"
        return self.folder

    @property
    def scratch(self) -> Path:
        """LibreOffice's TMPDIR inside the folder."""
        return self.path / "tmp"

    @property
    def profile_url(self) -> str:
        """The private profile, as -env:UserInstallation takes it."""
        return (self.path / "profil").as_uri()

    def run(self, argv: list[str], timeout: float) -> tuple[int, str, str] | None:
        """Run a command in its own process group; (exit code, stdout, stderr), or None on
        timeout."""
        with signals_held():  # the process is recorded the moment it exists
            check_stop()
            self.process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, "TMPDIR": str(self.scratch)},
                start_new_session=True,
            )
        try:
            output, errors = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        return self.process.returncode, output, errors

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            self._clean_up()
        except STOPPED:  # the first stop signal came just now: finish the cleaning, then stop
            self._clean_up()
            raise

    def _clean_up(self) -> None:
        """End the process group, and remove the sockets and the temporary folder."""
        if self.process is not None:
            end_group(self.process)
        if self.folder is not None:
            remove_sockets([self.folder.name], self.profile_url)
            shutil.rmtree(self.folder, ignore_errors=True)


def end_group(process: subprocess.Popen[str]) -> None:
    """End every process in the group: SIGTERM, and SIGKILL for what is left after
    GRACE_SECONDS; then reap the leader. Where there are no process groups (Windows), the
    process itself is killed."""
    if not hasattr(os, "killpg"):
        if process.poll() is None:
            process.kill()
        process.wait()
        return
    for signum in (signal.SIGTERM, signal.SIGKILL):
        if not _group_alive(process):
            break
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + GRACE_SECONDS
        while _group_alive(process) and time.monotonic() < deadline:
            time.sleep(0.02)
    process.wait()


def _group_alive(process: subprocess.Popen[str]) -> bool:
    """Whether any process of the group still runs (a zombie does not count)."""
    members = _group_members(process.pid)
    if members is not None:
        return bool(members)
    process.poll()  # without /proc: reap the leader, then ask the system about the rest
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        return False
    return True


def _group_members(group: int) -> list[int] | None:
    """The live processes of a process group, from /proc; None where there is no /proc."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        return None
    members = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            line = (entry / "stat").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # ended while we looked
        state, _parent, pgrp, *_rest = line[line.rindex(")") + 2 :].split()
        if state not in ("Z", "X") and int(pgrp) == group:
            members.append(int(entry.name))
    return members


def remove_sockets(pipes: list[str], profile_url: str) -> None:
    """Remove the sockets LibreOffice leaves in /tmp when it is stopped: named pipes deckgen
    talks to it through, and its single-instance pipe, named by a hash of the profile's URL."""
    if not hasattr(os, "getuid"):
        return  # Windows: LibreOffice uses named pipes, not files
    digest = hashlib.md5(profile_url.encode("utf-16-le"), usedforsecurity=False).digest()
    single = "SingleOfficeIPC_" + "".join(format(byte, "x") for byte in digest)
    for folder in SOCKET_FOLDERS:
        for name in (*pipes, single):
            path = Path(folder, f"OSL_PIPE_{os.getuid()}_{name}")
            try:
                if stat.S_ISSOCK(path.lstat().st_mode):
                    path.unlink()
            except OSError:
                continue
