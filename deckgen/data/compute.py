"""Compute a table from its spec and source rows, unrounded, step by step."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from deckgen.config.schema import line_of
from deckgen.data.cells import (
    SourceRow,
    SourceTable,
    UnreadableCell,
    clean_name,
)
from deckgen.data.checks import (
    check_blank_operands,
    check_total_spellings,
    hidden_values,
    sum_lookalikes,
    unit_in_title,
)
from deckgen.data.computed import ComputedRow, ComputedTable, computed_columns
from deckgen.data.given import show_given
from deckgen.data.groups import column_groups
from deckgen.data.labels import match_dashes
from deckgen.data.names import column_hint, comma_hint, name_hint, total_lookalike
from deckgen.data.official import settle
from deckgen.data.percent import percent_scales
from deckgen.data.reading import cell_text, check_dot_readings, marked_percent, read_number
from deckgen.data.rowformat import (
    check_row_formats,
    percent_rows,
    row_decimals,
    row_scales,
    shown_style,
)
from deckgen.data.spec import UNITS_IN_KRONER, TableSpec
from deckgen.errors import (
    Problem,
    ProblemCollector,
    SourceLocation,
)
from deckgen.model import RowStyle
from deckgen.numbers import DRAMMEN, NumberStyle


@dataclass
class _Reading:
    """What the steps of compute() share: the spec, the source, its rows by label, problems."""

    spec: TableSpec
    source: SourceTable
    spec_path: Path
    node: Any
    style: NumberStyle
    """The brand's number style, for figures in messages."""
    problems: ProblemCollector = field(default_factory=ProblemCollector)
    by_label: dict[str, SourceRow] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    """The labels in source order."""
    scales: dict[str, Decimal] = field(default_factory=dict)
    row_scales: dict[str, Decimal] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    """Warnings found while reading (rows like a subtotal the export lacks)."""
    """How a percent row (radformat:) reads its plain numbers in amount columns."""

    @property
    def factor(self) -> Decimal:
        """What a source amount is multiplied by to be in the shown unit."""
        return UNITS_IN_KRONER[self.spec.enhet_kilde] / UNITS_IN_KRONER[self.spec.enhet]

    def in_spec(self, *where: Any) -> SourceLocation:
        """The line of a key in the spec file."""
        return SourceLocation(self.spec_path, line_of(self.node, where))

    def in_source(self, row: SourceRow) -> SourceLocation:
        """The line of a row in the source."""
        return SourceLocation(self.source.path, row.number)


@dataclass
class _Rows:
    """The rows shown, the rows the total sums, and ratio rows shown after the total."""

    shown: list[ComputedRow] = field(default_factory=list)
    parts: list[ComputedRow] = field(default_factory=list)
    trailing: list[ComputedRow] = field(default_factory=list)


def compute(
    spec: TableSpec, source: SourceTable, spec_path: Path, node: Any, style: NumberStyle = DRAMMEN
) -> ComputedTable:
    """Compute the shown table from the source rows, unrounded."""
    reading = _Reading(spec, source, spec_path, node, style)
    _check_columns(reading)
    _label_rows(reading)
    note = match_dashes(spec, reading.by_label, reading.order, source.name, spec_path, node)
    reading.warnings.extend(unit_in_title(spec, source, spec_path, node))
    reading.warnings.extend(source.notes)
    _check_read_cells(reading)
    check_total_spellings(spec, reading.by_label, reading.order, spec_path, node, reading.problems)
    _check_italic_rows(reading)
    if spec.grupper_fra is not None or spec.delsummer:
        unsummed = set(spec.kursiv) | percent_rows(spec)
        groups = column_groups(
            spec,
            source,
            reading.by_label,
            reading.order,
            spec_path,
            node,
            reading.problems,
            unsummed,
            reading.warnings,
        )
        spec = reading.spec = spec.model_copy(update={"grupper": groups})
    check_row_formats(
        spec, reading.by_label, reading.order, source, spec_path, node, reading.problems
    )
    reading.scales = percent_scales(spec, source, reading.problems, spec_path, node, style)
    reading.row_scales = row_scales(
        spec, reading.by_label, source, spec_path, node, reading.problems, style
    )
    rows = _grouped_rows(reading) if spec.grupper else _plain_rows(reading)
    check_blank_operands(
        [*rows.shown, *rows.trailing], spec, spec_path, source.path, reading.problems
    )
    reading.problems.raise_if_any()
    table = _finished(reading, rows)
    table.warnings.extend([note] if note else [])
    return table


def _check_columns(reading: _Reading) -> None:
    """Every source column the spec names must exist; stops here if one does not."""
    spec, source = reading.spec, reading.source
    for index, column in enumerate(spec.kolonner):
        for name in [column.fra, column.kontroll]:
            if name is not None and name not in source.columns:
                reading.problems.add(
                    reading.in_spec("kolonner", index),
                    f"kilden {source.name} har ingen kolonne «{name}»"
                    f"{column_hint(name, source.columns)}",
                )
    if spec.etikett not in source.columns:
        reading.problems.add(
            reading.in_spec("etikett"),
            f"kilden {source.name} har ingen kolonne «{spec.etikett}»"
            f"{column_hint(spec.etikett, source.columns)}",
        )
    reading.problems.raise_if_any()


def _label_rows(reading: _Reading) -> None:
    """The source rows by label: each label readable, given and used once."""
    for row in reading.source.rows:
        label = _label(reading, row)
        if label is None:
            continue
        if label in reading.by_label:
            first = reading.by_label[label].number
            reading.problems.add(
                reading.in_source(row),
                f"raden «{label}» står to ganger i kilden (rad {first} og {row.number}); "
                "gi radene ulike navn i eksporten, så summer, kontroller og oppslag i teksten "
                "vet hvilken rad som menes",
            )
            continue
        reading.by_label[label] = row
        reading.order.append(label)


def _label(reading: _Reading, row: SourceRow) -> str | None:
    """A row's label, or None (with a problem) when it cannot be read or is empty."""
    cell = row.cells.get(reading.spec.etikett)
    if isinstance(cell, UnreadableCell):
        reading.problems.add(reading.in_source(row), cell.message())
        return None
    label = clean_name(cell_text(cell))
    if not label:
        reading.problems.add(
            reading.in_source(row), f"rad {row.number}: kolonnen «{reading.spec.etikett}» er tom"
        )
        return None
    return label


def _check_read_cells(reading: _Reading) -> None:
    """Unreadable cells and mixed dot readings in the columns the table reads."""
    read = {n: None for c in reading.spec.kolonner for n in (c.fra, c.kontroll) if n}
    for row in reading.source.rows:
        for name in read:
            cell = row.cells.get(name)
            if isinstance(cell, UnreadableCell):
                reading.problems.add(reading.in_source(row), cell.message())
    check_dot_readings(list(read), reading.source, reading.problems)


def _check_italic_rows(reading: _Reading) -> None:
    """Every row under kursiv: must exist in the source."""
    spec, order = reading.spec, reading.order
    for index, label in enumerate(spec.kursiv):
        if label not in reading.by_label:
            reading.problems.add(
                reading.in_spec("kursiv", index),
                f"raden «{label}» under kursiv: finnes ikke i {reading.source.name}"
                f"{name_hint(label, order)}{comma_hint(spec.kursiv, index, order)}",
            )


def _value_row(reading: _Reading, label: str) -> ComputedRow:
    """One source row's shown values, unrounded, in the shown unit."""
    spec, row = reading.spec, reading.by_label[label]
    percent = label in reading.row_scales
    ratio = label in spec.kursiv or percent
    values: list[Decimal | None] = []
    for column in spec.kolonner:
        if column.fra is None:
            values.append(None)
            continue
        by_row = percent and not column.percent
        value = read_number(
            row,
            column.fra,
            reading.source.path,
            reading.problems,
            spec.tomme_som_null,
            reading.row_scales[label] if by_row else reading.scales.get(column.fra),
        )
        if value is not None and not column.percent and not ratio:
            value = value * reading.factor
        values.append(value)
    style = RowStyle.RATIO if ratio else RowStyle.NORMAL
    shown_as_percent = percent or (ratio and _written_as_percent(spec, row))
    return ComputedRow(
        label,
        values,
        style,
        row,
        shown_as_percent,
        row_decimals(spec, label),
        shown_style(spec, label, style),
    )


def _written_as_percent(spec: TableSpec, row: SourceRow) -> bool:
    """Whether every amount cell written in a ratio row has «%» (or Excel's percent format)."""
    amounts = [row.cells.get(c.fra) for c in spec.kolonner if c.fra is not None and not c.percent]
    written = [cell for cell in amounts if cell_text(cell)]
    return bool(written) and all(marked_percent(cell) for cell in written)


def _totals(spec: TableSpec) -> set[str]:
    """The labels of the subtotal and total rows."""
    return {g.delsum for g in spec.grupper if g.delsum} | ({spec.sum} if spec.sum else set())


def _grouped_rows(reading: _Reading) -> _Rows:
    """The rows of each group with its subtotal; every other source row must be accounted for."""
    spec = reading.spec
    rows = _Rows()
    used: set[str] = set()
    for group_index, group in enumerate(spec.grupper):
        members = []
        for row_index, label in enumerate(group.rader):
            if label not in reading.by_label:
                reading.problems.add(
                    reading.in_spec("grupper", group_index, "rader"),
                    f"raden «{label}» finnes ikke i {reading.source.name}"
                    f"{name_hint(label, reading.order)}"
                    f"{comma_hint(group.rader, row_index, reading.order)}",
                )
                continue
            used.add(label)
            members.append(_value_row(reading, label))
        rows.shown.extend(members)
        summed = [m for m in members if m.style is not RowStyle.RATIO]
        if group.delsum:
            subtotal = sum_row(group.delsum, summed, RowStyle.SUBTOTAL, spec)
            rows.shown.append(subtotal)
            rows.parts.append(subtotal)
        else:
            rows.parts.extend(summed)
    _ungrouped_rows(reading, used, rows)
    return rows


def _ungrouped_rows(reading: _Reading, used: set[str], rows: _Rows) -> None:
    """Source rows in no group: ratio rows go after the total, others are an error."""
    totals = _totals(reading.spec)
    for label in reading.order:
        if label in used or label in totals:
            continue
        if label in reading.spec.kursiv or label in reading.row_scales:
            rows.trailing.append(_value_row(reading, label))
            continue
        reading.problems.add(
            reading.in_source(reading.by_label[label]),
            f"raden «{label}» er ikke med i noen gruppe i «{reading.spec_path.name}»"
            f"{total_lookalike(label, totals, reading.spec_path)}",
        )


def _plain_rows(reading: _Reading) -> _Rows:
    """Every source row in order but the totals; ratio rows below the total row stay below."""
    spec, by_label = reading.spec, reading.by_label
    totals = _totals(spec)
    rows = _Rows()
    total_row = by_label[spec.sum].number if spec.sum in by_label else None
    for label in reading.order:
        if label in totals:
            continue
        computed_row = _value_row(reading, label)
        after_total = total_row is not None and by_label[label].number > total_row
        if computed_row.style is RowStyle.RATIO and after_total:
            rows.trailing.append(computed_row)
        else:
            rows.shown.append(computed_row)
    rows.parts = [r for r in rows.shown if r.style is not RowStyle.RATIO]
    return rows


def _finished(reading: _Reading, rows: _Rows) -> ComputedTable:
    """The computed columns, the total row, the header and the checks against the source."""
    spec, source = reading.spec, reading.source
    for computed_row in [*rows.shown, *rows.trailing]:
        if computed_row.style is not RowStyle.SUBTOTAL:
            computed_columns(computed_row, spec)
    warnings: list[Problem] = list(reading.warnings)
    if spec.sum:
        if not spec.grupper:
            warnings.extend(sum_lookalikes(rows.parts, spec.sum, source, reading.spec_path))
        rows.shown.append(sum_row(spec.sum, rows.parts, RowStyle.TOTAL, spec))
    rows.shown.extend(rows.trailing)
    label_heading = spec.etikett if spec.etikett_overskrift is None else spec.etikett_overskrift
    header = [label_heading] + [c.navn for c in spec.kolonner]
    table = ComputedTable(spec, header, rows.shown)
    given = show_given(
        table, reading.by_label, source, reading.scales, reading.problems, reading.style
    )
    reading.problems.raise_if_any()
    settled = settle(table, reading.by_label, source, reading.factor, reading.scales, reading.style)
    table.mismatches, table.notes = settled.mismatches, [*given, *settled.notes]
    table.warnings = [*warnings, *hidden_values(table, source, reading.style)]
    return table


def sum_row(label: str, rows: list[ComputedRow], style: RowStyle, spec: TableSpec) -> ComputedRow:
    """A subtotal or total row: the sum of the rows' source columns, then its computed columns."""
    values: list[Decimal | None] = []
    for index, column in enumerate(spec.kolonner):
        if column.fra is None or column.percent:
            values.append(None)
            continue
        present = [v for v in (r.values[index] for r in rows) if v is not None]
        values.append(sum(present, Decimal(0)) if present else None)
    row = ComputedRow(label, values, style)
    computed_columns(row, spec)
    return row
