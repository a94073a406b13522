"""The computed table: unrounded rows, formatted once, and looked up by templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from deckgen.data.cells import (
    SourceRow,
    clean_name,
    nfc,
)
from deckgen.data.names import name_hint
from deckgen.data.spec import UNITS_IN_KRONER, ColumnSpec, TableSpec
from deckgen.errors import (
    DeckgenError,
    Problem,
    SourceLocation,
)
from deckgen.model import Cell, RowStyle, Table, TableRow
from deckgen.numbers import (
    Kroner,
    NumberStyle,
    Share,
    format_number,
    format_percent,
)


@dataclass
class ComputedRow:
    """A row with unrounded values, one per shown column after the label."""

    label: str
    values: list[Decimal | None]
    style: RowStyle = RowStyle.NORMAL
    source: SourceRow | None = None
    percent: bool = False
    """A ratio row whose export marks its figures as percent («1,8 %»), or a percent row
    (radformat:): shown as percent."""
    decimals: int | None = None
    """The row's own decimals (radformat:), over the columns'."""
    display: RowStyle | None = None
    """How writers show the row when not as its style (radformat:'s kursiv:)."""


@dataclass
class ComputedTable:
    """The computed table before formatting, and the mismatches found against the source."""

    spec: TableSpec
    header: list[str]
    rows: list[ComputedRow]
    mismatches: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """Figures shown in a way that hides their value (a non-zero source value shown as 0)."""
    notes: list[Problem] = field(default_factory=list)
    """Declared totals within the tolerance that differ from the computed ones (kind NOTE)."""

    def format(self, style: NumberStyle, location: SourceLocation | None = None) -> Table:
        """Format every figure once, in the brand's number style."""
        columns = self.spec.kolonner
        rows = []
        for row in self.rows:
            cells = [Cell(row.label)]
            for value, column in zip(row.values, columns, strict=True):
                text = _cell_text(row, value, column, style, self.spec.nullverdi)
                cells.append(Cell(text, value=value))
            rows.append(TableRow(cells, row.display or row.style))
        header = [Cell(h) for h in self.header]
        align = ["left"] + ["right"] * len(columns)
        caption = self.spec.tekst
        if caption is None:
            amounts = any(not c.percent for c in columns)
            caption = f"Alle tall i {self.spec.enhet}" if amounts else ""
        return Table(header, rows, align, caption, location, title=self.spec.tittel)

    def value(self, name: str, row: str, column: str) -> Decimal:
        """The unrounded value of one cell, by row label and column heading (as in templates).

        Amounts are in kroner whatever the table shows, so prose picks its own unit; percent
        columns give the fraction.
        """
        row, column = clean_name(row), nfc(column)
        labels = [r.label for r in self.rows]
        if row not in labels:
            raise DeckgenError.at(
                None, f"tabellen «{name}» har ingen rad «{row}»{name_hint(row, labels)}"
            )
        headings = self.header[1:]
        if column not in headings:
            raise DeckgenError.at(
                None,
                f"tabellen «{name}» har ingen kolonne «{column}»{name_hint(column, headings)}",
            )
        found = self.rows[labels.index(row)]
        value = found.values[headings.index(column)]
        if value is None:
            raise DeckgenError.at(None, f"cellen «{row}» / «{column}» i «{name}» er tom")
        if self.spec.kolonner[headings.index(column)].percent or found.percent:
            return Share(value)
        if found.style is RowStyle.RATIO:
            return value
        return Kroner(value * UNITS_IN_KRONER[self.spec.enhet])


def _cell_text(
    row: ComputedRow, value: Decimal | None, column: ColumnSpec, style: NumberStyle, zero: str
) -> str:
    """One figure of a row: a percent row as percent in every column, with the row's decimals."""
    if value is None or row.decimals is None and (column.percent or not row.percent):
        return format_value(value, column, style, zero)
    if row.percent or column.percent:
        decimals = row.decimals if row.percent else None
        if decimals is None:
            decimals = column.decimals if column.percent else column.desimaler
        return format_percent(value, style, 1 if decimals is None else decimals, zero=zero)
    return format_number(value, style, row.decimals or 0, zero=zero)


def format_value(value: Decimal | None, column: ColumnSpec, style: NumberStyle, zero: str) -> str:
    """One figure as the column shows it (empty stays empty)."""
    if value is None:
        return ""
    if column.percent:
        return format_percent(value, style, column.decimals, zero=zero)
    return format_number(value, style, column.decimals, zero=zero)


def computed_columns(row: ComputedRow, spec: TableSpec) -> None:
    """Fill the avvik, andel and sum columns of a row from its other values, in column order."""
    for index, column in enumerate(spec.kolonner):
        if column.fra is None:
            row.values[index] = column_value(row, spec, index)


def column_value(row: ComputedRow, spec: TableSpec, index: int) -> Decimal | None:
    """One avvik, andel or sum column of a row, from the row's values before it."""
    column, names = spec.kolonner[index], [c.navn for c in spec.kolonner]
    wanted = column.avvik or column.andel or column.sum or []
    operands = [row.values[names.index(n)] for n in wanted]
    if column.avvik is not None:
        a, b = operands
        return None if a is None or b is None else a - b
    if column.andel is not None:
        a, b = operands
        return None if a is None or b is None or b == 0 else a / b
    if column.sum is not None and row.style is not RowStyle.RATIO:
        given = [v for v in operands if v is not None]
        return sum(given, Decimal(0)) if given else None
    return row.values[index]
