"""build(deck) = read the deck and its content → check tables → render → save atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deckgen.errors import DeckgenError, Problem
from deckgen.project import Project
from deckgen.readers.deckfile import LoadedDeck, read_deck


@dataclass
class BuildResult:
    """What a build wrote and what it warned about."""

    outputs: list[Path]
    slide_count: int
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def build_report(
    project: Project, name: str, out_dir: Path, accept_mismatches: bool = False
) -> BuildResult:
    """Build a report into out_dir/<name>.docx, with page numbers in its table of contents."""
    from deckgen.output import write_atomic
    from deckgen.readers.reportfile import read_report
    from deckgen.writers.docx import heading_texts, write_docx
    from deckgen.writers.toc_pages import heading_pages

    loaded = read_report(project, name)
    warnings = _mismatches_as_warnings(loaded.mismatches, accept_mismatches)
    report, brand = loaded.report, loaded.brand
    data = write_docx(report, brand)
    notes = []
    pages = heading_pages(data, heading_texts(report))
    if pages is None:
        notes.append(
            "merk: innholdsfortegnelsen har ingen sidetall (LibreOffice med python3-uno "
            "finnes ikke her); Word fyller dem inn når dokumentet åpnes"
        )
    else:
        data = write_docx(report, brand, pages)
    target = out_dir / f"{name}.docx"
    write_atomic(target, data)
    return BuildResult([target], 0, warnings, notes)


def _mismatches_as_warnings(mismatches: list[Problem], accept: bool) -> list[Problem]:
    """Totals that do not add up stop the build, unless the user accepts them (--godta-avvik)."""
    if mismatches and not accept:
        raise DeckgenError(
            [
                *mismatches,
                Problem(
                    None,
                    "summene over stemmer ikke med kilden; rett kilden, eller bygg likevel "
                    "med --godta-avvik",
                ),
            ]
        )
    return list(mismatches)


def check_deck(project: Project, name: str) -> LoadedDeck:
    """Read a deck and compute its tables without writing anything."""
    return read_deck(project, name)


def build_deck(
    project: Project,
    name: str,
    out_dir: Path,
    strict: bool = False,
    accept_mismatches: bool = False,
    formats: tuple[str, ...] = ("pptx", "docx"),
) -> BuildResult:
    """Build a deck to out_dir/<name>.pptx (and its Word chapter to <name>.docx, if it has one).

    Everything is rendered before anything is written, so a failure leaves earlier files as
    they were.
    """
    from deckgen.output import write_all_atomic
    from deckgen.writers.pptx import write_pptx

    loaded = read_deck(project, name)
    warnings = _mismatches_as_warnings(loaded.mismatches, accept_mismatches)
    files: dict[Path, bytes] = {}
    notes: list[str] = []
    slide_count = 0
    if "pptx" in formats:
        data, fit_warnings, shrunk, slide_count = write_pptx(loaded.deck, loaded.brand)
        warnings.extend(fit_warnings)
        notes.extend(f"merk: {p.display(project.root)}" for p in shrunk)
        files[out_dir / f"{name}.pptx"] = data
    if "docx" in formats and loaded.chapter is not None:
        from deckgen.writers.docx import write_docx

        files[out_dir / f"{name}.docx"] = write_docx(loaded.chapter, loaded.brand)
    if strict and warnings:
        raise DeckgenError(warnings)
    write_all_atomic(files)
    return BuildResult(list(files), slide_count, warnings, notes)
