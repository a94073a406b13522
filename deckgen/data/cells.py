"""The rows and raw cells of a loaded export, and how row and column names are matched."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deckgen.errors import Problem


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
    label_by_position: bool = False
    """The label column has a blank header and is named by letter or position in `etikett`."""
    preamble: list[tuple[int, str]] = field(default_factory=list)
    """The text of the rows above the header row (a title, often naming the unit), by line."""
    notes: list[Problem] = field(default_factory=list)
    """What reading it did that the user should know (cells summed from a long export)."""

    @property
    def excel(self) -> bool:
        """Whether the source is an Excel file."""
        return self.sheet is not None

    @property
    def name(self) -> str:
        """The source as messages name it: «t.xlsx» (arket «Drift»), or «t.csv»."""
        return f"«{self.path.name}» (arket «{self.sheet}»)" if self.sheet else f"«{self.path.name}»"


def nfc(text: str) -> str:
    """Text in composed Unicode (NFC), so «å» copied from a PDF or a Mac matches a typed «å»."""
    return unicodedata.normalize("NFC", text)


_WHITESPACE = re.compile(r"\s+")


def clean_name(text: str) -> str:
    """A row or column name as matched: NFC, non-breaking and repeated spaces as one space."""
    return _WHITESPACE.sub(" ", nfc(text)).strip()
