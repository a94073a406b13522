"""The project: finds its folders, lists the decks and resolves paths safely inside it."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from deckgen.errors import DeckgenError, SourceLocation, suggestion

_resolved: list[Path] = []
"""Every path content has named (resolved), for the build stamp (deckgen/buildstamp.py)."""


def resolved_paths() -> list[Path]:
    """The paths content has named since the last forget_resolved()."""
    return list(_resolved)


def forget_resolved() -> None:
    """Start a new list of the paths content names (before each build)."""
    _resolved.clear()


@dataclass(frozen=True)
class Project:
    """A deckgen project folder with decks/, content/ and brand/."""

    root: Path

    @property
    def decks_dir(self) -> Path:
        """Folder with one YAML file per deck."""
        return self.root / "decks"

    @property
    def reports_dir(self) -> Path:
        """Folder with one YAML file per report (Word document)."""
        return self.root / "reports"

    @property
    def content_dir(self) -> Path:
        """Folder with the Markdown content."""
        return self.root / "content"

    @property
    def build_dir(self) -> Path:
        """The default output folder: build/ in the project, wherever deckgen is run from."""
        return self.root / "build"

    @property
    def brand_dir(self) -> Path:
        """Folder with one sub-folder per brand."""
        return self.root / "brand"

    def deck_names(self) -> list[str]:
        """The names of all decks (in composed Unicode, NFC), sorted."""
        return _yaml_names(self.decks_dir)

    def report_names(self) -> list[str]:
        """The names of all reports (in composed Unicode, NFC), sorted."""
        return _yaml_names(self.reports_dir)

    def is_report(self, name: str) -> bool:
        """Whether a name is a report rather than a deck (a name that is both is an error)."""
        name = unicodedata.normalize("NFC", name)
        report, deck = name in self.report_names(), name in self.deck_names()
        if report and deck:
            raise DeckgenError.at(
                None,
                f"både decks/{name}.yaml og reports/{name}.yaml finnes, så det er uklart hva "
                "som skal bygges; gi den ene et annet navn",
            )
        return report

    def report_file(self, name: str) -> Path:
        """The report file for a name."""
        return self._own(on_disk(self.reports_dir / f"{unicodedata.normalize('NFC', name)}.yaml"))

    def deck_file(self, name: str) -> Path:
        """The deck file for a name; unknown names give an error listing the known decks."""
        name = unicodedata.normalize("NFC", name)
        names = self.deck_names()
        if name not in names:
            reports = self.report_names()
            one, many = _kinds(bool(names), bool(reports))
            names = names + reports
            known = ", ".join(sorted(names)) if names else "(ingen)"
            raise DeckgenError.at(
                None, f"ukjent {one} «{name}»{suggestion(name, names)}. Kjente {many}: {known}"
            )
        return self._own(on_disk(self.decks_dir / f"{name}.yaml"))

    def _own(self, path: Path) -> Path:
        """A deck or report file, refused when it is a link to a file outside the project."""
        resolved = path.resolve()
        root = self.root.resolve()
        if root not in resolved.parents:
            relative = path.relative_to(self.root)
            raise DeckgenError.at(
                SourceLocation(relative), "filen er en lenke som peker ut av prosjektmappen"
            )
        return path

    def inside(
        self,
        base: Path,
        relative: str,
        location: SourceLocation,
        what: str,
        place: str = "prosjektmappen",
    ) -> Path:
        """Resolve a path from content; refuse absolute paths and paths that leave the project
        (`place` names the project folder in the message)."""
        if (
            Path(relative).is_absolute()
            or relative.startswith(("/", "\\"))
            or _DRIVE.match(relative)
        ):
            raise DeckgenError.at(location, f"{what} «{relative}» må være en relativ sti")
        if "\\" in relative:
            raise DeckgenError.at(
                location,
                f"{what} «{relative}» har omvendt skråstrek (\\); skriv / mellom mappene: "
                f"«{relative.replace(_BACKSLASH, '/')}»",
            )
        try:
            resolved = on_disk(base / relative).resolve()
        except (RuntimeError, OSError):  # a symbolic link that points to itself
            raise DeckgenError.at(
                location, f"{what} «{relative}» er en lenke som peker i ring"
            ) from None
        root = self.root.resolve()
        if resolved != root and root not in resolved.parents:
            raise DeckgenError.at(location, f"{what} «{relative}» peker ut av {place}")
        _resolved.append(resolved)
        if resolved.exists() and not (resolved.is_file() or resolved.is_dir()):
            raise DeckgenError.at(
                location, f"{what} «{relative}» er ikke en vanlig fil (men en spesialfil)"
            )
        return resolved


_DRIVE = re.compile(r"[A-Za-z]:")
_BACKSLASH = "\\"


def _yaml_names(folder: Path) -> list[str]:
    """The names of the YAML files in a folder, in NFC, sorted."""
    if not folder.is_dir():
        return []
    return sorted(unicodedata.normalize("NFC", p.stem) for p in folder.glob("*.yaml"))


def on_disk(path: Path) -> Path:
    """The path as spelt on disk when it differs only in Unicode form (NFC «å» or NFD «a + ˚»)."""
    if os.path.lexists(path):
        return path
    found = Path(path.anchor)
    for part in path.parts[1:] if path.anchor else path.parts:
        candidate = found / part
        if not os.path.lexists(candidate) and part not in (".", ".."):
            wanted = unicodedata.normalize("NFC", part)
            try:
                names = sorted(os.listdir(found))
            except OSError:
                names = []
            match = [n for n in names if unicodedata.normalize("NFC", n) == wanted]
            if match:
                candidate = found / match[0]
        found = candidate
    return found


def is_project(folder: Path) -> bool:
    """Whether a folder is a project root: it holds decks/ or reports/."""
    return (folder / "decks").is_dir() or (folder / "reports").is_dir()


def find_project(start: Path | None = None) -> Project:
    """Find the project root: the nearest folder, from start (or the current folder) upwards,
    that holds decks/ or reports/, so deckgen works the same from any sub-folder."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return Project(folder)
    raise DeckgenError.at(
        None,
        "fant ingen deckgen-prosjekt (en mappe med decks/ eller reports/) i denne mappen eller "
        "over den; gå til prosjektmappen, eller oppgi den med --prosjekt",
    )


def _kinds(decks: bool, reports: bool) -> tuple[str, str]:
    """What the known names are, in the singular and plural: presentations, reports or both."""
    if decks and not reports:
        return "presentasjon", "presentasjoner"
    if reports and not decks:
        return "rapport", "rapporter"
    return "presentasjon eller rapport", "presentasjoner og rapporter"
