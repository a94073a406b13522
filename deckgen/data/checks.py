"""Checks of a computed table: declared totals, hidden figures, rows that look like sums."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from deckgen.config.schema import line_of
from deckgen.data.cells import (
    SourceRow,
    SourceTable,
)
from deckgen.data.computed import ComputedRow, ComputedTable
from deckgen.data.names import differences, looser
from deckgen.data.reading import cell_text, read_number, shown_cell
from deckgen.data.spec import ColumnSpec, TableSpec
from deckgen.errors import (
    Problem,
    ProblemCollector,
    SourceLocation,
)
from deckgen.model import RowStyle
from deckgen.numbers import (
    DRAMMEN,
    NumberStyle,
    format_number,
    format_percent,
    round_half_up,
)


@dataclass(frozen=True)
class CellMismatch(Problem):
    """A declared total or control value that differs from the computed one, with its cell."""

    row: str = ""
    """The label of the computed row."""
    column: str = ""
    """The heading (`navn`) of the shown column."""


def mismatches(
    table: ComputedTable,
    by_label: dict[str, SourceRow],
    source: SourceTable,
    factor: Decimal,
    scales: dict[str, Decimal],
    style: NumberStyle = DRAMMEN,
) -> list[Problem]:
    """Compare totals and control columns the source declares with the computed ones."""
    spec = table.spec
    found: list[Problem] = []
    problems = ProblemCollector()
    for row in table.rows:
        ratio = row.style is RowStyle.RATIO
        declared_row = by_label.get(row.label) if row.style is not RowStyle.NORMAL else row.source
        if declared_row is None:
            continue
        for index, column in enumerate(spec.kolonner):
            name = column.kontroll or (column.fra if row.style is not RowStyle.NORMAL else None)
            computed = row.values[index]
            if name is None or computed is None:
                continue
            declared = read_number(
                declared_row, name, source.path, problems, False, scales.get(name)
            )
            if declared is None:
                continue
            if not column.percent and not ratio:
                declared = declared * factor
            tolerance = Decimal(str(spec.toleranse)) / (100 if column.percent else 1)
            if abs(declared - computed) > tolerance:
                shown = _format_plain(column, style)
                found.append(
                    CellMismatch(
                        SourceLocation(source.path, declared_row.number),
                        f"rad {declared_row.number} «{row.label}», kolonne «{name}»: oppgitt "
                        f"{shown(declared)}, beregnet {shown(computed)} (alle tall i {spec.enhet})",
                        row=row.label,
                        column=column.navn,
                    )
                )
    problems.raise_if_any()  # a total or control that cannot be read is no mismatch to accept
    return found


def _format_plain(column: ColumnSpec, style: NumberStyle) -> Callable[[Decimal], str]:
    """How a mismatch message shows a figure of the column."""

    def show(value: Decimal) -> str:
        if column.percent:
            return format_percent(value, style, column.decimals)
        return format_number(value, style, column.decimals)

    return show


def hidden_values(
    table: ComputedTable, source: SourceTable, style: NumberStyle = DRAMMEN
) -> list[Problem]:
    """Source figures that are not zero but would be shown as 0 (a ratio in an amount column)."""
    found: list[Problem] = []
    for row in table.rows:
        if row.source is None or row.percent:
            continue
        for value, column in zip(row.values, table.spec.kolonner, strict=True):
            if column.fra is None or value is None or value == 0:
                continue
            shown = value * 100 if column.percent else value
            rounded = round_half_up(shown, column.decimals)
            if row.style is RowStyle.RATIO and not column.percent and rounded != shown:
                found.append(
                    Problem(
                        SourceLocation(source.path, row.source.number),
                        f"rad {row.source.number} «{row.label}», kolonne «{column.fra}»: kilden "
                        f"har «{shown_cell(row.source.cells.get(column.fra))}», men tabellen viser "
                        f"{format_number(value, style, column.decimals)} (kursiv rad i en "
                        f"beløpskolonne med {column.decimals} desimaler); sett desimaler: på "
                        "kolonnen, eller vis andelen i en kolonne med format: prosent",
                    )
                )
                continue
            if round_half_up(shown, column.decimals) != 0:
                continue
            unit = "%" if column.percent else table.spec.enhet
            found.append(
                Problem(
                    SourceLocation(source.path, row.source.number),
                    f"rad {row.source.number} «{row.label}», kolonne «{column.fra}»: kilden har "
                    f"«{cell_text(row.source.cells.get(column.fra))}», men tabellen viser 0 "
                    f"({unit} med {column.decimals} desimaler); er dette en andel, eller trenger "
                    "kolonnen flere desimaler (desimaler:) eller en annen enhet (enhet:)?",
                )
            )
    return found


_LOOKS_LIKE_TOTAL = re.compile(r"^(sum|totalt?|i alt|herav)\b", re.IGNORECASE)


def sum_lookalikes(
    parts: list[ComputedRow], total: str, source: SourceTable, spec_path: Path
) -> list[Problem]:
    """Rows named like totals («Sum …», «Totalt», «I alt», «Herav …») summed into `total`."""
    found = []
    for row in parts:
        if row.source is None or not _LOOKS_LIKE_TOTAL.match(row.label):
            continue
        found.append(
            Problem(
                SourceLocation(source.path, row.source.number),
                f"rad {row.source.number} «{row.label}» ser ut som en sumrad, men telles med i "
                f"«{total}»; er den en delsum av radene over, skriv den som delsum: i en "
                f"gruppe (grupper:) i {spec_path.name}; er den en vanlig rad, list radene i "
                "grupper: (en gruppe trenger ingen delsum), så telles den uten advarsel",
            )
        )
    return found


def check_total_spellings(
    spec: TableSpec,
    by_label: dict[str, SourceRow],
    order: list[str],
    spec_path: Path,
    node: Any,
    problems: ProblemCollector,
) -> None:
    """A sum or subtotal named almost like a source row would count that row as ordinary."""
    wanted: list[tuple[str, str, tuple[Any, ...]]] = []
    if spec.sum:
        wanted.append((spec.sum, "sumraden", ("sum",)))
    for index, group in enumerate(spec.grupper):
        if group.delsum:
            wanted.append((group.delsum, "delsumraden", ("grupper", index, "delsum")))
    for label, what, where in wanted:
        if label in by_label:
            continue
        for candidate in order:
            if looser(candidate) == looser(label):
                problems.add(
                    SourceLocation(spec_path, line_of(node, where)),
                    f"{what} «{label}» i {spec_path.name} finnes ikke i kilden, men "
                    f"«{candidate}» (rad {by_label[candidate].number}) gjør – bare "
                    f"{differences(label, candidate)} er forskjellige; skriv navnet likt",
                )
                break


def check_blank_operands(
    rows: list[ComputedRow],
    spec: TableSpec,
    spec_path: Path,
    source_path: Path,
    problems: ProblemCollector,
) -> None:
    """An avvik or andel of a summed row cannot have one operand empty and the other not.

    The row would show an empty difference while the sum row counts the empty cell as 0, so
    the rows shown would not add up to the sum.
    """
    by_name = {c.navn: c for c in spec.kolonner}
    names = list(by_name)
    for row in rows:
        if row.style is not RowStyle.NORMAL or row.source is None:
            continue
        for column in spec.kolonner:
            wanted = column.avvik or column.andel
            if wanted is None:
                continue
            values = [row.values[names.index(n)] for n in wanted]
            if all(v is None for v in values) or all(v is not None for v in values):
                continue
            for name, value in zip(wanted, values, strict=True):
                fra = by_name[name].fra
                if value is not None or fra is None or cell_text(row.source.cells.get(fra)):
                    continue  # an unreadable cell is reported where it is read
                problems.add(
                    SourceLocation(source_path, row.source.number),
                    f"rad {row.source.number} «{row.label}», kolonne «{fra}» er tom, men "
                    f"«{column.navn}» regnes ut av den; skriv 0 i eksporten hvis beløpet er "
                    f"null, eller sett tomme_som_null: true i {spec_path.name}",
                )
