"""`deckgen table <spec.yaml>`: a computed table as aligned text, checked as a build checks it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import DeckgenError, Problem, ProblemKind, SourceLocation, suggestion
from deckgen.model import RowStyle
from deckgen.project import Project

if TYPE_CHECKING:
    from deckgen.data.computed import ComputedTable
    from deckgen.model import Table
    from deckgen.numbers import NumberStyle

GAP = "  "
"""Space between two columns."""
MARK = "!"
"""Stands right after a figure that differs from the total printed in the export."""
RULES = {RowStyle.SUBTOTAL: "─", RowStyle.TOTAL: "═"}
"""The line drawn above a subtotal (single) and the total (double), as in printed budgets."""


@dataclass(frozen=True)
class Line:
    """One printed line and how a terminal shows it (plain text is the same without styles)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class TableView:
    """The lines to print and what the checks found."""

    lines: list[Line]
    mismatches: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    """Printed totals shown within the tolerance, row names matched across dash kinds."""


def view_table(project: Project, given: str, number_style: str | None = None) -> TableView:
    """Load the spec named on the command line and lay out its computed table."""
    from deckgen.data.tables import load_table
    from deckgen.numbers import STYLES

    if number_style is not None and number_style not in STYLES:
        raise DeckgenError.at(
            None,
            f"ukjent tallformat «{number_style}» i --tallformat{suggestion(number_style, STYLES)}; "
            f"gyldige: {', '.join(STYLES)}",
        )
    path = spec_path(project, given)
    style, brand_problem = _default_style(project, path, number_style)
    table = load_table(path, SourceLocation(path), project.root, style)
    if number_style is not None:
        style = STYLES[number_style]
    elif table.spec.tallformat:
        style = STYLES[table.spec.tallformat]
    elif brand_problem is not None:
        raise DeckgenError([brand_problem])
    notes = [p for p in table.warnings if p.kind is ProblemKind.NOTE]
    warnings = [p for p in table.warnings if p.kind is not ProblemKind.NOTE]
    return TableView(lay_out(table, style), list(table.mismatches), warnings, notes + table.notes)


def spec_path(project: Project, given: str) -> Path:
    """The spec file: relative to the current folder, else to the project; never outside it."""
    where = SourceLocation(Path(given))
    here = Path.cwd() / given
    base = Path.cwd() if here.is_file() or not (project.root / given).is_file() else project.root
    if Path(given).is_absolute():
        base = Path(given).parent
        given = Path(given).name
    path = project.inside(base, given, where, "tabellfilen")
    if path.is_file():
        return path
    folder = path.parent if path.parent.is_dir() else project.content_dir
    nearby = [_shown(p, project) for p in sorted(folder.glob("*.yaml"))]
    raise DeckgenError.at(
        None,
        f"tabellfilen «{given}» finnes ikke (verken fra mappen du står i eller fra "
        f"prosjektmappen){suggestion(_shown(path, project), nearby)}",
    )


def _shown(path: Path, project: Project) -> str:
    """A path as the user would type it from the project folder."""
    try:
        return path.relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _default_style(
    project: Project, spec: Path, number_style: str | None
) -> tuple[NumberStyle, Problem | None]:
    """The number style when the spec names none: the option's, else the project's (see
    `_project_styles`); a problem to raise when the spec names none and the project has several."""
    from deckgen.numbers import DRAMMEN, STYLES

    if number_style is not None:
        return STYLES[number_style], None
    styles = _project_styles(project, spec)
    if len(styles) == 1:
        return STYLES[next(iter(styles))], None
    used = "; ".join(f"{name} i {', '.join(files)}" for name, files in sorted(styles.items()))
    why = (
        f"prosjektet viser tall på flere måter ({used})"
        if styles
        else "ingen presentasjon eller rapport i prosjektet sier hvilken merkevare (og dermed "
        "hvilket tallformat) den bruker"
    )
    problem = Problem(
        SourceLocation(spec),
        f"tabellbeskrivelsen har ikke tallformat:, og {why}; velg med --tallformat drammen "
        "eller --tallformat språkrådet (eller skriv «merkevare:» i deckgen.yaml)",
    )
    return DRAMMEN, problem


def _project_styles(project: Project, spec: Path) -> dict[str, list[str]]:
    """The number styles the project's documents use → the documents using each: deckgen.yaml's
    brand (or the only brand) when it has one, else each deck's and report's own."""
    from deckgen.brand import load_brand
    from deckgen.config.yamlload import load_yaml
    from deckgen.numbers import STYLES
    from deckgen.projectconfig import PROJECT_FILE, brand_names, default_brand

    if (project.root / PROJECT_FILE).is_file() or len(brand_names(project)) == 1:
        try:
            name, where = default_brand(project, spec)
        except DeckgenError:  # deckgen.yaml names no brand, and the project has several
            pass
        else:
            return {load_brand(project.brand_dir, name, where).tallformat: [PROJECT_FILE]}
    styles: dict[str, list[str]] = {}
    for folder in (project.decks_dir, project.reports_dir):
        for path in sorted(folder.glob("*.yaml")):
            data, _node = load_yaml(path)
            if not isinstance(data, dict) or not isinstance(data.get("merkevare"), str):
                continue  # the build says what is wrong with the file
            style = data.get("tallformat")
            if style not in STYLES:
                brand = load_brand(project.brand_dir, data["merkevare"], SourceLocation(path))
                style = brand.tallformat
            styles.setdefault(style, []).append(path.stem)
    return styles


def lay_out(computed: ComputedTable, style: NumberStyle) -> list[Line]:
    """Title, header, rows with rules above subtotals and the total, then the unit caption."""
    from deckgen.data.official import CellMismatch

    table = computed.format(style)
    marked = {(p.row, p.column) for p in computed.mismatches if isinstance(p, CellMismatch)}
    headings = computed.header[1:]
    grid = [[c.text for c in table.header]]
    for row in table.rows:
        label = row.cells[0].text
        grid.append(
            [label]
            + [
                cell.text + (MARK if (label, heading) in marked else "")
                for cell, heading in zip(row.cells[1:], headings, strict=True)
            ]
        )
    widths = _widths(grid, bool(marked))
    lines: list[Line] = []
    if computed.spec.tittel:
        lines += [Line(computed.spec.tittel, bold=True), Line("")]
    lines.append(Line(_joined(grid[0], widths, bool(marked)), bold=True))
    lines.append(Line(GAP.join("─" * w for w in widths)))
    for row, cells in zip(table.rows, grid[1:], strict=True):
        if row.style in RULES:
            lines.append(Line(RULES[row.style] * _total_width(widths)))
        lines.append(
            Line(
                _joined(cells, widths, bool(marked)),
                bold=row.style in RULES,
                italic=row.style is RowStyle.RATIO,
            )
        )
    lines += _caption(table, bool(marked))
    return lines


def _caption(table: Table, marked: bool) -> list[Line]:
    """The unit caption as under the slide's table, and what the mark means."""
    lines = [Line(table.caption)] if table.caption else []
    if marked:
        lines.append(Line(f"{MARK} = stemmer ikke med summen i kilden (avvik, se under)"))
    return lines


def _widths(grid: list[list[str]], marked: bool) -> list[int]:
    """Each column's width: its longest cell, a figure column with room for the mark."""
    widths = [max(len(row[c]) for row in grid) for c in range(len(grid[0]))]
    if marked:
        for c in range(1, len(widths)):
            widths[c] = max(len(row[c].removesuffix(MARK)) for row in grid) + 1
    return widths


def _joined(cells: list[str], widths: list[int], marked: bool) -> str:
    """One line: the label left-aligned, figures right-aligned, a mark after its figure."""
    parts = [cells[0].ljust(widths[0])]
    for text, width in zip(cells[1:], widths[1:], strict=True):
        if marked and not text.endswith(MARK):
            text += " "
        parts.append(text.rjust(width))
    return GAP.join(parts).rstrip()


def _total_width(widths: list[int]) -> int:
    """The width of a full line."""
    return sum(widths) + len(GAP) * (len(widths) - 1)
