"""Loads finance exports (CSV, or Excel through pandas) into labelled rows of raw cells."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from deckgen.data.cells import (
    ErrorValue,
    ExcelDate,
    PercentNumber,
    PointDecimal,
    SourceRow,
    SourceTable,
    UncachedFormula,
    UnreadableCell,
    clean_name,
    nfc,
)
from deckgen.data.csvfile import read_csv
from deckgen.data.excelfile import (
    MAX_EXCEL_COLUMNS,
    MAX_EXCEL_ROW,
    MAX_EXCEL_UNPACKED_BYTES,
    read_excel,
)
from deckgen.data.gridchecks import MAX_LISTED, MAX_SOURCE_BYTES
from deckgen.data.labels import blank_label_column
from deckgen.data.names import nearest_file
from deckgen.errors import DeckgenError, SourceLocation

__all__ = [
    "MAX_EXCEL_COLUMNS",
    "MAX_EXCEL_ROW",
    "MAX_EXCEL_UNPACKED_BYTES",
    "MAX_LISTED",
    "MAX_SOURCE_BYTES",
    "ErrorValue",
    "ExcelDate",
    "PercentNumber",
    "PointDecimal",
    "SourceRow",
    "SourceTable",
    "UncachedFormula",
    "UnreadableCell",
    "clean_name",
    "load_source",
    "nfc",
]


def load_source(
    path: Path,
    sheet: str | None,
    header_row: int,
    where: SourceLocation,
    sheet_where: SourceLocation | None = None,
    max_rows: int | None = None,
    label: str | None = None,
) -> SourceTable:
    """Load a CSV or .xlsx export; header_row is the 1-based row that holds the column names.

    sheet_where is the `ark:` line, named when the sheet does not exist; more than max_rows
    data rows are refused at `where` before anything is computed from them. label is the
    spec's `etikett`, which may name a column with a blank header by letter or position.
    """
    if not path.is_file():
        hint = nearest_file(path, path.name, (".csv", ".xlsx", ".xlsm"))
        raise DeckgenError.at(where, f"datafilen «{path.name}» finnes ikke{hint}")
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise DeckgenError.at(
            SourceLocation(path), "datafilen er større enn 50 MB; del den opp eller filtrer den"
        )
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _to_table(path, read_csv(path, header_row, max_rows, where), header_row, label=label)
    if suffix in (".xlsx", ".xlsm"):
        at_sheet = sheet_where or where
        grid, name, hint = read_excel(path, sheet, header_row, max_rows, where, at_sheet)
        return _to_table(path, grid, header_row, name, hint, label)
    raise DeckgenError.at(where, f"«{path.name}»: bare .csv og .xlsx kan leses")


def _to_table(
    path: Path,
    grid: list[list[Any]],
    header_row: int,
    sheet: str | None = None,
    hint: str = "",
    label: str | None = None,
) -> SourceTable:
    """The header row's names and the data rows under it; sheet is None for a CSV.

    hint says how the sheet was chosen (added to messages about the sheet's shape).
    """
    what = f"arket «{sheet}»" if sheet else "filen"
    in_sheet = f" i arket «{sheet}»" if sheet else ""
    if len(grid) < header_row:
        raise DeckgenError.at(
            SourceLocation(path, 1), f"{what} har ikke rad {header_row} (overskriftsraden){hint}"
        )
    for cell in grid[header_row - 1]:
        if isinstance(cell, UnreadableCell):
            raise DeckgenError.at(SourceLocation(path, header_row), cell.message())
    header = [clean_name(str(c)) if c is not None else "" for c in grid[header_row - 1]]
    position = blank_label_column(label, header) if label is not None else None
    if position is not None:
        header[position] = label or ""
    seen: set[str] = set()
    for index, name in enumerate(header, start=1):
        if name and name in seen:
            raise DeckgenError.at(
                SourceLocation(path, header_row),
                f"kolonnenavnet «{name}» står to ganger{in_sheet}",
            )
        if not name and any(r[index - 1] is not None for r in grid[header_row:] if len(r) >= index):
            from openpyxl.utils import get_column_letter

            column = get_column_letter(index) if sheet else str(index)
            raise DeckgenError.at(
                SourceLocation(path, header_row),
                f"kolonne {column}{in_sheet} mangler navn i overskriftsraden (rad {header_row}), "
                "men har tall under seg; står kolonnenavnene på en annen rad, sett "
                f"overskriftsrad: i tabellbeskrivelsen{hint}{_label_hint(index, column)}",
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
            f"{'arket' if sheet else 'datafilen'}{f' «{sheet}»' if sheet else ''} har "
            f"overskriftsraden, men ingen rader med tall under den{hint}",
        )
    preamble = [
        (number, " ".join(str(c) for c in raw if c is not None and str(c).strip()))
        for number, raw in enumerate(grid[: header_row - 1], start=1)
    ]
    return SourceTable(
        path,
        [h for h in header if h],
        rows,
        sheet,
        position is not None,
        [p for p in preamble if p[1]],
    )


def _label_hint(index: int, column: str) -> str:
    """For a blank first header cell: the label column can be named by letter or position."""
    if index != 1:
        return ""
    shown = f'"{column}"' if column.isdigit() else column  # YAML reads a bare 1 as a number
    return f"; er det kolonnen med radnavnene, skriv etikett: {shown} i tabellbeskrivelsen"
