"""Figures of a subtotal or total row that cannot be summed (a percent column read with
`fra:`): shown as the export gives them, and noted as unchecked, never dropped."""

from __future__ import annotations

from decimal import Decimal

from deckgen.data.cells import SourceRow, SourceTable
from deckgen.data.computed import ComputedTable, computed_columns
from deckgen.data.reading import read_number
from deckgen.errors import Problem, ProblemCollector, ProblemKind, SourceLocation
from deckgen.model import RowStyle
from deckgen.numbers import DRAMMEN, NumberStyle, format_percent


def show_given(
    table: ComputedTable,
    by_label: dict[str, SourceRow],
    source: SourceTable,
    scales: dict[str, Decimal],
    problems: ProblemCollector,
    style: NumberStyle = DRAMMEN,
) -> list[Problem]:
    """Put the export's figure into each summed row's percent `fra:` cell, with a note each."""
    notes: list[Problem] = []
    spec = table.spec
    for row in table.rows:
        given = by_label.get(row.label)
        if row.style not in (RowStyle.SUBTOTAL, RowStyle.TOTAL) or given is None:
            continue
        filled = False
        for index, column in enumerate(spec.kolonner):
            if column.fra is None or not column.percent or row.values[index] is not None:
                continue
            value = read_number(
                given, column.fra, source.path, problems, False, scales.get(column.fra)
            )
            if value is None:
                continue
            row.values[index] = value
            filled = True
            notes.append(
                Problem(
                    SourceLocation(source.path, given.number),
                    f"rad {given.number} «{row.label}», kolonne «{column.fra}»: viser "
                    f"{format_percent(value, style, column.decimals)} slik det står i "
                    "eksporten, ikke kontrollert (en prosentkolonne kan ikke summeres; regn "
                    "den ut med andel: og kontroll:, så kontrolleres den)",
                    ProblemKind.NOTE,
                )
            )
        if filled:
            computed_columns(row, spec)
    return notes
