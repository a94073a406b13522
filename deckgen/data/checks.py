"""Checks of a computed table: declared totals, hidden figures, rows that look like sums."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from deckgen.config.schema import line_of
from deckgen.data.cells import (
    SourceRow,
    SourceTable,
)
from deckgen.data.computed import ComputedRow, ComputedTable
from deckgen.data.names import differences, looser
from deckgen.data.reading import cell_text, shown_cell
from deckgen.data.spec import TableSpec
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
    round_half_up,
)


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


_UNIT_WORDS = (
    ("1000 kr", re.compile(r"\b1[ .\u00a0]?000\s*kr|\btusen\s*kr|\bi\s+tusen\b", re.I)),
    ("mill. kr", re.compile(r"\bmill(?:\.|ioner)?\s*kr|\bi\s+millioner\b", re.I)),
)
"""Units an export's title lines may name, and how they are written."""


def unit_in_title(
    spec: TableSpec, source: SourceTable, spec_path: Path, node: Any
) -> list[Problem]:
    """A warning when a line above the export's header names another unit than enhet_kilde:
    every figure would be off by a factor of 1000."""
    for number, text in source.preamble:
        for unit, pattern in _UNIT_WORDS:
            found = pattern.search(text)
            if found and unit != spec.enhet_kilde:
                where = SourceLocation(spec_path, line_of(node, ("enhet_kilde",)))
                return [
                    Problem(
                        where,
                        f"eksporten sier «{found.group(0)}» (rad {number} i {source.path.name}), "
                        f"men enhet_kilde er «{spec.enhet_kilde}»; står tallene i {unit}, skriv "
                        f"enhet_kilde: {unit}, ellers blir alle tall feil",
                    )
                ]
    return []
