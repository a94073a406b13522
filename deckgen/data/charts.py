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
from deckgen.data.waterfall import balances
from deckgen.errors import DeckgenError, Problem, ProblemCollector, SourceLocation
from deckgen.model import Chart, ChartKind, ChartSeries, RowStyle, Table
from deckgen.numbers import NumberStyle

MAX_CATEGORIES = {
    ChartKind.COLUMN: 12,
    ChartKind.BAR: 12,
    ChartKind.STACKED: 12,
    ChartKind.LINE: 24,
    ChartKind.PIE: 8,
    ChartKind.DOUGHNUT: 8,
    ChartKind.COMBINED: 12,
    ChartKind.WATERFALL: 12,
}
"""More categories than this are hard to read at presentation distance: a warning."""

MAX_SERIES = {
    ChartKind.COLUMN: 4,
    ChartKind.BAR: 4,
    ChartKind.COMBINED: 4,
    ChartKind.LINE: 6,
    ChartKind.STACKED: 6,
}
"""More series than this side by side are hard to tell apart and crowd their figures."""

ONE_SERIES = (ChartKind.PIE, ChartKind.DOUGHNUT, ChartKind.WATERFALL)
TARGETED = (ChartKind.COLUMN, ChartKind.LINE, ChartKind.COMBINED)
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
    linjer: list[str] | None = Field(default=None, min_length=1)
    """With `kombinert`: the series drawn as lines over the others' columns."""


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
    style_of: Callable[[ComputedTable], NumberStyle],
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
    _check_keys(spec, kind, path, node, problems)
    grid = _Grid(table, shown, spec.kategorier == "kolonner", kind is ChartKind.WATERFALL)
    names = _series_names(spec, kind, grid, path, node, problems)
    problems.raise_if_any()
    lines = {nfc(n) for n in spec.linjer or []}
    series = [grid.series(name, line=name in lines) for name in names]
    if spec.mål is not None:
        target_line = SourceLocation(path, line_of(node, ("mål",)))
        series.append(_target(grid.series(nfc(spec.mål), target=True), target_line, problems))
    percent = {grid.percent(s.name) for s in series}
    if len(percent) > 1:
        shares = [s.name for s in series if grid.percent(s.name)]
        amounts = [s.name for s in series if not grid.percent(s.name)]
        problems.add(
            at,
            "et diagram kan ikke blande prosent og beløp: "
            f"{', '.join(f'«{n}»' for n in shares)} er prosent, "
            f"{', '.join(f'«{n}»' for n in amounts)} er beløp; velg serier av ett slag med "
            "«serier:»",
        )
    kind_line = SourceLocation(path, line_of(node, ("diagram",)))
    if kind in ONE_SERIES:
        series_line = SourceLocation(path, line_of(node, ("serier",))) if spec.serier else None
        _check_one_series(kind, series, series_line or kind_line, problems)
    problems.raise_if_any()
    totals: list[bool] = []
    if kind is ChartKind.WATERFALL:
        column = table.spec.kolonner[grid.headings.index(series[0].name)]
        totals = balances(table.rows, series[0], column, style_of(table), at, problems)
    elif kind in ONE_SERIES:
        _check_parts(kind, grid.categories, series[0], kind_line, problems)
    problems.raise_if_any()
    chart = Chart(
        kind,
        spec.tittel if spec.tittel is not None else table.spec.tittel,
        grid.categories,
        series,
        percent=percent == {True},
        caption=shown.caption,
        location=where,
        totals=totals,
    )
    return chart, _hard_to_read(chart, kind_line)


def _hard_to_read(chart: Chart, where: SourceLocation) -> list[Problem]:
    """Warnings for a chart that draws but is hard to read at presentation distance: too many
    categories or series, or thin doughnut slices whose figures crowd each other."""
    kind, warnings = chart.kind, []
    if len(chart.categories) > MAX_CATEGORIES[kind]:
        warnings.append(
            Problem(
                where,
                f"diagrammet har {len(chart.categories)} kategorier; mer enn "
                f"{MAX_CATEGORIES[kind]} er vanskelig å lese i et {kind.value}diagram – "
                "vis færre, eller bruk en tabell",
            )
        )
    drawn = [s for s in chart.series if not s.target]
    if len(drawn) > MAX_SERIES.get(kind, len(drawn)):
        warnings.append(
            Problem(
                where,
                f"diagrammet har {len(drawn)} serier; mer enn {MAX_SERIES[kind]} er vanskelig å "
                "skille og gir tall oppå hverandre – velg færre med «serier:», eller bytt om "
                "med «kategorier:»",
            )
        )
    if kind is ChartKind.DOUGHNUT:
        thin = [c for c, t in zip(chart.categories, chart.thin_parts(), strict=True) if t]
        if len(thin) > 1:
            warnings.append(
                Problem(
                    where,
                    "smultringdiagrammet har flere små deler ("
                    + ", ".join(f"«{c}»" for c in thin)
                    + ") der tallene kan legge seg oppå hverandre; «diagram: kake» setter "
                    "tallene for små deler utenfor",
                )
            )
    return warnings


class _Grid:
    """The computed table seen as categories × series, either way round."""

    def __init__(
        self, table: ComputedTable, shown: Table, by_columns: bool, every_row: bool = False
    ) -> None:
        """Rows are categories unless by_columns (then the column headings are); sum rows
        only when every_row (a waterfall's balances)."""
        self.table, self.shown, self.by_columns = table, shown, by_columns
        self.headings = table.header[1:]
        self.labels = [row.label for row in table.rows]
        plain = [r.label for r in table.rows if r.style in (RowStyle.NORMAL, RowStyle.RATIO)]
        self.categories = self.headings if by_columns else self.labels if every_row else plain
        self.names = plain if by_columns else self.headings
        """The series a spec may name: every row or column; default: all but sum rows."""
        self.choices = self.labels if by_columns else self.headings

    def series(self, name: str, target: bool = False, line: bool = False) -> ChartSeries:
        """The values and texts of one series, category by category."""
        if self.by_columns:
            cells = self.shown.rows[self.labels.index(name)].cells[1:]
        else:
            column = self.headings.index(name) + 1
            rows = [self.shown.rows[self.labels.index(c)] for c in self.categories]
            cells = [row.cells[column] for row in rows]
        return ChartSeries(
            name, [c.value for c in cells], [c.text for c in cells], target=target, line=line
        )

    def percent(self, name: str) -> bool:
        """Whether a series' figures are percent (its column's or its row's format)."""
        columns = self.table.spec.kolonner
        if self.by_columns:
            row = self.table.rows[self.labels.index(name)]
            return row.percent or all(c.percent for c in columns)
        return columns[self.headings.index(name)].percent


def _series_names(
    spec: ChartSpec,
    kind: ChartKind,
    grid: _Grid,
    path: Path,
    node: Any,
    problems: ProblemCollector,
) -> list[str]:
    """The series the spec names (or all); a missing row or column is a problem at its line."""
    what, plural = ("rad", "radene") if grid.by_columns else ("kolonne", "kolonnene")
    named: list[tuple[str, tuple[str | int, ...]]] = [
        (nfc(n), ("serier", i)) for i, n in enumerate(spec.serier or [])
    ]
    if spec.mål is not None and kind in TARGETED:  # elsewhere «mål:» itself is the error
        named.append((nfc(spec.mål), ("mål",)))
    chosen = {name for name, _ in named}
    for i, line in enumerate(spec.linjer or []):
        if spec.serier is None or nfc(line) not in grid.choices:
            named.append((nfc(line), ("linjer", i)))
        elif nfc(line) not in chosen:
            problems.add(
                SourceLocation(path, line_of(node, ("linjer", i))),
                f"«{line}» står i «linjer:», men ikke i «serier:»; føy den til der",
            )
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
    target = nfc(spec.mål) if spec.mål is not None else None
    if spec.serier is None:
        names = [n for n in grid.names if n != target]
    else:
        names = [nfc(n) for n in spec.serier if nfc(n) in grid.choices and nfc(n) != target]
    if spec.linjer and not {n for n in names if n not in map(nfc, spec.linjer)}:
        problems.add(
            SourceLocation(path, line_of(node, ("linjer",))),
            "et kombinert diagram trenger minst én serie som søyler; alle seriene står i «linjer:»",
        )
    return names


def _target(target: ChartSeries, where: SourceLocation, problems: ProblemCollector) -> ChartSeries:
    """A target line: one figure holds for every category (a line needs two points); none is
    an error."""
    given = [(v, t) for v, t in zip(target.values, target.texts, strict=True) if v is not None]
    if not given:
        problems.add(where, f"målet «{target.name}» har ingen tall i tabellen")
    elif len(given) == 1:
        (value, text), count = given[0], len(target.values)
        return ChartSeries(target.name, [value] * count, [text] * count, target=True)
    return target


def _not_a_table_spec(given: str) -> str:
    """The message for «tabell:» naming a data file (or anything else) instead of a table spec."""
    return (
        f"«tabell:» må peke på en tabellbeskrivelse (.yaml), ikke «{given}»; et diagram tegnes "
        "av tallene i tabellbeskrivelsen, som selv leser datafilen med «kilde:»"
    )


def _check_keys(
    spec: ChartSpec, kind: ChartKind, path: Path, node: Any, problems: ProblemCollector
) -> None:
    """Keys that only some kinds can have: mål, linjer, and kategorier for a waterfall."""
    if spec.mål is not None and kind not in TARGETED:
        problems.add(
            SourceLocation(path, line_of(node, ("mål",))),
            "«mål:» kan foreløpig bare brukes med «diagram: søyle», «diagram: linje» eller "
            f"«diagram: kombinert», ikke «{kind.value}»",
        )
    if spec.linjer is not None and kind is not ChartKind.COMBINED:
        problems.add(
            SourceLocation(path, line_of(node, ("linjer",))),
            f"«linjer:» brukes bare med «diagram: kombinert», ikke «{kind.value}»",
        )
    if spec.linjer is None and kind is ChartKind.COMBINED:
        problems.add(
            SourceLocation(path, line_of(node, ("diagram",))),
            "et kombinert diagram trenger «linjer:» med seriene som skal vises som linjer "
            "over søylene",
        )
    if kind is ChartKind.WATERFALL and spec.kategorier == "kolonner":
        problems.add(
            SourceLocation(path, line_of(node, ("kategorier",))),
            "et fossefall har radene som kategorier (startverdi, endringer, sluttverdi); "
            "fjern «kategorier: kolonner»",
        )


def _check_one_series(
    kind: ChartKind, series: list[ChartSeries], where: SourceLocation, problems: ProblemCollector
) -> None:
    """A pie, doughnut or waterfall shows one series."""
    if len(series) != 1:
        problems.add(
            where,
            f"et {kind.value}diagram viser én serie, men fikk {len(series)} "
            f"({', '.join(s.name for s in series)}); velg én med «serier:»",
        )


def _check_parts(
    kind: ChartKind,
    categories: list[str],
    only: ChartSeries,
    where: SourceLocation,
    problems: ProblemCollector,
) -> None:
    """A pie or doughnut shows one series of parts: none negative, none empty."""
    for category, value, text in zip(categories, only.values, only.texts, strict=True):
        if value is None or value < Decimal(0):
            what = "er tom" if value is None else f"er negativ ({text})"
            problems.add(
                where,
                f"«{only.name}» / «{category}» {what}; et {kind.value}diagram viser bare deler "
                "av et hele – bruk «diagram: søyle» for tall som kan være negative eller mangle",
            )
            return
