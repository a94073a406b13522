"""How a percent column's plain numbers are read: as percentages (14,6) or ratios (0,146)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from deckgen.config.schema import line_of
from deckgen.data.cells import (
    SourceRow,
    SourceTable,
)
from deckgen.data.reading import cell_text, decimal_places, marked_percent, read_number
from deckgen.data.spec import TableSpec
from deckgen.errors import (
    ProblemCollector,
    SourceLocation,
)
from deckgen.numbers import (
    DRAMMEN,
    NumberStyle,
    format_number,
    format_percent,
)


def percent_scales(
    spec: TableSpec,
    source: SourceTable,
    problems: ProblemCollector,
    spec_path: Path,
    node: Any,
    style: NumberStyle = DRAMMEN,
) -> dict[str, Decimal]:
    """How to read the cells without «%» in each source column shown or checked as percent.

    `kildetall:` decides if given; else a «%» or «prosent» in the source column's name means
    percentages. Else a column with a plain number above 1 (in size) holds percentages
    (14,6 = 14,6 %); a column with plain numbers all from -1 to 1 holds ratios (0,146 = 14,6 %)
    only if one of them has more than two decimals, and is refused otherwise (0,9 can be 90 %
    or 0,9 %). A column with both numbers above 1 and numbers between -1 and 1 (not 0) is
    refused: either reading would make some figures a hundred times wrong. Cells with «%» and
    Excel cells formatted as percent are read as written.
    """
    scales: dict[str, Decimal] = {}
    for index, column in enumerate(spec.kolonner):
        if not column.percent:
            continue
        for name in (column.fra, column.kontroll):
            if name is None or name in scales:
                continue
            if column.kildetall is not None:
                scales[name] = Decimal("0.01") if column.kildetall == "prosent" else Decimal(1)
                continue
            if "%" in name or "prosent" in name.lower():
                scales[name] = Decimal("0.01")
                continue
            scales[name] = _scale_from_data(name, source, problems, spec_path, node, index, style)
    return scales


def _scale_from_data(
    name: str,
    source: SourceTable,
    problems: ProblemCollector,
    spec_path: Path,
    node: Any,
    index: int,
    style: NumberStyle,
) -> Decimal:
    """The scale of one column's plain numbers, judged from the numbers themselves."""
    found = _plain_numbers(name, source)
    small, fraction, large = found.small, found.fraction, found.large
    if fraction is not None and large is not None:
        if source.excel:
            advice = (
                "gi alle cellene prosentformat i Excel (da lagres 14,6 % som 0,146), eller "
                "skriv alle som prosenttall (14,6)"
            )
        else:
            advice = "skriv alle som andeler (0,146) eller alle med prosenttegn (14,6 %)"
        problems.add(
            SourceLocation(source.path, large.number),
            f"kolonne «{name}» vises i prosent, men har både andeler "
            f"(rad {fraction.number}: «{cell_text(fraction.cells[name])}») og prosenttall "
            f"(rad {large.number}: «{cell_text(large.cells[name])}») uten «%»; {advice}",
        )
    if large is not None:
        return Decimal("0.01")
    if small is not None and not found.precise:
        value = read_number(small, name, source.path, ProblemCollector(), False) or Decimal(0)
        places = decimal_places(value)
        as_ratio = format_percent(value, style, max(places - 2, 0))
        as_percent = f"{format_number(value, style, places)} %"
        problems.add(
            SourceLocation(spec_path, line_of(node, ("kolonner", index))),
            f"kolonne «{name}» i «{source.path.name}» vises i prosent, men alle tallene uten «%» "
            f"ligger fra -1 til 1 med høyst to desimaler (rad {small.number}: "
            f"«{cell_text(small.cells[name])}»), så de kan være både andeler ({as_ratio}) og "
            f"prosenttall ({as_percent}); skriv kildetall: andel eller kildetall: prosent på "
            "kolonnen",
        )
    return Decimal(1)


@dataclass
class _PlainNumbers:
    """The first rows of a column with a plain number up to 1, below 1 and above 1 (in size)."""

    small: SourceRow | None = None
    fraction: SourceRow | None = None
    large: SourceRow | None = None
    precise: bool = False
    """Whether a number up to 1 has more than two decimals (so it can only be a ratio)."""


def _plain_numbers(name: str, source: SourceTable) -> _PlainNumbers:
    """Go through a column's numbers written without «%» (bad cells are reported elsewhere)."""
    found = _PlainNumbers()
    ignored = ProblemCollector()  # bad cells are reported where they are read
    for row in source.rows:
        if marked_percent(row.cells.get(name)):
            continue
        value = read_number(row, name, source.path, ignored, False)
        if value is None or value == 0:
            continue
        if abs(value) <= 1:
            found.small = found.small or row
            found.precise = found.precise or decimal_places(value) > 2
        if abs(value) < 1:
            found.fraction = found.fraction or row
        if abs(value) > 1:
            found.large = found.large or row
    return found
