"""The stamp a successful build leaves (in deckgen's cache folder, one per output folder and
document), so the next build of the same outputs from the same inputs can say «uendret» and
stop without rendering anything.

What counts as an input: every file in the project folder (except the output folders and tool
folders such as .git, see SKIPPED), by content; the options; and deckgen itself (its source and
the brands shipped with it), the Python libraries it renders with and LibreOffice, by size and
change time. A whole folder rather than a list of the files a build opened: a file that is
added (an image that was missing, a table file with a name a reader looks for) changes the
folder too, and no reader can be forgotten. The outputs must still be there with the bytes the
build wrote. Only the standard library is imported here: a skipped build loads no renderer.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from deckgen import project as project_module
from deckgen.errors import SHIPPED_ROOT

CACHE_VARIABLE = "DECKGEN_CACHE"
"""The environment variable that moves the stamps (tests give each run its own folder)."""

STAMP_VERSION = 1

SKIPPED = frozenset(
    {
        ".git", ".hg", ".svn", ".deckgen", "__pycache__", "node_modules", ".venv",
        ".pytest_cache", ".mypy_cache", ".ruff_cache", ".tox", ".idea", ".vscode",
    }
)  # fmt: skip
"""Folders that are never a build's input (and a folder holding pyvenv.cfg: a venv)."""

LIBRARIES = (
    "pptx", "docx", "PIL", "lxml", "babel", "jinja2", "markdown_it", "mdit_py_plugins",
    "pandas", "openpyxl", "pydantic", "pydantic_core", "yaml", "ruamel", "fontTools",
    "xlsxwriter", "pikepdf", "typer", "click",
)  # fmt: skip
"""Libraries whose version can change a build's bytes; found without importing them."""


@dataclass
class FileLine:
    """One output of a build as its summary line and `--json` show it."""

    path: str
    """Absolute path of the file."""
    size: str | None
    """What the writer said it holds («27 lysbilder»), when it knows the real count."""
    count: int | None
    bytes: int

    @classmethod
    def of_written(cls, path: Path) -> FileLine:
        """A file a stopped build had put in place, with its size (0 when it is gone again)."""
        info = _stat(path)
        return cls(str(path), None, None, info[0] if info is not None else 0)


@dataclass
class Outcome:
    """What building one document printed and made, so a later unchanged build can say it
    again, and a parallel build can hand it back to the main process."""

    name: str
    code: int = 0
    found: list[str] = field(default_factory=list)
    """Lines for stderr even with --quiet: errors, warnings, accepted mismatches."""
    notes: list[str] = field(default_factory=list)
    """Lines for stderr unless --quiet: the notes («merk: …»)."""
    files: list[FileLine] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    """The problems as `build --json` lists them."""
    unchanged: bool = False
    """True when the build was skipped: nothing changed since the stamp."""
    stopped: int | None = None
    """The stop signal that ended a parallel build, if one did."""


@dataclass(frozen=True)
class Options:
    """The options that change what a build writes or whether it stops."""

    fmt: str | None
    strict: bool
    accept_mismatches: bool


def cache_folder() -> Path:
    """Where deckgen keeps its stamps: DECKGEN_CACHE, else the user's cache folder."""
    given = os.environ.get(CACHE_VARIABLE)
    if given:
        return Path(given)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "deckgen" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "deckgen"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "deckgen"


def stamp_path(out_dir: Path, name: str) -> Path:
    """Where the stamp of a document's build into out_dir is kept: one folder per output
    folder in the cache, so neither the project nor the output folder gets a file it did not
    ask for."""
    folder = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:20]
    return cache_folder() / "stempler" / folder / f"{name}.json"


def skipped_folders(root: Path, out_dir: Path) -> set[Path]:
    """The folders in the project that are not inputs: the output folders (build/ and --out)."""
    return {folder for folder in (root / "build", out_dir) if folder != root}


def _walk(folder: Path, skipped: set[Path], found: dict[str, tuple[int, int]], base: Path) -> None:
    """Size and change time (ns) of every file under folder, by path relative to base (plain
    strings: a project walk is most of what an unchanged build costs)."""
    skipped_names = {os.fspath(path) for path in skipped}
    prefix = len(os.fspath(base)) + 1
    stack = [os.fspath(folder)]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        if current != os.fspath(base) and any(e.name == "pyvenv.cfg" for e in entries):
            continue
        for entry in entries:
            relative = entry.path[prefix:].replace(os.sep, "/")
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in SKIPPED and entry.path not in skipped_names:
                        stack.append(entry.path)
                    continue
                info = entry.stat()
                found[relative] = (info.st_size, info.st_mtime_ns)
            except OSError:  # a broken link: its presence counts
                found[relative] = (-1, -1)


def _hash_file(path: Path) -> str:
    """The SHA-256 of a file's content ('' when it cannot be read)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def tool_fingerprint() -> str:
    """deckgen's own source and shipped brands, the libraries and Python, and LibreOffice, by
    size and change time: an edit to deckgen or an upgrade gives a new fingerprint."""
    from importlib.util import find_spec

    from deckgen import __version__
    from deckgen.writers.office import find_soffice

    found: dict[str, tuple[int, int]] = {}
    package = Path(__file__).resolve().parent
    _walk(package, set(), found, package)
    brands = SHIPPED_ROOT / "brand"
    if brands.is_dir():
        _walk(brands, set(), found, SHIPPED_ROOT)
    parts: list[Any] = [__version__, sys.version, sorted(found.items())]
    for library in LIBRARIES:
        try:
            spec = find_spec(library)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        parts.append([library, origin, _stat(origin)])
    soffice = find_soffice()
    parts.append([str(soffice), _stat(soffice)])
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _stat(path: str | Path | None) -> list[int] | None:
    """Size and change time of a file, None when there is none."""
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


@dataclass
class Inputs:
    """The inputs of one build as the stamp records them."""

    files: dict[str, list[Any]]
    """Path relative to the project → [size, change time ns, SHA-256]."""
    tool: str
    options: dict[str, Any]


def inputs(root: Path, out_dir: Path, options: Options, before: Inputs | None = None) -> Inputs:
    """Read the inputs now; a file's content is hashed only when its size or change time is not
    what `before` recorded."""
    found: dict[str, tuple[int, int]] = {}
    _walk(root, skipped_folders(root, out_dir), found, root)
    known = before.files if before is not None else {}
    files: dict[str, list[Any]] = {}
    for relative, (size, mtime) in sorted(found.items()):
        old = known.get(relative)
        if old is not None and old[0] == size and old[1] == mtime:
            files[relative] = old
        else:
            files[relative] = [size, mtime, _hash_file(root / relative)]
    chosen = {**asdict(options), "out": str(out_dir)}
    return Inputs(files, tool_fingerprint(), chosen)


def _same_inputs(now: Inputs, recorded: Inputs) -> bool:
    """Whether the inputs are what the stamp says (a file touched but unchanged is the same)."""
    if now.tool != recorded.tool or now.options != recorded.options:
        return False
    if now.files.keys() != recorded.files.keys():
        return False
    return all(now.files[key][::2] == recorded.files[key][::2] for key in now.files)


def _outputs_intact(recorded: list[dict[str, Any]]) -> bool:
    """Whether every output is still there with the bytes the build wrote."""
    for output in recorded:
        info = _stat(output["path"])
        if info is None or info[0] != output["bytes"]:
            return False
        if info[1] != output["mtime_ns"] and _hash_file(Path(output["path"])) != output["sha256"]:
            return False
    return True


def _read(out_dir: Path, name: str) -> dict[str, Any] | None:
    """The stamp of the last successful build of name into out_dir, None when there is none
    (or it is unreadable or from another stamp version)."""
    try:
        stamp = json.loads(stamp_path(out_dir, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) and stamp.get("version") == STAMP_VERSION else None


def _inputs_of(stamp: dict[str, Any] | None) -> Inputs | None:
    """The inputs a stamp recorded, None when it has none."""
    try:
        return Inputs(stamp["files"], stamp["tool"], stamp["options"]) if stamp else None
    except (KeyError, TypeError):
        return None


def recorded(out_dir: Path, name: str) -> Inputs | None:
    """The inputs the last stamp recorded (so unchanged files are not hashed again)."""
    return _inputs_of(_read(out_dir, name))


def unchanged(root: Path, name: str, out_dir: Path, options: Options) -> Outcome | None:
    """The outcome of the last build of name when nothing has changed since, else None."""
    stamp = _read(out_dir, name)
    before = _inputs_of(stamp)
    if stamp is None or before is None:
        return None
    try:
        outputs = stamp["outputs"]
        outcome = stamp["outcome"]
    except (KeyError, TypeError):
        return None
    if not _same_inputs(inputs(root, out_dir, options, before), before):
        return None
    if not _outputs_intact(outputs):
        return None
    files = [FileLine(**line) for line in outcome.pop("files")]
    return Outcome(**{**outcome, "files": files, "unchanged": True})


def last_seconds(out_dir: Path, name: str) -> float | None:
    """How long the last successful build of name took (to start the longest builds first)."""
    seconds = (_read(out_dir, name) or {}).get("seconds")
    return float(seconds) if isinstance(seconds, int | float) else None


def record(
    out_dir: Path, outcome: Outcome, before: Inputs, data: dict[Path, bytes], seconds: float
) -> None:
    """Write the stamp of a successful build: its inputs as read before it began, its outputs
    (path, size, change time, SHA-256), what it printed, and how long it took."""
    outputs = []
    for path, content in data.items():
        info = _stat(path)
        if info is None:
            return
        digest = hashlib.sha256(content).hexdigest()
        outputs.append({"path": str(path), "bytes": info[0], "mtime_ns": info[1], "sha256": digest})
    stamp = {
        "version": STAMP_VERSION,
        "tool": before.tool,
        "options": before.options,
        "files": before.files,
        "outputs": outputs,
        "outcome": asdict(outcome),
        "seconds": round(seconds, 3),
    }
    _write(stamp_path(out_dir, outcome.name), json.dumps(stamp, ensure_ascii=False))


def forget(out_dir: Path, name: str) -> None:
    """Remove the stamp of a build that failed (the next build is never skipped)."""
    with contextlib.suppress(OSError):
        stamp_path(out_dir, name).unlink(missing_ok=True)


def _write(path: Path, text: str) -> None:
    """Write a stamp through a temporary file; a stamp that cannot be written is left out."""
    from deckgen.output import signals_held

    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with signals_held():
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            temporary = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError:
        pass
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def outside_inputs(root: Path, out_dir: Path) -> bool:
    """Whether the build resolved a path the stamp does not cover (in an output or tool folder,
    or outside the project and deckgen): such a build is not stamped."""
    skipped = skipped_folders(root, out_dir)
    covered = (root, SHIPPED_ROOT / "brand", Path(__file__).resolve().parent)
    for path in project_module.resolved_paths():
        if not any(path == top or top in path.parents for top in covered):
            return True
        if any(folder == path or folder in path.parents for folder in skipped):
            return True
        if any(part in SKIPPED for part in path.parts):
            return True
    return False
