"""build(deck) = read the deck and its content → render with the brand → save atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deckgen.brand import load_brand
from deckgen.errors import DeckgenError, Problem
from deckgen.project import Project
from deckgen.readers.deckfile import read_deck


@dataclass
class BuildResult:
    """What a build wrote and what it warned about."""

    outputs: list[Path]
    slide_count: int
    warnings: list[Problem] = field(default_factory=list)


def build_deck(project: Project, name: str, out_dir: Path, strict: bool = False) -> BuildResult:
    """Build one deck into out_dir/<name>.pptx; nothing is written if anything fails."""
    from deckgen.output import write_atomic
    from deckgen.writers.pptx import write_pptx

    deck, _config = read_deck(project, name)
    brand = load_brand(project.brand_dir, deck.brand)
    data, warnings = write_pptx(deck, brand)
    if strict and warnings:
        raise DeckgenError(warnings)
    target = out_dir / f"{name}.pptx"
    write_atomic(target, data)
    return BuildResult([target], len(deck.slides) + 1, warnings)
