"""Formats for single rows (`radformat:`): a percent row in a table of amounts, its decimals."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from deckgen.config.schema import line_of
from deckgen.data.cells import SourceRow, SourceTable
from deckgen.data.names import comma_hint, name_hint
from deckgen.data.reading import cell_text, decimal_places, marked_percent, read_number
from deckgen.data.spec import TableSpec
from deckgen.errors import ProblemCollector, SourceLocation
from deckgen.model import RowStyle
from deckgen.numbers import DRAMMEN, NumberStyle, format_number, format_percent

PERCENT_DECIMALS = 1
"""Decimals of a percent row without its own desimaler:."""


def percent_rows(spec: TableSpec) -> set[str]:
    """The labels of the rows shown as percent (never summed)."""
    return {label for label, shown in spec.radformat.items() if shown.format == "prosent"}


def check_row_formats(
    spec: TableSpec,
    by_label: dict[str, SourceRow],
    order: list[str],
    source: SourceTable,
    spec_path: Path,
    node: Any,
    problems: ProblemCollector,
) -> None:
    """Every row under radformat: is an export row (no total), and not also under kursiv:."""
    labels = list(spec.radformat)
    totals = {g.delsum for g in spec.grupper if g.delsum} | ({spec.sum} if spec.sum else set())
    for index, label in enumerate(labels):
        where = SourceLocation(spec_path, line_of(node, ("radformat", label)))
        if label not in by_label:
            problems.add(
                where,
                f"raden «{label}» under radformat: finnes ikke i {source.name}"
                f"{name_hint(label, order)}{comma_hint(labels, index, order)}",
            )
        elif label in totals:
            problems.add(
                where,
                f"raden «{label}» under radformat: er en sum- eller delsumrad, som deckgen regner "
                "ut; radformat: gjelder rader fra eksporten",
            )
        elif label in spec.kursiv:
            problems.add(
                where,
                f"raden «{label}» står både under kursiv: og radformat:; fjern den fra kursiv: "
                "og skriv kursiv: true under radformat: (format: prosent for en andel)",
            )


def row_scales(
    spec: TableSpec,
    by_label: dict[str, SourceRow],
    source: SourceTable,
    spec_path: Path,
    node: Any,
    problems: ProblemCollector,
    style: NumberStyle = DRAMMEN,
) -> dict[str, Decimal]:
    """How each percent row's numbers without «%» in amount columns are read.

    As for percent columns (deckgen/data/percent.py): `kildetall:` decides if given; else a
    plain number above 1 (in size) means percentages (0,6 is never a ratio then); numbers all
    from -1 to 1 are ratios only if one has more than two decimals; otherwise, and when a row
    has both kinds, the build stops. Cells with «%» and Excel percent cells are read as written.
    """
    columns = [c.fra for c in spec.kolonner if c.fra is not None and not c.percent]
    scales: dict[str, Decimal] = {}
    for label in sorted(percent_rows(spec) & set(by_label)):
        given = spec.radformat[label].kildetall
        if given is not None:
            scales[label] = Decimal("0.01") if given == "prosent" else Decimal(1)
            continue
        where = SourceLocation(spec_path, line_of(node, ("radformat", label)))
        scales[label] = _scale(label, by_label[label], columns, source, where, problems, style)
    return scales


def _scale(
    label: str,
    row: SourceRow,
    columns: list[str],
    source: SourceTable,
    where: SourceLocation,
    problems: ProblemCollector,
    style: NumberStyle,
) -> Decimal:
    """The scale of one row's plain numbers, judged from the numbers themselves."""
    ignored = ProblemCollector()  # bad cells are reported where they are read
    plain: list[tuple[str, Decimal]] = []
    for name in columns:
        if marked_percent(row.cells.get(name)):
            continue
        value = read_number(row, name, source.path, ignored, False)
        if value is not None and value != 0:
            plain.append((name, value))
    large = [(n, v) for n, v in plain if abs(v) > 1]
    small = [(n, v) for n, v in plain if abs(v) <= 1]
    fraction = [(n, v) for n, v in small if abs(v) < 1]
    if large and fraction:
        (big, _), (part, _) = large[0], fraction[0]
        problems.add(
            SourceLocation(source.path, row.number),
            f"rad {row.number} «{label}» vises i prosent (radformat:), men har både andeler "
            f"(kolonne «{part}»: «{cell_text(row.cells[part])}») og prosenttall (kolonne "
            f"«{big}»: «{cell_text(row.cells[big])}») uten «%»; skriv alle som andeler eller "
            "alle med prosenttegn",
        )
    if large:
        return Decimal("0.01")
    if small and not any(decimal_places(v) > 2 for _, v in small):
        name, value = small[0]
        places = decimal_places(value)
        problems.add(
            where,
            f"raden «{label}» (rad {row.number} i «{source.path.name}») vises i prosent "
            "(radformat:), men alle tallene uten «%» ligger fra -1 til 1 med høyst to "
            f"desimaler (kolonne "
            f"«{name}»: «{cell_text(row.cells[name])}»), så de kan være både andeler "
            f"({format_percent(value, style, max(places - 2, 0))}) og prosenttall "
            f"({format_number(value, style, places)} %); skriv kildetall: andel eller "
            "kildetall: prosent under radformat: for raden",
        )
    return Decimal(1)


def shown_style(spec: TableSpec, label: str, style: RowStyle) -> RowStyle | None:
    """How writers show a row when radformat: says otherwise than its kind (None: as its kind)."""
    shown = spec.radformat.get(label)
    if shown is None or shown.kursiv is None:
        return None
    if shown.kursiv and style is RowStyle.NORMAL:
        return RowStyle.RATIO
    if not shown.kursiv and style is RowStyle.RATIO:
        return RowStyle.NORMAL
    return None


def row_decimals(spec: TableSpec, label: str) -> int | None:
    """A row's own decimals (a percent row has 1 unless set), or None for the columns'."""
    shown = spec.radformat.get(label)
    if shown is None:
        return None
    if shown.desimaler is None and shown.format == "prosent":
        return PERCENT_DECIMALS
    return shown.desimaler
