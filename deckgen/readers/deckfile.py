"""decks/<name>.yaml → Deck: validates the deck file and reads its content files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from deckgen.errors import DeckgenError, ProblemCollector, SourceLocation
from deckgen.model import Deck
from deckgen.project import Project
from deckgen.readers.markdown import MarkdownReader
from deckgen.readers.yamlfile import line_of, load_yaml, validate


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
    innhold: list[str] = Field(min_length=1)
    """Markdown files under content/, in order."""


def read_deck(project: Project, name: str) -> tuple[Deck, DeckConfig]:
    """Read a deck and all its content; raise one DeckgenError listing every problem."""
    path = project.deck_file(name)
    data, node = load_yaml(path)
    config = validate(DeckConfig, data, node, path)
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
        reader = MarkdownReader(content, resolve_picture=_picture_resolver(project))
        try:
            slides.extend(reader.read())
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
    return deck, config


def _picture_resolver(project: Project):  # type: ignore[no-untyped-def]
    """A function that checks a picture path from content and returns the file."""

    def resolve(base: Path, relative: str, location: SourceLocation) -> Path:
        picture = project.inside(base, relative, location, "bildet")
        if not picture.is_file():
            raise DeckgenError.at(location, f"bildefilen «{relative}» finnes ikke")
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(picture) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError):
            raise DeckgenError.at(
                location, f"«{relative}» er ikke et bilde som kan leses (PNG eller JPEG)"
            ) from None
        return picture

    return resolve
