"""Source cells read as numbers for a table, and cells shown as the export shows them."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from deckgen.data.cells import (
    ExcelDate,
    PercentNumber,
    PointDecimal,
    SourceRow,
    SourceTable,
    UnreadableCell,
)
from deckgen.errors import (
    ProblemCollector,
    SourceLocation,
)
from deckgen.numbers import (
    DECIMAL_POINT,
    DRAMMEN,
    THOUSANDS,
    NumberFormatError,
    dot_reading,
    format_percent,
    parse_number,
)


def read_number(
    row: SourceRow,
    column: str,
    path: Path,
    problems: ProblemCollector,
    empty_is_zero: bool,
    plain_scale: Decimal | None = None,
) -> Decimal | None:
    """The cell as a number; plain_scale multiplies a number written without «%»."""
    value = _raw_number(row, column, path, problems, empty_is_zero)
    if value is not None and plain_scale is not None and not marked_percent(row.cells.get(column)):
        return value * plain_scale
    return value


def _raw_number(
    row: SourceRow, column: str, path: Path, problems: ProblemCollector, empty_is_zero: bool
) -> Decimal | None:
    """The cell as a number as written (None when empty or not readable)."""
    value = row.cells.get(column)
    if isinstance(value, UnreadableCell):
        return None  # reported once by compute(), for every row and column the table uses
    if value is None or (isinstance(value, str) and not value.strip()):
        return Decimal(0) if empty_is_zero else None
    if isinstance(value, ExcelDate):
        problems.add(SourceLocation(path, row.number), value.message())
        return None
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float | Decimal):
        try:
            return Decimal(str(value))
        except ArithmeticError:
            pass
    try:
        return parse_number(str(value), isinstance(value, PointDecimal))
    except NumberFormatError as exc:
        problems.add(
            SourceLocation(path, row.number), f"rad {row.number}, kolonne «{column}»: {exc}"
        )
        return None


def shown_cell(value: Any) -> str:
    """A source cell as the export shows it (an Excel percent cell as percent)."""
    if isinstance(value, PercentNumber):
        return format_percent(Decimal(str(value)), DRAMMEN, 1)
    return cell_text(value)


def cell_text(value: Any) -> str:
    """A source cell as stripped text (empty for an empty cell)."""
    if value is None:
        return ""
    return str(value).strip()


def decimal_places(value: Decimal) -> int:
    """How many decimals a number is written with."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


_PERCENT_AT_END = re.compile(r"%\s*\)?\s*$")
"""A «%» ending a cell, also inside a negative's parentheses («(0,5 %)»)."""


def marked_percent(value: Any) -> bool:
    """Whether a cell is written with «%» or formatted as percent in Excel."""
    if isinstance(value, PercentNumber):
        return True
    return isinstance(value, str) and _PERCENT_AT_END.search(value) is not None


def check_dot_readings(columns: list[str], source: SourceTable, problems: ProblemCollector) -> None:
    """A column whose «.» is a thousands separator in one cell and a decimal point in another."""
    for name in columns:
        first: dict[str, SourceRow] = {}
        for row in source.rows:
            cell = row.cells.get(name)
            if not isinstance(cell, str):
                continue
            try:
                reading = dot_reading(cell, isinstance(cell, PointDecimal))
            except NumberFormatError:
                continue
            if reading is not None and reading not in first:
                first[reading] = row
        if THOUSANDS in first and DECIMAL_POINT in first:
            grouped, point = first[THOUSANDS], first[DECIMAL_POINT]
            later = max(grouped, point, key=lambda r: r.number)
            problems.add(
                SourceLocation(source.path, later.number),
                f"kolonne «{name}» har punktum både som tusenskille (rad {grouped.number}: "
                f"«{cell_text(grouped.cells[name])}») og som desimaltegn (rad {point.number}: "
                f"«{cell_text(point.cells[name])}»); skriv alle tallene på samme måte, for "
                "eksempel uten tusenskille og med komma som desimaltegn (1234,5)",
            )
