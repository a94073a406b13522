"""Checks shared by the CSV and Excel readers: size limits, row counts, control characters."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from deckgen.data.cells import clean_name
from deckgen.errors import DeckgenError, Problem, SourceLocation

MAX_SOURCE_BYTES = 50 * 1024 * 1024
MAX_LISTED = 10
"""The most cells or rows with the same fault a message lists; the rest are counted."""
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
"""Characters a slide or document cannot hold (tab and line breaks are whitespace)."""


def check_row_count(
    path: Path, count: int, limit: int, where: SourceLocation, exact: bool = True
) -> None:
    """Refuse more data rows than a table can show (an inexact count stopped past the limit)."""
    if count <= limit:
        return
    from decimal import Decimal

    from deckgen.numbers import format_number

    shown = format_number(Decimal(limit))
    many = format_number(Decimal(count)) if exact else f"mer enn {shown}"
    raise DeckgenError.at(
        where,
        f"datafilen «{path.name}» har {many} rader; en tabell kan ha høyst {shown} rader. "
        "Del den i flere tabeller (filtrer eksporten), eller summer radene i regnearket før "
        "eksporten (for eksempel én rad per tjenesteområde)",
    )


def check_controls(path: Path, grid: list[list[Any]], header_row: int, sheet: str | None) -> None:
    """Refuse control characters in cells (a slide cannot hold them), naming each cell.

    sheet is the Excel sheet's name, None for a CSV. A NUL byte means a damaged or binary file.
    """
    found: list[tuple[int, int, str]] = []
    for r, row in enumerate(grid, start=1):
        for c, cell in enumerate(row):
            if isinstance(cell, str) and (match := CONTROL.search(cell)):
                found.append((r, c, match.group()))
    header = grid[header_row - 1] if len(grid) >= header_row else []
    problems = []
    for r, c, char in found[:MAX_LISTED]:
        name = header[c] if r > header_row and c < len(header) else None
        name = clean_name(name) if isinstance(name, str) else ""
        if sheet is not None:
            from openpyxl.utils import get_column_letter

            named = f" (kolonne «{name}»)" if name else ""
            place = f"celle {get_column_letter(c + 1)}{r}{named} i arket «{sheet}»"
            fix = "slett det i Excel og lagre filen på nytt"
        else:
            place = f"rad {r}, kolonne «{name}»" if name else f"rad {r}, kolonne {c + 1}"
            fix = "slett det og lagre filen på nytt"
        if char == "\x00":
            what = (
                "tegnet NUL (byte 0); filen er trolig skadet eller ikke en tekstfil. "
                "Eksporter den på nytt som «CSV UTF-8»"
            )
        else:
            what = (
                f"usynlig kontrolltegn U+{ord(char):04X} (ofte fra eldre eksporter "
                f"eller kopiering); {fix}"
            )
        problems.append(Problem(SourceLocation(path, r), f"{place}: {what}"))
    if len(found) > MAX_LISTED:
        problems.append(
            Problem(
                SourceLocation(path, found[MAX_LISTED][0]),
                f"og {len(found) - MAX_LISTED} celler til, fra rad {found[MAX_LISTED][0]}, "
                "har kontrolltegn",
            )
        )
    if problems:
        raise DeckgenError(problems)
