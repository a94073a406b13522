"""Excel exports (.xlsx): the sheet, its cells, and cells that cannot be read as they look."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from deckgen.data.cells import ErrorValue, ExcelDate, PercentNumber, UncachedFormula
from deckgen.data.gridchecks import check_controls, check_row_count
from deckgen.errors import DeckgenError, SourceLocation

_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
"""How an .xlsx stores a control character or line break in text (openpyxl keeps it as is)."""


def read_excel(
    path: Path,
    sheet: str | None,
    header_row: int,
    max_rows: int | None,
    where: SourceLocation,
    sheet_where: SourceLocation,
) -> tuple[list[list[Any]], str, str]:
    """The chosen sheet's cells, its name, and a hint on choosing it when `ark:` is not given."""
    import zipfile

    if not zipfile.is_zipfile(path):
        raise DeckgenError.at(where, f"«{path.name}» er ikke en Excel-fil (.xlsx)")
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_EXCEL_UNPACKED_BYTES:
        raise DeckgenError.at(
            where,
            f"«{path.name}» blir større enn {MAX_EXCEL_UNPACKED_BYTES // 1024 // 1024} MB når "
            "Excel-filen pakkes ut; lagre bare arket med tabellen i en egen fil",
        )
    name, hint = _choose_sheet(path, sheet, where, sheet_where)
    try:
        if max_rows is not None:
            _count_excel_rows(path, name, header_row, max_rows, where)
        import pandas as pd

        frame = pd.read_excel(path, sheet_name=name, header=None, dtype=object, engine="openpyxl")
        grid: list[list[Any]] = frame.astype(object).where(frame.notna(), None).values.tolist()
        for r, row in enumerate(grid, start=1):
            for index, cell in enumerate(row):
                if isinstance(cell, str) and "_x" in cell:
                    row[index] = _EXCEL_ESCAPE.sub(_excel_char, cell)
                elif isinstance(cell, datetime.datetime):
                    from openpyxl.utils import get_column_letter

                    row[index] = ExcelDate(name, f"{get_column_letter(index + 1)}{r}", cell)
        check_controls(path, grid, header_row, name)
        _mark_cells(path, name, grid)
    except DeckgenError:
        raise
    except Exception:  # openpyxl and the XML parser raise many kinds for damaged files
        raise _damaged(path, name) from None
    return grid, name, hint


def _damaged(path: Path, sheet: str | None) -> DeckgenError:
    """A file whose parts cannot be read (bad XML, a control byte, a bare «&»)."""
    part = f" (arket «{sheet}» kan ikke leses)" if sheet else ""
    return DeckgenError.at(
        SourceLocation(path),
        f"Excel-filen er skadet{part}; åpne den i Excel og lagre den på nytt "
        "(eller eksporter den på nytt)",
    )


def _choose_sheet(
    path: Path, sheet: str | None, where: SourceLocation, sheet_where: SourceLocation
) -> tuple[str, str]:
    """The sheet named by `ark:`, else the first visible worksheet, and a hint for messages.

    A chart sheet (diagramark) holds no table; hidden sheets are only read when named.
    """
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, keep_links=False)
        try:
            sheets = [(found.title, found.sheet_state) for found in book.worksheets]
            charts = [found.title for found in book.chartsheets]
        finally:
            book.close()
    except Exception:  # openpyxl raises many kinds for broken files
        raise _damaged(path, None) from None
    listed = ", ".join(
        title if state == "visible" else f"{title} (skjult)" for title, state in sheets
    )
    if sheet is not None:
        if sheet in dict(sheets):
            return sheet, ""
        if sheet in charts:
            raise DeckgenError.at(
                sheet_where,
                f"arket «{sheet}» i «{path.name}» er et diagramark uten tabell; skriv navnet på "
                f"arket med tallene i ark: (arkene med tabeller er: {listed})",
            )
        raise DeckgenError.at(
            sheet_where, f"arket «{sheet}» finnes ikke i «{path.name}»; arkene er: {listed}"
        )
    visible = [title for title, state in sheets if state == "visible"]
    if not visible:
        raise DeckgenError.at(
            where,
            f"«{path.name}» har ingen synlige ark med tabell; vis arket i Excel eller skriv "
            f"navnet i ark: (arkene er: {listed or 'ingen'})",
        )
    hint = ""
    if len(sheets) > 1:
        hint = (
            f"; uten ark: leses det første synlige arket – skriv ark: med arket som har "
            f"tallene (arkene er: {listed})"
        )
    return visible[0], hint


def _excel_char(match: re.Match[str]) -> str:
    """A control character or line break as .xlsx escapes it (`_x001A_`), as the character."""
    code = int(match.group(1), 16)
    return chr(code) if code < 0x20 or code == 0x7F else match.group()


def _count_excel_rows(
    path: Path, sheet: str, header_row: int, limit: int, where: SourceLocation
) -> None:
    """Refuse a sheet with more than limit data rows before pandas reads all of it.

    Counting stops at limit + 1 rows.
    """
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        count = 0
        worksheet = book[sheet]
        worksheet.reset_dimensions()  # the stored size may be stale; measure the cells
        rows = worksheet.iter_rows(min_row=header_row + 1, values_only=True)
        for number, row in enumerate(rows, start=header_row + 1):
            far_down = number > MAX_EXCEL_ROW and any(value is not None for value in row)
            if len(row) > MAX_EXCEL_COLUMNS or far_down:
                _far_cell(path, sheet, number, row)
            if any(value is not None and str(value).strip() for value in row):
                count += 1
                if count > limit:
                    break
    finally:
        book.close()
    check_row_count(path, count, limit, where, exact=False)


MAX_EXCEL_UNPACKED_BYTES = 200 * 1024 * 1024
"""Largest unpacked .xlsx: a small file can unpack to gigabytes (a zip bomb)."""
MAX_EXCEL_COLUMNS = 500
"""Widest sheet read: a table has a few columns; a stray cell far right would fill memory."""
MAX_EXCEL_ROW = 100_000
"""Lowest row read: a stray cell far below the table would make every row between it."""


def _far_cell(path: Path, sheet: str, number: int, row: tuple[Any, ...]) -> None:
    """Refuse a sheet with a cell far outside any table (a stray value in XFD1048576)."""
    from openpyxl.utils import get_column_letter

    filled = [i for i, value in enumerate(row, start=1) if value is not None] or [len(row)]
    cell = f"{get_column_letter(max(filled))}{number}"
    from deckgen.numbers import format_number

    rows = format_number(MAX_EXCEL_ROW)
    raise DeckgenError.at(
        SourceLocation(path),
        f"arket «{sheet}» har innhold i cellen {cell}, langt utenfor tabellen (høyst "
        f"{MAX_EXCEL_COLUMNS} kolonner og {rows} rader leses); slett cellen i "
        "Excel, eller flytt tabellen til et eget ark",
    )


def _mark_cells(path: Path, sheet: str, grid: list[list[Any]]) -> None:
    """Mark unreadable cells (UncachedFormula, ErrorValue) and percent cells (PercentNumber).

    pandas reads the saved values only, and reads an error value (#N/A) as empty, so a formula
    never calculated or a cell with an error would be left out of sums; they are reported
    instead where a table uses them. A number shown as percent in Excel is stored as the ratio
    (14,6 % as 0.146); marking it lets a table read it as a ratio whatever the others.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    errors = _error_cells(path, sheet)
    book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        for r, row in enumerate(book[sheet].iter_rows(), start=1):
            for c, cell in enumerate(row, start=1):
                value = cell.value
                if _percent_format(getattr(cell, "number_format", None)):
                    _mark_percent(grid, r, c)
                formula = isinstance(value, str) and value.startswith("=")
                if not formula and (r, c) not in errors:
                    continue
                while len(grid) < r:
                    grid.append([])
                cells = grid[r - 1]
                while len(cells) < c:
                    cells.append(None)
                name = f"{get_column_letter(c)}{r}"
                if (r, c) in errors:
                    cells[c - 1] = ErrorValue(
                        sheet, name, errors[(r, c)], str(value) if formula else None
                    )
                elif cells[c - 1] is None:
                    cells[c - 1] = UncachedFormula(sheet, name, str(value))
    finally:
        book.close()
    width = max((len(row) for row in grid), default=0)
    for cells in grid:
        cells.extend([None] * (width - len(cells)))


def _error_cells(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """The saved error values of a sheet (#N/A, #DIV/0! …) by 1-based row and column."""
    from openpyxl import load_workbook

    found: dict[tuple[int, int], str] = {}
    book = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        for r, row in enumerate(book[sheet].iter_rows(), start=1):
            for c, cell in enumerate(row, start=1):
                if getattr(cell, "data_type", None) == "e" and cell.value is not None:
                    found[(r, c)] = str(cell.value)
    finally:
        book.close()
    return found


def _percent_format(number_format: Any) -> bool:
    """Whether an Excel number format shows percent (a «%» outside quotes and escapes)."""
    if not isinstance(number_format, str):
        return False
    return "%" in re.sub(r'"[^"]*"|\\.', "", number_format)


def _mark_percent(grid: list[list[Any]], row: int, column: int) -> None:
    """Mark a number cell as a PercentNumber."""
    if row <= len(grid) and column <= len(grid[row - 1]):
        value = grid[row - 1][column - 1]
        if isinstance(value, int | float) and not isinstance(value, bool):
            grid[row - 1][column - 1] = PercentNumber(value)
