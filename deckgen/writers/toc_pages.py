"""Page numbers for the table of contents, measured by LibreOffice when it is installed.

LibreOffice runs under a helper script (lo_pages.py, run by the system Python that has the UNO
bridge) in a process group of its own, with its profile, its temporary files and the copy of
the report in one temporary folder. Whenever the measuring ends – done, failed, timed out, or
stopped by SIGINT/SIGTERM – the whole group is ended and the folder and LibreOffice's sockets
are removed, so nothing is left running or lying in /tmp.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from deckgen.output import STOPPED, check_stop, signals_held

SYSTEM_PYTHON = "/usr/bin/python3"
HELPER = Path(__file__).with_name("lo_pages.py")

TIMEOUT_SECONDS = 180
"""How long LibreOffice may take to lay out one report before the page numbers are left out."""

GRACE_SECONDS = 10
"""How long LibreOffice gets to end after SIGTERM before it is killed (SIGKILL)."""

SOCKET_FOLDERS = ("/tmp", "/var/tmp")
"""Where LibreOffice makes its sockets (the first it can write to), whatever TMPDIR says."""


@functools.cache
def available() -> bool:
    """Whether LibreOffice and its Python bridge (python3-uno) are on this machine."""
    if shutil.which("soffice") is None or not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True)
    return probe.returncode == 0


def heading_pages(docx: bytes, headings: list[str]) -> list[int] | None:
    """The page of each heading as LibreOffice lays the document out, or None if unavailable."""
    if not available():
        return None
    found = _measure(docx)
    if found is None:
        return None
    pages: list[int] = []
    for _level, page, text in found:
        if len(pages) < len(headings) and text.strip() == headings[len(pages)]:
            pages.append(int(page))
    return pages if len(pages) == len(headings) else None


def _measure(docx: bytes) -> list[Any] | None:
    """Run the helper on a copy of the document; its [level, page, text] list, or None."""
    folder: Path | None = None
    process: subprocess.Popen[str] | None = None
    try:
        with signals_held():  # the folder is recorded the moment it exists
            folder = Path(tempfile.mkdtemp(prefix="deckgen-toc-")).resolve()
        document, profile, scratch = folder / "rapport.docx", folder / "profil", folder / "tmp"
        scratch.mkdir()
        document.write_bytes(docx)
        with signals_held():  # the process likewise
            check_stop()
            process = subprocess.Popen(
                [SYSTEM_PYTHON, str(HELPER), str(document), folder.name, profile.as_uri()],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                env={**os.environ, "TMPDIR": str(scratch)},
                start_new_session=True,
            )
        try:
            output, _ = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            return None
    finally:
        try:
            _clean_up(process, folder)
        except STOPPED:  # the first stop signal came just now: finish the cleaning, then stop
            _clean_up(process, folder)
            raise
    if process is None or process.returncode != 0:
        return None
    try:
        found = json.loads(output.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        return None
    return found if isinstance(found, list) else None


def _clean_up(process: subprocess.Popen[str] | None, folder: Path | None) -> None:
    """End the helper and LibreOffice, and remove their sockets and the temporary folder."""
    if process is not None:
        _end_group(process)
    if folder is not None:
        _remove_sockets(folder.name, (folder / "profil").as_uri())
        shutil.rmtree(folder, ignore_errors=True)


def _end_group(process: subprocess.Popen[str]) -> None:
    """End every process in the helper's group: SIGTERM, and SIGKILL for what is left after
    GRACE_SECONDS; then reap the helper."""
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
    """Whether any process of the helper's group still runs (a zombie does not count)."""
    members = _group_members(process.pid)
    if members is not None:
        return bool(members)
    process.poll()  # without /proc: reap the helper, then ask the system about the rest
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


def _remove_sockets(pipe: str, profile_url: str) -> None:
    """Remove the sockets LibreOffice leaves in /tmp when it is stopped: the pipe deckgen talks to
    it through, and its single-instance pipe, named by a hash of the profile's URL."""
    digest = hashlib.md5(profile_url.encode("utf-16-le"), usedforsecurity=False).digest()
    single = "SingleOfficeIPC_" + "".join(format(byte, "x") for byte in digest)
    for folder in SOCKET_FOLDERS:
        for name in (pipe, single):
            path = Path(folder, f"OSL_PIPE_{os.getuid()}_{name}")
            try:
                if stat.S_ISSOCK(path.lstat().st_mode):
                    path.unlink()
            except OSError:
                continue
