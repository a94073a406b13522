"""deckgen.yaml at the project root: settings for every deck and report, and the default brand."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from deckgen.brand import BUNDLED_BRANDS
from deckgen.config.schema import line_of, validate
from deckgen.config.yamlload import load_yaml
from deckgen.errors import DeckgenError, SourceLocation
from deckgen.project import Project

PROJECT_FILE = "deckgen.yaml"


class ProjectConfig(BaseModel):
    """The keys of deckgen.yaml (docs/merkevare.md)."""

    model_config = ConfigDict(extra="forbid")

    merkevare: str | None = None
    """The brand of every deck and report that does not name its own."""


def brand_names(project: Project) -> list[str]:
    """The brands a document can name: the project's brand/ folders and those shipped with
    deckgen, each once."""
    return sorted(
        {path.parent.name for root in (project.brand_dir, BUNDLED_BRANDS)
         for path in root.glob("*/brand.yaml")}
    )  # fmt: skip


def default_brand(project: Project, document: Path) -> tuple[str, SourceLocation]:
    """The brand of a document without «merkevare:», and where it was chosen: deckgen.yaml's
    «merkevare:», else the only brand there is; several brands and no choice is an error."""
    path = project.root / PROJECT_FILE
    if path.is_file():
        data, node = load_yaml(path)
        config = validate(ProjectConfig, data, node, path)
        if config.merkevare is not None:
            return config.merkevare, SourceLocation(path, line_of(node, ("merkevare",)))
    names = brand_names(project)
    if len(names) == 1:
        return names[0], SourceLocation(document, 1)
    listed = ", ".join(names) or "(ingen)"
    raise DeckgenError.at(
        SourceLocation(document, 1),
        f"filen sier ikke hvilken merkevare den bruker, og prosjektet har {len(names)} "
        f"({listed}); skriv «merkevare: navn» i filen, eller i {PROJECT_FILE} for hele "
        "prosjektet",
    )
