"""Loads finance exports (CSV, or Excel through pandas) into labelled rows of raw cells."""

from __future__ import annotations

import csv
import datetime
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deckgen.errors import DeckgenError, Problem, SourceLocation

MAX_SOURCE_BYTES = 50 * 1024 * 1024
MAX_LISTED = 10
"""The most cells or rows with the same fault a message lists; the rest are counted."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
"""Characters a slide or document cannot hold (tab and line breaks are whitespace)."""
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
"""How an .xlsx stores a control character or line break in text (openpyxl keeps it as is)."""
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class SourceRow:
    """One data row: its 1-based row number in the file and its cells by column name."""

    number: int
    cells: dict[str, Any]


@dataclass(frozen=True)
class UnreadableCell:
    """An Excel cell whose value cannot be read; reported where a table uses it."""

    sheet: str
    cell: str

    def message(self) -> str:
        """Why the cell cannot be read, in bokmål."""
        raise NotImplementedError


@dataclass(frozen=True)
class UncachedFormula(UnreadableCell):
    """An Excel cell that holds a formula but no saved value (a file written by a script)."""

    formula: str

    def message(self) -> str:
        """Why the cell cannot be read, in bokmål."""
        return (
            f"celle {self.cell} i arket «{self.sheet}» har en formel ({self.formula}) uten "
            "lagret verdi; åpne filen i Excel og lagre den, så lagres verdiene"
        )


@dataclass(frozen=True)
class ErrorValue(UnreadableCell):
    """An Excel error value (#N/A, #DIV/0!, #REF! …), typed in or left by a formula."""

    error: str
    formula: str | None = None

    def message(self) -> str:
        """What is wrong with the cell and how to fix it, in bokmål."""
        made = f", regnet ut av formelen {self.formula}" if self.formula else ""
        return (
            f"celle {self.cell} i arket «{self.sheet}» har feilverdien {self.error}{made}; "
            "rett cellen i Excel og lagre filen på nytt"
        )


@dataclass(frozen=True)
class ExcelDate:
    """An Excel cell holding a date (shown 23.06.1905 as text, refused where a number is read)."""

    sheet: str
    cell: str
    value: datetime.datetime

    def __str__(self) -> str:
        return f"{self.value.day:02d}.{self.value.month:02d}.{self.value.year}"

    def message(self) -> str:
        """Why the cell cannot be read as a number, in bokmål."""
        return (
            f"celle {self.cell} i arket «{self.sheet}» er en dato ({self}) i Excel, ikke et tall; "
            "gi cellen tallformat i Excel og lagre filen på nytt"
        )


class PointDecimal(str):
    """An unquoted number in a comma-separated CSV: its one «.» can only be a decimal point."""


class PercentNumber(float):
    """An Excel number cell formatted as percent: the value is the ratio (0.146 shows 14,6 %)."""


@dataclass
class SourceTable:
    """A loaded export: the file, its column names and its data rows."""

    path: Path
    columns: list[str]
    rows: list[SourceRow]
    sheet: str | None = None
    """The Excel sheet read (None for a CSV)."""

    @property
    def excel(self) -> bool:
        """Whether the source is an Excel file."""
        return self.sheet is not None

    @property
    def name(self) -> str:
        """The source as messages name it: «t.xlsx» (arket «Drift»), or «t.csv»."""
        return f"«{self.path.name}» (arket «{self.sheet}»)" if self.sheet else f"«{self.path.name}»"


def load_source(
    path: Path,
    sheet: str | None,
    header_row: int,
    where: SourceLocation,
    sheet_where: SourceLocation | None = None,
    max_rows: int | None = None,
) -> SourceTable:
    """Load a CSV or .xlsx export; header_row is the 1-based row that holds the column names.

    sheet_where is the `ark:` line, named when the sheet does not exist; more than max_rows
    data rows are refused at `where` before anything is computed from them.
    """
    if not path.is_file():
        raise DeckgenError.at(where, f"datafilen «{path.name}» finnes ikke")
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise DeckgenError.at(
            SourceLocation(path), "datafilen er større enn 50 MB; del den opp eller filtrer den"
        )
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _to_table(path, _read_csv(path, header_row, max_rows, where), header_row)
    if suffix in (".xlsx", ".xlsm"):
        at_sheet = sheet_where or where
        grid, name, hint = _read_excel(path, sheet, header_row, max_rows, where, at_sheet)
        return _to_table(path, grid, header_row, name, hint)
    raise DeckgenError.at(where, f"«{path.name}»: bare .csv og .xlsx kan leses")


def _read_csv(
    path: Path, header_row: int, max_rows: int | None, where: SourceLocation
) -> list[list[Any]]:
    """CSV through the standard csv module (pandas would add half a second of import here)."""
    data = path.read_bytes()
    text = _decode(path, data)
    if not text.strip():
        raise DeckgenError.at(SourceLocation(path, 1), _empty_message(data))
    # Only real line breaks end a record (str.splitlines would also break at \x1c or \x0c).
    lines = _LINE_BREAK.split(text)
    separator = _guess_separator(lines, header_row)
    # Each line keeps a line break, so a break inside a quoted cell stays a break (a space
    # once names are cleaned) instead of gluing the words together.
    csv.field_size_limit(MAX_SOURCE_BYTES)  # one cell may be as long as the file may be
    try:
        rows = list(csv.reader((line + "\n" for line in lines), delimiter=separator))
    except csv.Error:
        raise DeckgenError.at(
            SourceLocation(path),
            'CSV-filen kan ikke leses (trolig et anførselstegn (") som ikke er lukket); '
            "eksporter den på nytt",
        ) from None
    if max_rows is not None:
        filled = sum(1 for row in rows[header_row:] if any(cell.strip() for cell in row))
        _check_row_count(path, filled, max_rows, where)
    if _CONTROL.search(text):
        _check_controls(path, rows, header_row, None)
    grid: list[list[Any]] = [[cell if cell.strip() else None for cell in row] for row in rows]
    if separator == ",":
        _mark_point_decimals("\n".join(lines), grid)
    _fit_widths(path, grid, separator, header_row, lines)
    return grid


def _guess_separator(lines: list[str], header_row: int) -> str:
    """«;», «,» or tab, from the header row (title lines above it may have none or others).

    A header row without any of them (a one-column file) falls back to the rows under it.
    """
    for line in [*lines[header_row - 1 :], *lines[: header_row - 1]]:
        counts = {sep: line.count(sep) for sep in (";", ",", "\t")}
        if any(counts.values()):
            if counts[";"] and counts[";"] >= counts[","]:
                return ";"
            return "," if counts[","] else "\t"
    return ","


def _empty_message(data: bytes) -> str:
    """Why a file without text is refused; Excel saves an empty sheet as a lone BOM."""
    if data.startswith(b"\xef\xbb\xbf"):
        return (
            "datafilen er tom (den har bare et usynlig BOM-tegn, slik Excel lagrer et tomt ark); "
            "eksporter arket med tallene på nytt"
        )
    return "datafilen er tom"


def _header_hint(lines: list[str], header_row: int, separator: str) -> str:
    """`; står kolonnenavnene på rad N …` for the first later line with the most columns."""
    counts = [line.count(separator) for line in lines[header_row:]]
    if not counts or max(counts) == 0:
        return ""
    below = header_row + 1 + counts.index(max(counts))
    return (
        f"; står kolonnenavnene på rad {below}, skriv overskriftsrad: {below} i tabellbeskrivelsen"
    )


def _cells(count: int) -> str:
    return f"{count} celle" if count == 1 else f"{count} celler"


def _fit_widths(
    path: Path, grid: list[list[Any]], separator: str, header_row: int, lines: list[str]
) -> None:
    """Every record from the header row on has as many cells as the header names; else named.

    Empty cells at the end of the header row, and empty cells at the end of a record beyond
    the header's width (as some exports add), are dropped. Rows above the header are titles.
    """
    if len(grid) < header_row:
        return  # _to_table says the header row is missing
    header = grid[header_row - 1]
    width = len(header)
    while width > 1 and header[width - 1] is None:
        width -= 1
    if width == 1 and len(grid) > header_row:
        named = (str(header[0]) if header else "").strip()
        hint = _header_hint(lines, header_row, separator)
        raise DeckgenError.at(
            SourceLocation(path, header_row),
            f"overskriftsraden har bare én kolonne («{named}»); "
            f"skill kolonnene med semikolon (;) eller komma (,){hint}",
        )
    uneven: list[tuple[int, int]] = []
    for number, row in enumerate(grid[header_row - 1 :], start=header_row):
        if all(cell is None for cell in row):
            continue  # a blank line, or one with only spaces or separators
        count = len(row)
        while count > width and row[count - 1] is None:
            count -= 1
        del row[max(count, width) :]
        if count != width:
            uneven.append((number, count))
    problems = [
        Problem(
            SourceLocation(path, number),
            f"raden har {_cells(count)}, men overskriftsraden har {width}; "
            f"er skilletegnet «{separator}» riktig i hele filen?",
        )
        for number, count in uneven[:MAX_LISTED]
    ]
    if len(uneven) > MAX_LISTED:
        problems.append(
            Problem(
                SourceLocation(path, uneven[MAX_LISTED][0]),
                f"og {len(uneven) - MAX_LISTED} rader til, fra rad {uneven[MAX_LISTED][0]}, "
                f"har ikke {width} celler",
            )
        )
    if problems:
        raise DeckgenError(problems)


def _check_row_count(
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


def _check_controls(path: Path, grid: list[list[Any]], header_row: int, sheet: str | None) -> None:
    """Refuse control characters in cells (a slide cannot hold them), naming each cell.

    sheet is the Excel sheet's name, None for a CSV. A NUL byte means a damaged or binary file.
    """
    found: list[tuple[int, int, str]] = []
    for r, row in enumerate(grid, start=1):
        for c, cell in enumerate(row):
            if isinstance(cell, str) and (match := _CONTROL.search(cell)):
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


_NUMBER_WITH_POINT = re.compile(r"^\s*[-\u2212(]?\s*\d+\.\d+\s*[-)]?\s*%?\s*$")


def _mark_point_decimals(text: str, grid: list[list[Any]]) -> None:
    """Wrap unquoted numbers with one «.» (and no «,») of a comma-separated CSV in PointDecimal.

    The quoting is read again here (the csv module forgets it); if the two readings disagree on
    the shape of the file, nothing is marked and the dots are read as everywhere else.
    """
    quoted = _quoted_fields(text)
    if [len(r) for r in quoted] != [len(r) for r in grid]:
        return
    for cells, flags in zip(grid, quoted, strict=True):
        for index, (cell, was_quoted) in enumerate(zip(cells, flags, strict=True)):
            if isinstance(cell, str) and not was_quoted and _NUMBER_WITH_POINT.match(cell):
                cells[index] = PointDecimal(cell)


def _quoted_fields(text: str) -> list[list[bool]]:
    """For each record of a comma-separated text, whether each field was in quotes."""
    records: list[list[bool]] = []
    fields: list[bool] = []
    quoted = in_quotes = False
    empty = True  # nothing read yet on this record (the csv module gives [] for a blank line)
    index = 0
    while index < len(text):
        char = text[index]
        if char != "\n" or in_quotes:
            empty = False
        if in_quotes:
            if char == '"' and text[index + 1 : index + 2] == '"':
                index += 1
            elif char == '"':
                in_quotes = False
        elif char == '"':
            in_quotes = quoted = True
        elif char == ",":
            fields.append(quoted)
            quoted = False
        elif char == "\n":
            records.append([] if empty else [*fields, quoted])
            fields, quoted, empty = [], False, True
        index += 1
    records.append([] if empty else [*fields, quoted])
    return records


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; anything else is a clear error.

    UTF-16 has a BOM or a NUL in most of its odd or even bytes; a few NULs are left for
    _check_controls to name by row and column.
    """
    lane = len(data) // 2
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        lane and max(data[0::2].count(0), data[1::2].count(0)) * 2 > lane
    ):
        raise DeckgenError.at(
            SourceLocation(path, 1),
            "filen er lagret som UTF-16; lagre den som «CSV UTF-8» (eller Windows-1252)",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DeckgenError.at(
            SourceLocation(path, data[: exc.start].count(b"\n") + 1),
            "filen er verken UTF-8 eller Windows-1252; lagre den som «CSV UTF-8»",
        ) from None
    _refuse_dos_codepage(path, text)
    return text


_DOS_LETTER = "[‘›†]"
"""æ, ø and å saved in a DOS codepage (CP865 or CP850) and read as Windows-1252."""
_DOS_WORD = re.compile(
    rf"[^\W\d_]*(?:(?<=[^\W\d_]){_DOS_LETTER}(?=[^\W\d_])|›(?=[^\W\d_]))[^\W\d_]*"
)


def _refuse_dos_codepage(path: Path, text: str) -> None:
    """Refuse a file in an old DOS codepage: «s‘rskilte» and «›kt» are «særskilte» and «økt».

    Such a file decodes as Windows-1252 without error. It is refused rather than decoded as
    CP865, as the same bytes can be typographic quotes in a Windows-1252 file.
    """
    if "‹" in text:
        return  # single guillemets (›sitat‹) are quotes, not letters
    match = _DOS_WORD.search(text)
    if match is None:
        return
    raise DeckgenError.at(
        SourceLocation(path, text.count("\n", 0, match.start()) + 1),
        f"filen ser ut til å være lagret med en gammel DOS-tegnkode (CP865 eller CP850): "
        f"«{match.group()}» har «‘», «›» eller «†» der det trolig skal stå «æ», «ø» eller «å»; "
        "lagre eller eksporter filen som «CSV UTF-8»",
    )


def _read_excel(
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
        _check_controls(path, grid, header_row, name)
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
    _check_row_count(path, count, limit, where, exact=False)


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
    if row <= len(grid) and column <= len(grid[row - 1]):
        value = grid[row - 1][column - 1]
        if isinstance(value, int | float) and not isinstance(value, bool):
            grid[row - 1][column - 1] = PercentNumber(value)


def _to_table(
    path: Path, grid: list[list[Any]], header_row: int, sheet: str | None = None, hint: str = ""
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
                f"overskriftsrad: i tabellbeskrivelsen{hint}",
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
    return SourceTable(path, [h for h in header if h], rows, sheet)


def nfc(text: str) -> str:
    """Text in composed Unicode (NFC), so «å» copied from a PDF or a Mac matches a typed «å»."""
    return unicodedata.normalize("NFC", text)


_WHITESPACE = re.compile(r"\s+")


def clean_name(text: str) -> str:
    """A row or column name as matched: NFC, non-breaking and repeated spaces as one space."""
    return _WHITESPACE.sub(" ", nfc(text)).strip()
