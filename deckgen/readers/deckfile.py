"""decks/<name>.yaml → Deck: validates the deck file and reads its content, tables and facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from deckgen.brand import Brand, load_brand
from deckgen.config.schema import line_of, validate
from deckgen.config.yamlload import load_yaml
from deckgen.errors import (
    DeckgenError,
    Problem,
    ProblemCollector,
    SharedError,
    SharedProblem,
    SourceLocation,
    suggestion,
)
from deckgen.model import Deck, PictureData, Report, Table
from deckgen.numbers import STYLES, format_number
from deckgen.project import Project
from deckgen.readers.markdown import MarkdownReader

if TYPE_CHECKING:
    from deckgen.templating import Templates

MAX_SLIDES = 2000


class DeckConfig(BaseModel):
    """What a deck file holds; each key is documented in docs/innholdsformat.md."""

    model_config = ConfigDict(extra="forbid")

    tittel: str = Field(min_length=1)
    """Title on the title slide and document title."""
    undertittel: str = ""
    """Line under the title."""
    utvalg: str = ""
    """The committee the deck is for."""
    dato: dt.date
    """Meeting date."""
    merkevare: str = "drammen"
    """Brand folder under brand/."""
    fakta: list[str] = Field(default_factory=list)
    """YAML files of named key figures under content/, usable in text as {{ fakta.navn }}."""
    innhold: list[str] = Field(min_length=1)
    """Markdown files under content/, in order."""
    kapittel: list[str] = Field(default_factory=list)
    """Markdown files of the Word chapter (årsevaluering) under content/; empty: no chapter."""


@dataclass
class LoadedDeck:
    """A deck read from its files, with its brand and the totals that did not add up."""

    deck: Deck
    brand: Brand
    mismatches: list[Problem] = field(default_factory=list)
    chapter: Report | None = None
    warnings: list[Problem] = field(default_factory=list)


def content_templates(
    project: Project, brand: Brand, fact_files: list[str], node: Any, path: Path
) -> tuple[Templates, Tables]:
    """The templates (with the facts of `fakta:`) and the table loader for one deck or report."""
    from deckgen.templating import Templates, load_facts

    tables = Tables(project, brand)
    located = []
    for i, relative in enumerate(fact_files):
        where = SourceLocation(path, line_of(node, ("fakta", i)))
        located.append((project.inside(project.content_dir, relative, where, "faktafilen"), where))
    return Templates(STYLES[brand.tallformat], load_facts(located), tables.value), tables


def read_deck(project: Project, name: str) -> LoadedDeck:
    """Read a deck and all its content; raise one DeckgenError listing every problem."""
    path = project.deck_file(name)
    data, node = load_yaml(path)
    config = validate(DeckConfig, data, node, path)
    brand = load_brand(
        project.brand_dir, config.merkevare, SourceLocation(path, line_of(node, ("merkevare",)))
    )
    templates, tables = content_templates(project, brand, config.fakta, node, path)
    problems = ProblemCollector()
    slides = []
    seen: set[Path] = set()
    for index, relative in enumerate(config.innhold):
        location = SourceLocation(path, line_of(node, ("innhold", index)))
        try:
            content = project.inside(project.content_dir, relative, location, "innholdsfilen")
        except DeckgenError as exc:
            problems.extend(exc)
            continue
        if content in seen:
            problems.add(location, f"«{relative}» er tatt med to ganger")
            continue
        seen.add(content)
        if not content.is_file():
            problems.add(location, f"innholdsfilen «{relative}» finnes ikke i content/")
            continue
        if content.suffix.lower() != ".md":
            problems.add(location, f"innholdsfilen «{relative}» må være en Markdown-fil (.md)")
            continue
        reader = MarkdownReader(
            content,
            resolve_picture=picture_resolver(project),
            load_table=tables.table,
            render=templates.render,
        )
        try:
            slides.extend(reader.read())
        except DeckgenError as exc:
            problems.extend(exc)
    if len(slides) > MAX_SLIDES:
        problems.add(
            SourceLocation(path, 1),
            f"presentasjonen har {format_number(len(slides))} lysbilder; høyst "
            f"{format_number(MAX_SLIDES)} kan bygges. "
            "Del den i flere presentasjoner",
        )
    chapter = None
    if config.kapittel:
        from deckgen.readers.reportfile import read_chapters

        files = [
            (relative, SourceLocation(path, line_of(node, ("kapittel", i))))
            for i, relative in enumerate(config.kapittel)
        ]
        try:
            blocks, notes = read_chapters(project, files, templates.render, tables.table)
            chapter = Report(
                name=name,
                title=f"{config.tittel} – {config.undertittel}"
                if config.undertittel
                else config.tittel,
                subtitle=config.undertittel,
                subject=config.utvalg,
                date=config.dato,
                brand=config.merkevare,
                blocks=blocks,
                footnotes=notes,
                location=SourceLocation(path, 1),
                cover=False,
            )
        except DeckgenError as exc:
            problems.extend(exc)
    problems.raise_if_any()
    deck = Deck(
        name=name,
        title=config.tittel,
        subtitle=config.undertittel,
        committee=config.utvalg,
        date=config.dato,
        brand=config.merkevare,
        slides=slides,
        location=SourceLocation(path, 1),
    )
    return LoadedDeck(deck, brand, tables.mismatches, chapter, tables.warnings)


class Tables:
    """Loads each table spec once per build; keeps the mismatches for check and build."""

    def __init__(self, project: Project, brand: Brand) -> None:
        from deckgen.data.tables import ComputedTable

        self.project = project
        self.style = STYLES[brand.tallformat]
        self.cache: dict[Path, ComputedTable] = {}
        self.failed: dict[Path, list[SharedProblem]] = {}
        """The problems of each spec that could not be loaded, reported once for all its uses."""
        self.mismatches: list[Problem] = []
        self.warnings: list[Problem] = []

    def computed(  # type: ignore[no-untyped-def]
        self, base: Path, relative: str, location: SourceLocation, template: bool = False
    ):
        """The computed table; a template call (template) adds its own place to an error."""
        from deckgen.data.tables import load_table

        path = self.project.inside(base, relative, location, "tabellfilen")
        if path not in self.cache and path not in self.failed:
            try:
                self.cache[path] = load_table(path, location, self.project.root)
            except DeckgenError as exc:
                if not path.is_file():
                    raise  # a spec that does not exist is the problem of the line using it
                self.failed[path] = [SharedProblem(p.location, p.message) for p in exc.problems]
            else:
                self.mismatches.extend(self.cache[path].mismatches)
                self.warnings.extend(self.cache[path].warnings)
        if path in self.failed:
            error = SharedError(self.failed[path])
            if not template:
                error.used_at(location)
            raise error
        return self.cache[path]

    def table(self, base: Path, relative: str, location: SourceLocation) -> Table:
        """The formatted table for `::: tabell <relative>`."""
        return self.computed(base, relative, location).format(self.style, location)

    def value(self, spec: Path, relative: str, row: str, column: str) -> Decimal:
        """An unrounded cell for templates: amounts in kroner, percent columns as the ratio."""
        table = self.computed(
            spec.parent.parent,
            str(spec.relative_to(spec.parent.parent)),
            SourceLocation(spec),
            template=True,
        )
        return table.value(relative, row, column)


def picture_resolver(project: Project):  # type: ignore[no-untyped-def]
    """A function that checks a picture path from content and returns the file and the
    picture to embed (converted to PNG or turned upright where needed)."""

    def resolve(base: Path, relative: str, location: SourceLocation) -> tuple[Path, PictureData]:
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

    return resolve
