"""Page numbers for the table of contents, measured by LibreOffice when it is installed.

LibreOffice runs under a helper script (lo_pages.py, run by the system Python that has the UNO
bridge) in a process group of its own, with its profile, its temporary files and the copy of
the report in one temporary folder (`office.OfficeRun`). Whenever the measuring ends – done,
failed, timed out, or stopped by SIGINT/SIGTERM – the whole group is ended and the folder and
LibreOffice's sockets are removed, so nothing is left running or lying in /tmp.
"""

from __future__ import annotations

import functools
import json
import subprocess
from pathlib import Path
from typing import Any

from deckgen.writers.office import OfficeRun, find_soffice

SYSTEM_PYTHON = "/usr/bin/python3"
HELPER = Path(__file__).with_name("lo_pages.py")

TIMEOUT_SECONDS = 180
"""How long LibreOffice may take to lay out one report before the page numbers are left out."""


@functools.cache
def available() -> bool:
    """Whether LibreOffice and its Python bridge (python3-uno) are on this machine."""
    if find_soffice() is None or not Path(SYSTEM_PYTHON).exists():
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
    soffice = find_soffice()
    if soffice is None:
        return None
    with OfficeRun("deckgen-toc-") as run:
        document = run.path / "rapport.docx"
        document.write_bytes(docx)
        argv = [SYSTEM_PYTHON, str(HELPER), str(document), run.path.name, run.profile_url]
        ran = run.run([*argv, str(soffice)], TIMEOUT_SECONDS)
    if ran is None or ran[0] != 0:
        return None
    try:
        found = json.loads(ran[1].strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        return None
    return found if isinstance(found, list) else None
