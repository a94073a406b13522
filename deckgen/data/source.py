"""Loads finance exports (CSV, or Excel through pandas) into labelled rows of raw cells."""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deckgen.errors import DeckgenError, SourceLocation

MAX_SOURCE_BYTES = 50 * 1024 * 1024


@dataclass
class SourceRow:
    """One data row: its 1-based row number in the file and its cells by column name."""

    number: int
    cells: dict[str, Any]


@dataclass(frozen=True)
class UncachedFormula:
    """An Excel cell that holds a formula but no saved value (a file written by a script)."""

    sheet: str
    cell: str
    formula: str

    def message(self) -> str:
        """Why the cell cannot be read, in bokmål."""
        return (
            f"celle {self.cell} i arket «{self.sheet}» har en formel ({self.formula}) uten "
            "lagret verdi; åpne filen i Excel og lagre den, så lagres verdiene"
        )


@dataclass
class SourceTable:
    """A loaded export: the file, its column names and its data rows."""

    path: Path
    columns: list[str]
    rows: list[SourceRow]


def load_source(
    path: Path, sheet: str | None, header_row: int, where: SourceLocation
) -> SourceTable:
    """Load a CSV or .xlsx export; header_row is the 1-based row that holds the column names."""
    if not path.is_file():
        raise DeckgenError.at(where, f"datafilen «{path.name}» finnes ikke")
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise DeckgenError.at(
            SourceLocation(path), "datafilen er større enn 50 MB; del den opp eller filtrer den"
        )
    suffix = path.suffix.lower()
    if suffix == ".csv":
        grid = _read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        grid = _read_excel(path, sheet, where)
    else:
        raise DeckgenError.at(where, f"«{path.name}»: bare .csv og .xlsx kan leses")
    return _to_table(path, grid, header_row)


def _read_csv(path: Path) -> list[list[Any]]:
    """CSV through the standard csv module (pandas would add half a second of import here)."""
    data = path.read_bytes()
    if not data.strip():
        raise DeckgenError.at(SourceLocation(path, 1), "datafilen er tom")
    text = _decode(path, data)
    first = text.splitlines()[0]
    separator = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    if separator not in first:
        separator = "\t" if "\t" in first else separator
    rows = list(csv.reader(text.splitlines(), delimiter=separator))
    width = len(rows[0])
    if width == 1 and len(rows) > 1:
        raise DeckgenError.at(
            SourceLocation(path, 1),
            f"overskriftsraden har bare én kolonne («{first.strip()}»); "
            "skill kolonnene med semikolon (;) eller komma (,)",
        )
    for number, row in enumerate(rows, start=1):
        if row and len(row) != width:
            raise DeckgenError.at(
                SourceLocation(path, number),
                f"raden har {len(row)} celler, men overskriftsraden har {width}; "
                f"er skilletegnet «{separator}» riktig i hele filen?",
            )
    return [[cell if cell.strip() else None for cell in row] for row in rows]


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; anything else is a clear error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise DeckgenError.at(
            SourceLocation(path, 1),
            "filen er lagret som UTF-16; lagre den som «CSV UTF-8» (eller Windows-1252)",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DeckgenError.at(
            SourceLocation(path, data[: exc.start].count(b"\n") + 1),
            "filen er verken UTF-8 eller Windows-1252; lagre den som «CSV UTF-8»",
        ) from None


def _read_excel(path: Path, sheet: str | None, where: SourceLocation) -> list[list[Any]]:
    import zipfile

    import pandas as pd

    if not zipfile.is_zipfile(path):
        raise DeckgenError.at(where, f"«{path.name}» er ikke en Excel-fil (.xlsx)")
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise DeckgenError.at(where, f"«{path.name}» kan ikke leses som Excel: {exc}") from None
    name = sheet or next(iter(sheets))
    if name not in sheets:
        raise DeckgenError.at(
            where, f"arket «{name}» finnes ikke i «{path.name}»; arkene er: {', '.join(sheets)}"
        )
    frame = sheets[name]
    grid: list[list[Any]] = frame.astype(object).where(frame.notna(), None).values.tolist()
    _mark_uncached_formulas(path, name, grid)
    return grid


def _mark_uncached_formulas(path: Path, sheet: str, grid: list[list[Any]]) -> None:
    """Put an UncachedFormula where the sheet has a formula whose value was never saved.

    pandas reads the saved values only, so such a cell would read as empty; it is reported
    instead where a table uses it.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        for r, row in enumerate(book[sheet].iter_rows(values_only=True), start=1):
            for c, value in enumerate(row, start=1):
                if not (isinstance(value, str) and value.startswith("=")):
                    continue
                while len(grid) < r:
                    grid.append([])
                cells = grid[r - 1]
                while len(cells) < c:
                    cells.append(None)
                if cells[c - 1] is None:
                    cells[c - 1] = UncachedFormula(sheet, f"{get_column_letter(c)}{r}", value)
    finally:
        book.close()
    width = max((len(row) for row in grid), default=0)
    for cells in grid:
        cells.extend([None] * (width - len(cells)))


def _to_table(path: Path, grid: list[list[Any]], header_row: int) -> SourceTable:
    if len(grid) < header_row:
        raise DeckgenError.at(
            SourceLocation(path, 1), f"filen har ikke rad {header_row} (overskriftsraden)"
        )
    for cell in grid[header_row - 1]:
        if isinstance(cell, UncachedFormula):
            raise DeckgenError.at(SourceLocation(path, header_row), cell.message())
    header = [nfc(str(c).strip()) if c is not None else "" for c in grid[header_row - 1]]
    seen: set[str] = set()
    for index, name in enumerate(header, start=1):
        if name and name in seen:
            raise DeckgenError.at(
                SourceLocation(path, header_row), f"kolonnenavnet «{name}» står to ganger"
            )
        if not name and any(r[index - 1] is not None for r in grid[header_row:] if len(r) >= index):
            raise DeckgenError.at(
                SourceLocation(path, header_row), f"kolonne {index} mangler navn i overskriftsraden"
            )
        seen.add(name)
    rows = []
    for offset, raw in enumerate(grid[header_row:], start=header_row + 1):
        if all(cell is None or str(cell).strip() == "" for cell in raw):
            continue
        rows.append(SourceRow(offset, {h: raw[i] for i, h in enumerate(header) if h}))
    if not rows:
        raise DeckgenError.at(
            SourceLocation(path, header_row),
            "datafilen har overskriftsraden, men ingen rader med tall under den",
        )
    return SourceTable(path, [h for h in header if h], rows)


def nfc(text: str) -> str:
    """Text in composed Unicode (NFC), so «å» copied from a PDF or a Mac matches a typed «å»."""
    return unicodedata.normalize("NFC", text)
