"""render(name) = read a deck or report → check tables → render every file in memory.

`build` writes what `render` made (atomically); `check` runs the very same `render` and writes
nothing, so both stop on the same errors and print the same warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deckgen.errors import DeckgenError, Problem, SourceLocation
from deckgen.project import Project

FORMATS = ("pptx", "docx")


@dataclass
class Rendered:
    """Every file of one build, in memory, and what rendering them warned about."""

    files: dict[str, bytes]
    """File name (`hoau.pptx`) → its bytes."""
    size: str
    """What was rendered, for the user: «12 lysbilder», «3 kapitler»."""
    slide_count: int = 0
    warnings: list[Problem] = field(default_factory=list)
    """Things that render but do not look right; --strict makes them errors."""
    mismatches: list[Problem] = field(default_factory=list)
    """Totals in the sources that do not add up; they stop a build unless accepted."""
    notes: list[str] = field(default_factory=list)


@dataclass
class BuildResult:
    """What a build wrote and what it warned about."""

    outputs: list[Path]
    slide_count: int
    warnings: list[Problem] = field(default_factory=list)
    """The accepted mismatches (with --godta-avvik) and the other warnings, in that order."""
    notes: list[str] = field(default_factory=list)
    mismatches: list[Problem] = field(default_factory=list)
    """The totals that do not add up, built anyway with --godta-avvik."""


def check_format(fmt: str | None) -> None:
    """Refuse a --format deckgen does not make."""
    if fmt is not None and fmt not in FORMATS:
        raise DeckgenError.at(None, f"ukjent format «{fmt}»; bruk pptx eller docx")


def render(
    project: Project, name: str, fmt: str | None = None, page_numbers: bool = True
) -> Rendered:
    """Render a deck (and its Word chapter) or a report to bytes, writing nothing.

    fmt limits a deck to one format; page_numbers asks LibreOffice for the page numbers of a
    report's table of contents (slow; a check does without).
    """
    check_format(fmt)
    if project.is_report(name):
        return _render_report(project, name, fmt, page_numbers)
    return _render_deck(project, name, fmt)


def _render_report(project: Project, name: str, fmt: str | None, page_numbers: bool) -> Rendered:
    from deckgen.documents import load_document
    from deckgen.model import Heading
    from deckgen.writers.docx import heading_texts, write_docx

    if fmt == "pptx":
        raise DeckgenError.at(
            None,
            f"«{name}» er en rapport og lages bare i Word (.docx); bygg uten --format pptx",
        )
    loaded = load_document(project, name)
    report, brand = loaded.report, loaded.brand
    assert report is not None
    data = write_docx(report, brand)
    notes = []
    if page_numbers:
        from deckgen.writers.toc_pages import available as libreoffice_available
        from deckgen.writers.toc_pages import heading_pages

        if not libreoffice_available():
            pages = None
            cause = "LibreOffice med python3-uno finnes ikke her"
        else:
            pages = heading_pages(data, heading_texts(report))
            cause = "LibreOffice klarte ikke å måle sidene"
        if pages is None:
            notes.append(
                f"merk: innholdsfortegnelsen har ingen sidetall ({cause}); "
                "Word fyller dem inn når dokumentet åpnes"
            )
        else:
            data = write_docx(report, brand, pages)
    chapters = sum(1 for b in report.blocks if isinstance(b, Heading) and b.level == 1)
    return Rendered(
        {f"{name}.docx": data},
        f"{chapters} kapittel" if chapters == 1 else f"{chapters} kapitler",
        0,
        list(loaded.warnings),
        list(loaded.mismatches),
        notes,
    )


def _render_deck(project: Project, name: str, fmt: str | None) -> Rendered:
    from deckgen.documents import load_document
    from deckgen.readers.deckfile import MAX_SLIDES

    loaded = load_document(project, name)
    assert loaded.deck is not None
    if fmt == "docx" and loaded.report is None:
        where = SourceLocation(project.deck_file(name)).display(project.root)
        raise DeckgenError.at(
            None,
            f"presentasjonen «{name}» har ikke noe Word-kapittel (kapittel: i {where}); "
            "bygg uten --format docx",
        )
    result = Rendered({}, "", warnings=list(loaded.warnings), mismatches=list(loaded.mismatches))
    if fmt in (None, "pptx"):
        from deckgen.writers.pptx import write_pptx

        data, fit_warnings, shrunk, result.slide_count = write_pptx(
            loaded.deck, loaded.brand, MAX_SLIDES
        )
        result.files[f"{name}.pptx"] = data
        result.warnings.extend(fit_warnings)
        result.notes.extend(f"merk: {p.display(project.root)}" for p in shrunk)
        result.size = f"{result.slide_count} lysbilder"
    if fmt in (None, "docx") and loaded.report is not None:
        from deckgen.writers.docx import write_docx

        result.files[f"{name}.docx"] = write_docx(loaded.report, loaded.brand)
        result.size = result.size or "Word-kapittelet"
    return result


def stop_if_needed(rendered: Rendered, strict: bool, accept_mismatches: bool) -> None:
    """Raise where a build must stop: totals that do not add up (unless accepted with
    --godta-avvik), and with --strict every warning, the accepted totals included."""
    if rendered.mismatches and not accept_mismatches:
        raise DeckgenError(
            [
                *rendered.warnings,  # a stop must not hide what else was found
                *rendered.mismatches,
                Problem(
                    None,
                    "summene over stemmer ikke med kilden; rett kilden, eller bygg likevel "
                    "med --godta-avvik",
                ),
            ]
        )
    if strict and (rendered.mismatches or rendered.warnings):
        raise DeckgenError([*rendered.mismatches, *rendered.warnings])


def build(
    project: Project,
    name: str,
    out_dir: Path,
    strict: bool = False,
    accept_mismatches: bool = False,
    fmt: str | None = None,
) -> BuildResult:
    """Build a deck (out_dir/<name>.pptx, and <name>.docx if it has a chapter) or a report
    (out_dir/<name>.docx).

    Everything is rendered before anything is written, so a failure leaves earlier files as
    they were.
    """
    from deckgen.output import write_all_atomic

    rendered = render(project, name, fmt)
    stop_if_needed(rendered, strict, accept_mismatches)
    files = {out_dir / file_name: data for file_name, data in rendered.files.items()}
    write_all_atomic(files)
    return BuildResult(
        list(files),
        rendered.slide_count,
        [*rendered.mismatches, *rendered.warnings],
        rendered.notes,
        rendered.mismatches,
    )
