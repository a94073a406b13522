"""What the page shows: the latest build's text and problems and the newest thumbnails."""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deckgen.errors import Problem, SourceLocation


def problem_entry(problem: Problem, root: Path) -> dict[str, Any]:
    """A problem for the page: its kind, file:line relative to the project, and message."""
    location = problem.location
    where = location.display(root) if location is not None else None
    return {
        "kind": problem.kind.value,
        "where": where,
        "file": SourceLocation(location.path).display(root) if location is not None else None,
        "line": location.line if location is not None and location.line else None,
        "message": problem.message,
        "text": f"{problem.kind.value}: {problem.display(root)}",
    }


@dataclass
class WatchState:
    """Shared by the build loop, the thumbnail thread and the server; guarded by a lock."""

    name: str
    thumbnails_note: str = ""
    """Why there are no thumbnails (LibreOffice missing), or empty."""
    build: int = 0
    """The number of the latest build attempt (1 for the first)."""
    ok: bool = False
    """Whether the latest build succeeded (and its files were written)."""
    building: bool = False
    slides: list[dict[str, Any]] = field(default_factory=list)
    """The outline of the latest good build."""
    slides_build: int = 0
    """The build the outline comes from."""
    problems: list[dict[str, Any]] = field(default_factory=list)
    """The latest build's problems (errors when it failed, else warnings and notes)."""
    written: list[str] = field(default_factory=list)
    thumbnails: dict[int, bytes] = field(default_factory=dict)
    """Slide number → PNG of the newest build LibreOffice has drawn."""
    thumbnails_build: int = 0
    page_titles: list[str] = field(default_factory=list)
    """The title of each drawn page (slides only), for its alternative text and its place."""
    thumbnails_error: str = ""
    session: str = field(default_factory=lambda: secrets.token_hex(4))
    """Names this run in the thumbnails' addresses, so a browser never shows a picture it kept
    from an earlier run (whose build numbers were the same)."""
    version: int = 0
    """Goes up with every change of what the page shows."""
    lock: threading.Condition = field(default_factory=threading.Condition, repr=False)
    """Guards the fields; waiters for a newer version wait on it."""

    def _changed(self) -> None:
        """Count a change and wake the pages waiting for one (the lock is held)."""
        self.version += 1
        self.lock.notify_all()

    def wait_newer(self, version: int, seconds: float) -> None:
        """Wait until the version differs from version, or seconds have passed."""
        with self.lock:
            self.lock.wait_for(lambda: self.version != version, seconds)

    def started(self) -> int:
        """A build begins; return its number."""
        with self.lock:
            self.build += 1
            self.building = True
            self._changed()
            return self.build

    def succeeded(
        self, build: int, slides: list[dict[str, Any]], problems: list[Any], written: list[str]
    ) -> None:
        """A build wrote its files: its outline and problems are now the page's."""
        with self.lock:
            self.building, self.ok = False, True
            self.slides, self.slides_build = slides, build
            self.problems, self.written = problems, written
            self._changed()

    def failed(self, build: int, problems: list[Any]) -> None:
        """A build stopped: its problems are shown, the last good outline stays (outdated)."""
        with self.lock:
            self.building, self.ok = False, False
            self.problems = problems
            self._changed()

    def drawn(
        self, build: int, pictures: dict[int, bytes], titles: list[str], error: str = ""
    ) -> None:
        """LibreOffice has drawn the thumbnails of a build; an older build's never replace a
        newer one's."""
        with self.lock:
            if build < self.thumbnails_build:
                return
            self.thumbnails_error = error
            if not error:
                self.thumbnails, self.thumbnails_build = pictures, build
                self.page_titles = titles
            self._changed()

    def picture(self, build: int, number: int) -> bytes | None:
        """The PNG of slide number from build, if it is the one kept."""
        with self.lock:
            if build != self.thumbnails_build:
                return None
            return self.thumbnails.get(number)

    def _pages(self) -> list[dict[str, Any]]:
        """The drawn pages: number, title, and the outline entry (index) each belongs to."""
        from deckgen.watch.outline import assign_pages

        numbers = sorted(self.thumbnails)
        titles = self.page_titles if len(self.page_titles) == len(numbers) else []
        places = assign_pages(titles, self.slides) if titles else [None] * len(numbers)
        return [
            {"number": number, "title": titles[i] if titles else "", "slide": places[i]}
            for i, number in enumerate(numbers)
        ]

    def as_json(self) -> str:
        """The page's data: everything it shows, as JSON."""
        with self.lock:
            data = {
                "name": self.name,
                "session": self.session,
                "version": self.version,
                "build": self.build,
                "ok": self.ok,
                "building": self.building,
                "outdated": not self.ok and self.slides_build > 0,
                "slides_build": self.slides_build,
                "slides": self.slides,
                "problems": self.problems,
                "written": self.written,
                "thumbnails_build": self.thumbnails_build,
                "pages": self._pages(),
                "thumbnails_current": self.thumbnails_build == self.slides_build
                and self.thumbnails_build > 0,
                "thumbnails_note": self.thumbnails_note,
                "thumbnails_error": self.thumbnails_error,
            }
        return json.dumps(data, ensure_ascii=False)
