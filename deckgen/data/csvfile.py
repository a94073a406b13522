"""CSV exports: encoding, separator, quoting and the shape of every record."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from deckgen.data.cells import PointDecimal
from deckgen.data.gridchecks import (
    CONTROL,
    MAX_LISTED,
    MAX_SOURCE_BYTES,
    check_controls,
    check_row_count,
)
from deckgen.errors import DeckgenError, Problem, SourceLocation

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def read_csv(
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
        check_row_count(path, filled, max_rows, where)
    if CONTROL.search(text):
        check_controls(path, rows, header_row, None)
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
    """`1 celle`, `3 celler`."""
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
    check_controls to name by row and column.
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
