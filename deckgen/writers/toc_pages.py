"""Page numbers for the table of contents, measured by LibreOffice when it is installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"
HELPER = Path(__file__).with_name("lo_pages.py")


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
    with tempfile.TemporaryDirectory(prefix="deckgen-toc-") as folder:
        path = Path(folder) / "rapport.docx"
        path.write_bytes(docx)
        result = subprocess.run(
            [SYSTEM_PYTHON, str(HELPER), str(path), f"deckgen{os.getpid()}"],
            capture_output=True,
            text=True,
            timeout=180,
        )
    if result.returncode != 0:
        return None
    try:
        found = json.loads(result.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        return None
    pages: list[int] = []
    for _level, page, text in found:
        if len(pages) < len(headings) and text.strip() == headings[len(pages)]:
            pages.append(int(page))
    return pages if len(pages) == len(headings) else None
