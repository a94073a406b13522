"""Declared totals against computed ones: beyond the tolerance a mismatch, within it the
official (declared) figure is shown, and noted, unless the spec says `vis_beregnet: true`.

A figure derived from a total uses the figure shown: a later avvik, andel or sum column of the
same row, and the total row summing subtotals that were shown as printed; so does
`tabell(…).verdi(…)` in the prose, which reads the same rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from deckgen.data.cells import SourceRow, SourceTable
from deckgen.data.computed import ComputedRow, ComputedTable, column_value
from deckgen.data.reading import read_number
from deckgen.data.spec import ColumnSpec, TableSpec
from deckgen.errors import Problem, ProblemCollector, ProblemKind, SourceLocation
from deckgen.model import RowStyle
from deckgen.numbers import DRAMMEN, NumberStyle, format_number, format_percent


@dataclass(frozen=True)
class CellMismatch(Problem):
    """A declared total or control value that differs from the computed one, with its cell."""

    row: str = ""
    """The label of the computed row."""
    column: str = ""
    """The heading (`navn`) of the shown column."""


@dataclass
class Settled:
    """What comparing a table's declared totals found."""

    mismatches: list[Problem] = field(default_factory=list)
    """Declared figures beyond the tolerance."""
    notes: list[Problem] = field(default_factory=list)
    """Declared figures within the tolerance whose shown figure differs from the computed one."""


@dataclass
class _Declared:
    """One declared figure of a computed cell: where it stands and what it says."""

    row: SourceRow
    name: str
    """The source column holding it."""
    column: ColumnSpec
    """The shown column it is compared with."""
    value: Decimal
    """In the shown unit."""


def settle(
    table: ComputedTable,
    by_label: dict[str, SourceRow],
    source: SourceTable,
    factor: Decimal,
    scales: dict[str, Decimal],
    style: NumberStyle = DRAMMEN,
) -> Settled:
    """Compare totals and control columns the source declares with the computed ones, and show
    the declared figure where it is within the tolerance (rows and columns in order)."""
    spec = table.spec
    settled = Settled()
    problems = ProblemCollector()
    shift = [Decimal(0)] * len(spec.kolonner)  # how far the shown subtotals moved, per column
    for row in table.rows:
        changed = row.style is RowStyle.TOTAL and _shift_total(row, shift, spec)
        for index, column in enumerate(spec.kolonner):
            if changed and column.fra is None:
                row.values[index] = column_value(row, spec, index)
            declared = _declared(row, column, by_label, source, factor, scales, problems)
            computed = row.values[index]
            if computed is None and declared is not None and row.style in _SUMMED:
                computed = Decimal(0)  # a sum of empty cells, as the sum row counts them
            if declared is None or computed is None or declared.value == computed:
                continue
            gap = declared.value - computed
            if abs(gap) > tolerance(spec, column):
                settled.mismatches.append(_mismatch(row, declared, computed, source, spec, style))
                continue
            if column.fra is not None and row.style is RowStyle.NORMAL:
                continue  # the export's own figure stays; only its control differs a little
            official = not spec.vis_beregnet
            if official:
                row.values[index] = declared.value
                changed = True
                if row.style is RowStyle.SUBTOTAL and column.fra is not None and not column.percent:
                    shift[index] += gap
            note = _note(row, declared, computed, source, spec, style, official)
            if note is not None:
                settled.notes.append(note)
    problems.raise_if_any()  # a total or control that cannot be read is no mismatch to accept
    return settled


_SUMMED = (RowStyle.SUBTOTAL, RowStyle.TOTAL)

HAIR = Decimal("0.01")
"""What a percent may differ beyond half a unit of its last shown decimal, in that unit: room for
an export that computed its percent from its own rounded amounts."""


def tolerance(spec: TableSpec, column: ColumnSpec) -> Decimal:
    """The largest gap a declared figure may have from the computed one, in the shown unit (a
    fraction for a percent column): `toleranse` for amounts; for a percent, the rounding of
    the shown figure (half a unit of its last decimal, and a hair), so 2,5 % shown with one
    decimal agrees with 2,45–2,55 %."""
    if not column.percent:
        return Decimal(str(spec.toleranse))
    return (Decimal("0.5") + HAIR) * Decimal(10) ** -column.decimals / 100


def _shift_total(row: ComputedRow, shift: list[Decimal], spec: TableSpec) -> bool:
    """Move the total by as much as the subtotals it sums were moved to their declared figures."""
    moved = False
    for index, column in enumerate(spec.kolonner):
        value = row.values[index]
        if column.fra is not None and value is not None and shift[index]:
            row.values[index] = value + shift[index]
            moved = True
    return moved


def _declared(
    row: ComputedRow,
    column: ColumnSpec,
    by_label: dict[str, SourceRow],
    source: SourceTable,
    factor: Decimal,
    scales: dict[str, Decimal],
    problems: ProblemCollector,
) -> _Declared | None:
    """The figure the source declares for one cell of a computed row, in the shown unit: a
    subtotal's or total's own row in the source, or a control column (kontroll:)."""
    declared_row = by_label.get(row.label) if row.style is not RowStyle.NORMAL else row.source
    summed = row.style in (RowStyle.SUBTOTAL, RowStyle.TOTAL)
    name = column.kontroll or (column.fra if summed else None)  # a ratio row is its source
    if declared_row is None or name is None:
        return None
    value = read_number(declared_row, name, source.path, problems, False, scales.get(name))
    if value is None:
        return None
    if not column.percent and row.style is not RowStyle.RATIO:
        value = value * factor
    return _Declared(declared_row, name, column, value)


def _mismatch(
    row: ComputedRow,
    declared: _Declared,
    computed: Decimal,
    source: SourceTable,
    spec: TableSpec,
    style: NumberStyle,
) -> Problem:
    """A declared figure beyond the tolerance."""
    show = _format_plain(declared.column, style)
    return CellMismatch(
        SourceLocation(source.path, declared.row.number),
        f"{_cell(row, declared)}: oppgitt {show(declared.value)}, beregnet {show(computed)} "
        f"({_unit_or_rounding(declared.column, spec, style)})",
        row=row.label,
        column=declared.column.navn,
    )


def _note(
    row: ComputedRow,
    declared: _Declared,
    computed: Decimal,
    source: SourceTable,
    spec: TableSpec,
    style: NumberStyle,
    official: bool,
) -> Problem | None:
    """Which figure a cell within the tolerance shows; None when both look alike."""
    show = _format_plain(declared.column, style)
    if show(declared.value) == show(computed):
        return None
    if official:
        figures = f"viser oppgitt {show(declared.value)}, beregnet {show(computed)}"
    else:
        figures = (
            f"viser beregnet {show(computed)} (vis_beregnet: true), oppgitt {show(declared.value)}"
        )
    amount = Decimal(str(spec.toleranse))
    allowed = format_number(amount, style, _decimals(amount))
    within = (
        f"innenfor avrundingen til {declared.column.decimals} desimal(er)"
        if declared.column.percent
        else f"innenfor toleransen på {allowed}; alle tall i {spec.enhet}"
    )
    return Problem(
        SourceLocation(source.path, declared.row.number),
        f"{_cell(row, declared)}: {figures} ({within})",
        ProblemKind.NOTE,
    )


def _unit_or_rounding(column: ColumnSpec, spec: TableSpec, style: NumberStyle) -> str:
    """What a mismatch message says the figures are: the unit, or for a percent the rounding
    it had to be within."""
    if not column.percent:
        return f"alle tall i {spec.enhet}"
    half = Decimal("0.5") * Decimal(10) ** -column.decimals
    return (
        f"et prosenttall vist med {column.decimals} desimal(er) må stemme innenfor "
        f"avrundingen, {format_number(half, style, column.decimals + 1)} prosentpoeng"
    )


def _cell(row: ComputedRow, declared: _Declared) -> str:
    """The cell a message is about: «rad 14 «Sum», kolonne «2025»»."""
    return f"rad {declared.row.number} «{row.label}», kolonne «{declared.name}»"


def _decimals(value: Decimal) -> int:
    """The decimals a number is written with (1 → 0, 0.5 → 1)."""
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _format_plain(column: ColumnSpec, style: NumberStyle) -> Callable[[Decimal], str]:
    """How a message shows a figure of the column."""

    def show(value: Decimal) -> str:
        if column.percent:
            return format_percent(value, style, column.decimals)
        return format_number(value, style, column.decimals)

    return show
