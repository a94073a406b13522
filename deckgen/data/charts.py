"""Chart specs (YAML): a chart drawn from the computed table of a table spec."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from deckgen.config.schema import line_of, validate
from deckgen.config.yamlload import load_yaml
from deckgen.data.cells import nfc
from deckgen.data.computed import ComputedTable
from deckgen.data.names import name_hint
from deckgen.errors import DeckgenError, Problem, ProblemCollector, SourceLocation
from deckgen.model import Chart, ChartKind, ChartSeries, RowStyle, Table

MAX_CATEGORIES = {
    ChartKind.COLUMN: 12,
    ChartKind.BAR: 12,
    ChartKind.STACKED: 12,
    ChartKind.LINE: 24,
    ChartKind.PIE: 8,
    ChartKind.DOUGHNUT: 8,
}
"""More categories than this are hard to read at presentation distance: a warning."""

ONE_SERIES = (ChartKind.PIE, ChartKind.DOUGHNUT)
TARGETED = (ChartKind.COLUMN, ChartKind.LINE)
"""The kinds a target (mål:) can be drawn on, as a dashed line."""

ComputedLoader = Callable[[Path, str, SourceLocation], ComputedTable]
"""The catalog's computed table: (folder, relative spec path, where it is used)."""


class ChartSpec(BaseModel):
    """A chart spec file; see docs/innholdsformat.md, «Diagrammer»."""

    model_config = ConfigDict(extra="forbid")

    diagram: str = Field(pattern="^(" + "|".join(k.value for k in ChartKind) + ")$")
    """The kind of chart (ChartKind's Norwegian names)."""
    tabell: str
    """The table spec whose computed table holds the data, relative to this file."""
    tittel: str | None = None
    """The chart's title (default: the table spec's tittel)."""
    kategorier: str = Field(default="rader", pattern=r"^(rader|kolonner)$")
    """`rader`: each row is a category and each column a series; `kolonner`: the other way."""
    serier: list[str] | None = Field(default=None, min_length=1)
    """The series (columns, or rows with `kategorier: kolonner`); default all but sum rows."""
    mål: str | None = None
    """A column or row drawn as a dashed target line (måltall): with `søyle` or `linje`."""


def is_chart_spec(path: Path) -> bool:
    """Whether a YAML file is a chart spec (it has a top-level «diagram:» key)."""
    if not path.is_file():
        return False
    data, _ = load_yaml(path)
    return isinstance(data, dict) and "diagram" in data


def load_chart(
    path: Path,
    where: SourceLocation,
    computed: ComputedLoader,
    format_table: Callable[[ComputedTable], Table],
) -> tuple[Chart, list[Problem]]:
    """Read a chart spec and draw its series from the computed table; return the chart and
    its warnings (too many categories to read)."""
    data, node = load_yaml(path)
    spec = validate(ChartSpec, data, node, path)
    at = SourceLocation(path, line_of(node, ("tabell",)))
    if Path(spec.tabell).suffix.lower() not in (".yaml", ".yml"):
        raise DeckgenError.at(at, _not_a_table_spec(spec.tabell))
    table = computed(path.parent, spec.tabell, at)
    shown = format_table(table)
    kind = ChartKind(spec.diagram)
    problems = ProblemCollector()
    if spec.mål is not None and kind not in TARGETED:
        problems.add(
            SourceLocation(path, line_of(node, ("mål",))),
            f"«mål:» kan foreløpig bare brukes med «diagram: søyle» eller «diagram: linje», "
            f"ikke «{kind.value}»",
        )
    grid = _Grid(table, shown, spec.kategorier == "kolonner")
    names = _series_names(spec, grid, path, node, problems)
    problems.raise_if_any()
    series = [grid.series(name) for name in names]
    if spec.mål is not None:
        series.append(grid.series(nfc(spec.mål), target=True))
    percent = {grid.percent(s.name) for s in series}
    if len(percent) > 1:
        problems.add(
            at, "et diagram kan ikke blande prosent og beløp; velg serier av ett slag med «serier:»"
        )
    kind_line = SourceLocation(path, line_of(node, ("diagram",)))
    if kind in ONE_SERIES:
        _check_pie(kind, grid.categories, series, kind_line, problems)
    problems.raise_if_any()
    chart = Chart(
        kind,
        spec.tittel if spec.tittel is not None else table.spec.tittel,
        grid.categories,
        series,
        percent=percent == {True},
        caption=shown.caption,
        location=where,
    )
    warnings = []
    if len(chart.categories) > MAX_CATEGORIES[kind]:
        warnings.append(
            Problem(
                kind_line,
                f"diagrammet har {len(chart.categories)} kategorier; mer enn "
                f"{MAX_CATEGORIES[kind]} er vanskelig å lese i et {kind.value}diagram – "
                "vis færre, eller bruk en tabell",
            )
        )
    return chart, warnings


class _Grid:
    """The computed table seen as categories × series, either way round."""

    def __init__(self, table: ComputedTable, shown: Table, by_columns: bool) -> None:
        """Rows are categories unless by_columns (then the column headings are)."""
        self.table, self.shown, self.by_columns = table, shown, by_columns
        self.headings = table.header[1:]
        self.labels = [row.label for row in table.rows]
        plain = [r.label for r in table.rows if r.style in (RowStyle.NORMAL, RowStyle.RATIO)]
        self.categories = self.headings if by_columns else plain
        self.names = plain if by_columns else self.headings
        """The series a spec may name: every row or column; default: all but sum rows."""
        self.choices = self.labels if by_columns else self.headings

    def series(self, name: str, target: bool = False) -> ChartSeries:
        """The values and texts of one series, category by category."""
        if self.by_columns:
            cells = self.shown.rows[self.labels.index(name)].cells[1:]
        else:
            column = self.headings.index(name) + 1
            rows = [self.shown.rows[self.labels.index(c)] for c in self.categories]
            cells = [row.cells[column] for row in rows]
        return ChartSeries(name, [c.value for c in cells], [c.text for c in cells], target)

    def percent(self, name: str) -> bool:
        """Whether a series' figures are percent (its column's or its row's format)."""
        columns = self.table.spec.kolonner
        if self.by_columns:
            row = self.table.rows[self.labels.index(name)]
            return row.percent or all(c.percent for c in columns)
        return columns[self.headings.index(name)].percent


def _series_names(
    spec: ChartSpec, grid: _Grid, path: Path, node: Any, problems: ProblemCollector
) -> list[str]:
    """The series the spec names (or all); a missing row or column is a problem at its line."""
    what, plural = ("rad", "radene") if grid.by_columns else ("kolonne", "kolonnene")
    named: list[tuple[str, tuple[str | int, ...]]] = [
        (nfc(n), ("serier", i)) for i, n in enumerate(spec.serier or [])
    ]
    if spec.mål is not None:
        named.append((nfc(spec.mål), ("mål",)))
    for name, key in named:
        if name not in grid.choices:
            problems.add(
                SourceLocation(path, line_of(node, key)),
                f"tabellen «{spec.tabell}» har ingen {what} «{name}»"
                f"{name_hint(name, grid.choices)}; {plural} er "
                + ", ".join(f"«{c}»" for c in grid.choices),
            )
        elif spec.mål is not None and key != ("mål",) and name == nfc(spec.mål):
            problems.add(
                SourceLocation(path, line_of(node, key)),
                f"«{name}» står både i «serier:» og som «mål:»; den vises enten som serie "
                "eller som stiplet mållinje – ta den ut av «serier:»",
            )
    if spec.serier is None:
        target = nfc(spec.mål) if spec.mål is not None else None
        return [n for n in grid.names if n != target]
    return [name for name, _ in named if name in grid.choices and name != nfc(spec.mål or "")]


def _not_a_table_spec(given: str) -> str:
    """The message for «tabell:» naming a data file (or anything else) instead of a table spec."""
    return (
        f"«tabell:» må peke på en tabellbeskrivelse (.yaml), ikke «{given}»; et diagram tegnes "
        "av tallene i tabellbeskrivelsen, som selv leser datafilen med «kilde:»"
    )


def _check_pie(
    kind: ChartKind,
    categories: list[str],
    series: list[ChartSeries],
    where: SourceLocation,
    problems: ProblemCollector,
) -> None:
    """A pie or doughnut shows one series of parts: none negative, none empty."""
    if len(series) != 1:
        problems.add(
            where,
            f"et {kind.value}diagram viser én serie, men fikk {len(series)} "
            f"({', '.join(s.name for s in series)}); velg én med «serier:»",
        )
        return
    only = series[0]
    for category, value, text in zip(categories, only.values, only.texts, strict=True):
        if value is None or value < Decimal(0):
            what = "er tom" if value is None else f"er negativ ({text})"
            problems.add(
                where,
                f"«{only.name}» / «{category}» {what}; et {kind.value}diagram viser bare deler "
                "av et hele – bruk «diagram: søyle» for tall som kan være negative eller mangle",
            )
            return
