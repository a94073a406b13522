"""`deckgen watch`: serve the page, build once, then rebuild on every change until stopped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckgen.watch.changes import is_temporary, sort_changes
from deckgen.watch.rebuild import Echo, Rebuilder
from deckgen.watch.state import WatchState

if TYPE_CHECKING:
    from deckgen.project import Project

STEP_MS = 30
"""A change is acted on when no further change has come for this long."""
MOST_MS = 400
"""Changes are grouped for at most this long before the rebuild starts."""


def check_name(project: Project, name: str) -> None:
    """Refuse a name that is neither a deck nor a report, before anything starts."""
    if not project.is_report(name):
        project.deck_file(name)


def watched(project: Project, out_dir: Path) -> Callable[[Any, str], bool]:
    """The filter: the project's files and the brand's, not the output, hidden files or
    editors' temporary, lock and backup files."""
    import watchfiles

    class ProjectFilter(watchfiles.DefaultFilter):
        """watchfiles' default filter (editors' swap files, .git, caches) and deckgen's own."""

        def __call__(self, change: Any, path: str) -> bool:
            where = Path(path)
            if (
                where.is_relative_to(out_dir)
                or where.name.startswith(".")
                or is_temporary(where.name)
            ):
                return False
            inside = where.is_relative_to(project.root)
            parts = where.relative_to(project.root).parts if inside else ()
            if any(part.startswith(".") for part in parts):
                return False
            return bool(super().__call__(change, path))

    return ProjectFilter()


def folders(project: Project, brand_folder: Path | None) -> tuple[Path, ...]:
    """The folders to watch: the project, and the brand's when it lies outside it."""
    if brand_folder is None or brand_folder.is_relative_to(project.root):
        return (project.root,)
    return (project.root, brand_folder)


def watch(
    project: Project,
    name: str,
    port: int,
    out_dir: Path,
    echo: Echo,
    stops: tuple[bool, bool] = (False, False),
) -> None:
    """Serve the page and rebuild on changes until a stop signal; the server and LibreOffice
    are ended on the way out. stops is the build's (--strict, --godta-avvik)."""
    import watchfiles

    from deckgen.config.yamlload import keep_parsed
    from deckgen.watch.server import start_server
    from deckgen.watch.thumbs import Thumbnailer, missing_tools

    check_name(project, name)
    state = WatchState(name, thumbnails_note=missing_tools())
    server = start_server(state, port)
    url = f"http://127.0.0.1:{server.server_port}/"
    echo(f"deckgen watch {name}: åpne {url} (Ctrl+C avslutter)", False)
    thumbnailer = None if state.thumbnails_note else Thumbnailer(state.drawn)
    out_dir = out_dir.resolve()
    keep_parsed(True)
    try:
        rebuilder = Rebuilder(project, name, out_dir, state, echo, thumbnailer)
        rebuilder.strict, rebuilder.accept_mismatches = stops
        rebuilder.rebuild()
        keep = watched(project, out_dir)
        while True:
            paths = folders(project, rebuilder.brand_folder)
            for batch in watchfiles.watch(
                *paths, watch_filter=keep, step=STEP_MS, debounce=MOST_MS, raise_interrupt=True
            ):
                changes = sort_changes(batch)
                if changes:
                    rebuilder.rebuild(changes.changed, changes.deleted)
                if folders(project, rebuilder.brand_folder) != paths:
                    break
    finally:
        keep_parsed(False)
        server.shutdown()
        server.server_close()
        if thumbnailer is not None:
            thumbnailer.stop()
