"""Thumbnails drawn by LibreOffice and pdftoppm in a background thread; the newest build wins."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deckgen.writers.office import OfficeRun

MISSING = (
    "Miniatyrbildene trenger LibreOffice og pdftoppm (poppler-utils), som ikke finnes på denne "
    "maskinen; teksten og problemene vises likevel."
)
CONVERT_SECONDS = 120
"""How long one LibreOffice conversion may take."""
RESOLUTION = "40"
"""Dots per inch of a thumbnail (a 13.33-inch slide becomes about 530 pixels wide)."""

Publish = Callable[[int, dict[int, bytes], list[str], str], None]
"""Gets a build's number, its pictures by page, the pages' titles and an error (or empty)."""


def slide_titles(file_name: str, data: bytes) -> list[str]:
    """The title of each slide of a .pptx, as written (empty for a slide without one); for
    other files, no titles."""
    if not file_name.endswith(".pptx"):
        return []
    import io

    from pptx import Presentation

    slides = Presentation(io.BytesIO(data)).slides
    return [slide.shapes.title.text if slide.shapes.title is not None else "" for slide in slides]


def missing_tools() -> str:
    """Why thumbnails cannot be drawn here, or empty when LibreOffice and pdftoppm exist."""
    from deckgen.preview import find_pdftoppm
    from deckgen.writers.office import find_soffice

    if find_soffice() is None or find_pdftoppm() is None:
        return MISSING
    return ""


def draw(source: Path, folder: Path, profile_url: str, run: OfficeRun) -> dict[int, bytes]:
    """Convert source (.pptx/.docx) to PDF with LibreOffice, then each page to a PNG."""
    from deckgen.preview import find_pdftoppm
    from deckgen.writers.office import convert_command, find_soffice

    soffice, pdftoppm = find_soffice(), find_pdftoppm()
    if soffice is None or pdftoppm is None:
        raise RuntimeError(MISSING)
    argv = convert_command(soffice, profile_url, "pdf", folder, source)
    result = run.run(argv, CONVERT_SECONDS)
    pdf = folder / f"{source.stem}.pdf"
    if result is None or not pdf.is_file():
        detail = "tidsavbrudd" if result is None else result[2].strip()[-300:]
        raise RuntimeError(f"LibreOffice laget ingen PDF ({detail})")
    subprocess.run(
        [str(pdftoppm), "-png", "-r", RESOLUTION, str(pdf), str(folder / "s")],
        check=True,
        capture_output=True,
        timeout=CONVERT_SECONDS,
    )
    pages = {int(png.stem.rsplit("-", 1)[1]): png.read_bytes() for png in folder.glob("s-*.png")}
    for png in folder.glob("s-*.png"):
        png.unlink()
    pdf.unlink()
    return pages


class Thumbnailer:
    """One background thread that draws the newest requested build; older requests that were
    not started yet are dropped."""

    def __init__(self, publish: Publish) -> None:
        self.publish = publish
        self._pending: tuple[int, str, bytes] | None = None
        self._wake = threading.Condition()
        self._stopping = False
        self._run: OfficeRun | None = None
        self._profile = Path(tempfile.mkdtemp(prefix="deckgen-watch-profil-")).resolve()
        self._thread = threading.Thread(target=self._loop, name="deckgen-miniatyrer", daemon=True)
        self._thread.start()

    def request(self, build: int, file_name: str, data: bytes) -> None:
        """Draw this build's file (replacing a request not yet started)."""
        with self._wake:
            self._pending = (build, file_name, data)
            self._wake.notify()

    def _next(self) -> tuple[int, str, bytes] | None:
        """Wait for the newest request; None when stopping."""
        with self._wake:
            while self._pending is None and not self._stopping:
                self._wake.wait()
            if self._stopping:
                return None
            pending, self._pending = self._pending, None
            return pending

    def _loop(self) -> None:
        """Draw requests until stopped."""
        from deckgen.output import STOPPED
        from deckgen.writers.office import OfficeRun

        while (job := self._next()) is not None:
            build, file_name, data = job
            try:
                with OfficeRun("deckgen-watch-") as run:
                    self._run = run
                    source = run.path / file_name
                    source.write_bytes(data)
                    pages = draw(source, run.path, self._profile.as_uri(), run)
                self.publish(build, pages, slide_titles(file_name, data), "")
            except STOPPED:  # watch is stopping: its main thread reports that
                return
            except Exception as error:  # shown on the page; the text and problems still work
                if not self._stopping:
                    self.publish(build, {}, [], f"miniatyrbildene kunne ikke lages: {error}")
            finally:
                self._run = None

    def stop(self) -> None:
        """End a running LibreOffice, wait for the thread, and remove the kept profile."""
        from deckgen.writers.office import end_group, remove_sockets

        with self._wake:
            self._stopping = True
            self._wake.notify()
        run = self._run
        if run is not None and run.process is not None:
            end_group(run.process)
        self._thread.join(timeout=30)
        remove_sockets([], self._profile.as_uri())
        shutil.rmtree(self._profile, ignore_errors=True)
