"""The data a build reads from content: table specs (each loaded once) and pictures."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.brand import Brand
from deckgen.data.names import nearest_file
from deckgen.errors import (
    DeckgenError,
    Problem,
    ProblemKind,
    SharedError,
    SharedProblem,
    SourceLocation,
    suggestion,
)
from deckgen.model import Chart, Columns, Deck, Picture, PictureData, Report, Table
from deckgen.numbers import STYLES, NumberStyle
from deckgen.project import Project

if TYPE_CHECKING:
    from deckgen.data.tables import ComputedTable

PictureResolver = Callable[[Path, str, SourceLocation], tuple[Path, PictureData]]


class Catalog:
    """Tables and pictures for one build: each spec loaded once, its mismatches kept."""

    def __init__(self, project: Project, brand: Brand, number_style: str | None = None) -> None:
        """A catalog for one document; number_style is the document's own «tallformat:»."""
        self.project = project
        self.style = STYLES[number_style or brand.tallformat]
        self.cache: dict[Path, ComputedTable] = {}
        self.failed: dict[Path, list[SharedProblem]] = {}
        """The problems of each spec that could not be loaded, reported once for all its uses."""
        self.mismatches: list[Problem] = []
        self.warnings: list[Problem] = []
        self.charted: set[Path] = set()

    def computed(
        self, base: Path, relative: str, location: SourceLocation, template: bool = False
    ) -> ComputedTable:
        """The computed table; a template call (template) adds its own place to an error."""
        from deckgen.data.tables import load_table

        path = self.project.inside(base, relative, location, "tabellfilen")
        _must_exist(self.project.root, path, base, relative, location, "tabellfilen")
        if path not in self.cache and path not in self.failed:
            try:
                self.cache[path] = load_table(path, location, self.project.root, self.style)
            except DeckgenError as exc:
                self.failed[path] = [SharedProblem(p.location, p.message) for p in exc.problems]
            else:
                self.mismatches.extend(self.cache[path].mismatches)
                self.warnings.extend(self.cache[path].warnings)
                self.warnings.extend(self.cache[path].notes)  # kind NOTE: never stops a build
        if path in self.failed:
            error = SharedError(self.failed[path])
            if not template:
                error.used_at(location)
            raise error
        return self.cache[path]

    def table(self, base: Path, relative: str, location: SourceLocation) -> Table | Chart:
        """The formatted table for `![…](tabeller/x.yaml)`, or the chart a chart spec
        (`diagram:`) draws from its table."""
        from deckgen.data.charts import is_chart_spec, load_chart

        path = self.project.inside(base, relative, location, "tabell- eller diagramfilen")
        _must_exist(self.project.root, path, base, relative, location, "tabell- eller diagramfilen")
        if is_chart_spec(path):
            chart, warnings = load_chart(path, location, self.computed, self._format, self._style)
            if path not in self.charted:  # a chart used twice warns once
                self.charted.add(path)
                self.warnings.extend(warnings)
            return chart
        return self._format(self.computed(base, relative, location), location)

    def _format(self, computed: ComputedTable, location: SourceLocation | None = None) -> Table:
        """A computed table formatted in its own number style or the document's."""
        return computed.format(self._style(computed), location)

    def _style(self, computed: ComputedTable) -> NumberStyle:
        """A table's own number style, or the document's."""
        own = computed.spec.tallformat
        return STYLES[own] if own else self.style

    def value(self, spec: Path, relative: str, row: str, column: str) -> Decimal:
        """An unrounded cell for templates: amounts in kroner, percent columns as the ratio."""
        table = self.computed(
            spec.parent.parent,
            str(spec.relative_to(spec.parent.parent)),
            SourceLocation(spec),
            template=True,
        )
        return table.value(relative, row, column)

    def picture(
        self, base: Path, relative: str, location: SourceLocation
    ) -> tuple[Path, PictureData]:
        """The picture file a content file names, and the picture to embed."""
        return resolve_picture(self.project, base, relative, location)

    def warn_repeated_pictures(self, document: Deck | Report) -> None:
        """Warn for each picture a deck or report shows again: the same file or the same bytes
        (decorative pictures may repeat)."""
        first: dict[object, Picture] = {}
        for picture in _pictures(document):
            if picture.decorative:
                continue
            keys: list[object] = [picture.path.resolve()]
            if picture.image is not None:
                keys.append(hashlib.sha256(picture.image.data).hexdigest())
            seen = next((first[key] for key in keys if key in first), None)
            if seen is None:
                first.update(dict.fromkeys(keys, picture))
                continue
            self.warnings.append(self._repeated(picture, seen))

    def _repeated(self, picture: Picture, seen: Picture) -> Problem:
        """The warning for a picture shown again (seen: where it was shown first)."""
        root = self.project.root
        name, other = self._shown(picture.path), self._shown(seen.path)
        where = seen.location.display(root) if seen.location else other
        same = (
            f"bildet «{name}»"
            if name == other
            else f"«{name}» er det samme bildet som «{other}», og"
        )
        return Problem(
            picture.location,
            f"{same} vises også på {where}; samme bilde to ganger i ett dokument ser ut som en "
            "feil – bruk et annet bilde, eller ta det ene bort",
            ProblemKind.WARNING,
        )

    def _shown(self, path: Path) -> str:
        """A picture file as messages name it: relative to the project where it can be."""
        try:
            return path.resolve().relative_to(self.project.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def _pictures(document: Deck | Report) -> Iterator[Picture]:
    """Every picture a deck's slides (their columns too) or a report's chapters show, in order."""
    blocks: Iterable[object]
    if isinstance(document, Deck):
        blocks = (block for slide in document.slides for block in slide.blocks)
    else:
        blocks = document.blocks
    for block in blocks:
        if isinstance(block, Columns):
            for column in block.columns:
                yield from (b for b in column.blocks if isinstance(b, Picture))
        elif isinstance(block, Picture):
            yield block


def resolve_picture(
    project: Project, base: Path, relative: str, location: SourceLocation
) -> tuple[Path, PictureData]:
    """Check a picture path from content; return the file and the picture to embed (converted
    to PNG or turned upright where needed)."""
    picture = project.inside(base, relative, location, "bildet")
    if not picture.is_file():
        folder = relative.rpartition("/")[0]
        nearby = [
            f"{folder}/{p.name}" if folder else p.name for p in sorted(picture.parent.glob("*"))
        ]
        raise DeckgenError.at(
            location, f"bildefilen «{relative}» finnes ikke{suggestion(relative, nearby)}"
        )
    from deckgen.inputfiles import read_picture

    return picture, read_picture(picture, relative, location)


def picture_resolver(project: Project) -> PictureResolver:
    """resolve_picture for one project, as the Markdown reader takes it."""

    def resolve(base: Path, relative: str, location: SourceLocation) -> tuple[Path, PictureData]:
        return resolve_picture(project, base, relative, location)

    return resolve


def _must_exist(
    root: Path, path: Path, base: Path, relative: str, where: SourceLocation, what: str
) -> None:
    """A spec the content names (path, as found on disk) must exist: say the folder the path
    counts from, and the nearest name in the folder it points into."""
    if path.is_file():
        return
    hint = nearest_file(path, relative, (".yaml", ".yml"))
    try:
        shown = base.resolve().relative_to(root.resolve()).as_posix() + "/"
    except ValueError:
        shown = base.as_posix() + "/"
    raise DeckgenError.at(
        where, f"{what} «{relative}» finnes ikke{hint}; stien regnes fra mappen {shown}"
    )
