"""Compute a table from its spec and source rows, unrounded, step by step."""

from __future__ import annotations

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
    mismatches,
    sum_lookalikes,
)
from deckgen.data.computed import ComputedRow, ComputedTable
from deckgen.data.names import column_hint, comma_hint, name_hint, total_lookalike
from deckgen.data.percent import percent_scales
from deckgen.data.reading import cell_text, check_dot_readings, marked_percent, read_number
from deckgen.data.spec import UNITS_IN_KRONER, TableSpec
from deckgen.errors import (
    Problem,
    ProblemCollector,
    SourceLocation,
)
from deckgen.model import RowStyle


def compute(spec: TableSpec, source: SourceTable, spec_path: Path, node: Any) -> ComputedTable:
    """Compute the shown table from the source rows, unrounded."""
    problems = ProblemCollector()
    for index, column in enumerate(spec.kolonner):
        for name in [column.fra, column.kontroll]:
            if name is not None and name not in source.columns:
                problems.add(
                    SourceLocation(spec_path, line_of(node, ("kolonner", index))),
                    f"kilden {source.name} har ingen kolonne «{name}»"
                    f"{column_hint(name, source.columns)}",
                )
    if spec.etikett not in source.columns:
        problems.add(
            SourceLocation(spec_path, line_of(node, ("etikett",))),
            f"kilden {source.name} har ingen kolonne «{spec.etikett}»"
            f"{column_hint(spec.etikett, source.columns)}",
        )
    problems.raise_if_any()

    factor = UNITS_IN_KRONER[spec.enhet_kilde] / UNITS_IN_KRONER[spec.enhet]
    by_label: dict[str, SourceRow] = {}
    order: list[str] = []
    for row in source.rows:
        cell = row.cells.get(spec.etikett)
        if isinstance(cell, UnreadableCell):
            problems.add(SourceLocation(source.path, row.number), cell.message())
            continue
        label = clean_name(cell_text(cell))
        if not label:
            problems.add(
                SourceLocation(source.path, row.number),
                f"rad {row.number}: kolonnen «{spec.etikett}» er tom",
            )
            continue
        if label in by_label:
            first = by_label[label].number
            problems.add(
                SourceLocation(source.path, row.number),
                f"raden «{label}» står to ganger i kilden (rad {first} og {row.number}); "
                "gi radene ulike navn i eksporten, så summer, kontroller og oppslag i teksten "
                "vet hvilken rad som menes",
            )
            continue
        by_label[label] = row
        order.append(label)
    read = {n: None for c in spec.kolonner for n in (c.fra, c.kontroll) if n}
    for row in source.rows:
        for name in read:
            cell = row.cells.get(name)
            if isinstance(cell, UnreadableCell):
                problems.add(SourceLocation(source.path, row.number), cell.message())
    check_dot_readings(list(read), source, problems)
    check_total_spellings(spec, by_label, order, spec_path, node, problems)
    ratios = set(spec.kursiv)
    for index, label in enumerate(spec.kursiv):
        if label not in by_label:
            problems.add(
                SourceLocation(spec_path, line_of(node, ("kursiv", index))),
                f"raden «{label}» under kursiv: finnes ikke i {source.name}"
                f"{name_hint(label, order)}{comma_hint(spec.kursiv, index, order)}",
            )
    scales = percent_scales(spec, source, problems, spec_path, node)

    def value_row(label: str) -> ComputedRow:
        row = by_label[label]
        ratio = label in ratios
        values: list[Decimal | None] = []
        for column in spec.kolonner:
            if column.fra is None:
                values.append(None)
                continue
            value = read_number(
                row, column.fra, source.path, problems, spec.tomme_som_null, scales.get(column.fra)
            )
            if value is not None and not column.percent and not ratio:
                value = value * factor
            values.append(value)
        style = RowStyle.RATIO if ratio else RowStyle.NORMAL
        amounts = [
            row.cells.get(c.fra) for c in spec.kolonner if c.fra is not None and not c.percent
        ]
        written = [cell for cell in amounts if cell_text(cell)]
        percent = ratio and bool(written) and all(marked_percent(cell) for cell in written)
        return ComputedRow(label, values, style, row, percent)

    totals = {g.delsum for g in spec.grupper if g.delsum} | ({spec.sum} if spec.sum else set())
    rows: list[ComputedRow] = []
    parts: list[ComputedRow] = []
    trailing: list[ComputedRow] = []
    """Ratio rows shown after the final sum row."""
    if spec.grupper:
        used: set[str] = set()
        for group_index, group in enumerate(spec.grupper):
            members = []
            for row_index, label in enumerate(group.rader):
                if label not in by_label:
                    problems.add(
                        SourceLocation(spec_path, line_of(node, ("grupper", group_index, "rader"))),
                        f"raden «{label}» finnes ikke i {source.name}"
                        f"{name_hint(label, order)}{comma_hint(group.rader, row_index, order)}",
                    )
                    continue
                used.add(label)
                members.append(value_row(label))
            rows.extend(members)
            summed = [m for m in members if m.style is not RowStyle.RATIO]
            if group.delsum:
                subtotal = sum_row(group.delsum, summed, RowStyle.SUBTOTAL, spec)
                rows.append(subtotal)
                parts.append(subtotal)
            else:
                parts.extend(summed)
        for label in order:
            if label in used or label in totals:
                continue
            if label in ratios:
                trailing.append(value_row(label))
                continue
            problems.add(
                SourceLocation(source.path, by_label[label].number),
                f"raden «{label}» er ikke med i noen gruppe i «{spec_path.name}»"
                f"{total_lookalike(label, totals, spec_path)}",
            )
    else:
        total_row = by_label[spec.sum].number if spec.sum in by_label else None
        for label in order:
            if label in totals:
                continue
            computed_row = value_row(label)
            after_total = total_row is not None and by_label[label].number > total_row
            if computed_row.style is RowStyle.RATIO and after_total:
                trailing.append(computed_row)
            else:
                rows.append(computed_row)
        parts = [r for r in rows if r.style is not RowStyle.RATIO]
    check_blank_operands([*rows, *trailing], spec, spec_path, source.path, problems)
    problems.raise_if_any()

    for computed_row in [*rows, *trailing]:
        if computed_row.style is not RowStyle.SUBTOTAL:
            computed_columns(computed_row, spec)
    warnings: list[Problem] = []
    if spec.sum:
        if not spec.grupper:
            warnings.extend(sum_lookalikes(parts, spec.sum, source, spec_path))
        rows.append(sum_row(spec.sum, parts, RowStyle.TOTAL, spec))
    rows.extend(trailing)

    label_heading = spec.etikett if spec.etikett_overskrift is None else spec.etikett_overskrift
    header = [label_heading] + [c.navn for c in spec.kolonner]
    table = ComputedTable(spec, header, rows)
    table.mismatches = mismatches(table, by_label, source, factor, scales)
    table.warnings = [*warnings, *hidden_values(table, source)]
    return table


def sum_row(label: str, rows: list[ComputedRow], style: RowStyle, spec: TableSpec) -> ComputedRow:
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


def computed_columns(row: ComputedRow, spec: TableSpec) -> None:
    """Fill the avvik, andel and sum columns of a row from its other values, in column order."""
    names = [c.navn for c in spec.kolonner]
    for index, column in enumerate(spec.kolonner):
        wanted = column.avvik or column.andel or column.sum or []
        operands = [row.values[names.index(n)] for n in wanted]
        if column.avvik is not None:
            a, b = operands
            row.values[index] = None if a is None or b is None else a - b
        elif column.andel is not None:
            a, b = operands
            row.values[index] = None if a is None or b is None or b == 0 else a / b
        elif column.sum is not None and row.style is not RowStyle.RATIO:
            given = [v for v in operands if v is not None]
            row.values[index] = sum(given, Decimal(0)) if given else None
