"""Finance exports as they come: Excel error values, hidden and chart sheets, damaged files."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from deckgen.errors import DeckgenError

from .test_tables import cells, table, write

SPEC = "kilde: t.xlsx\netikett: Post\nenhet: kr\nkolonner: [{navn: Beløp, fra: Beløp}]\nsum: Sum\n"


def problems(spec: Path) -> list[str]:
    """The messages a spec stops with, as printed (relative to the spec's folder)."""
    with pytest.raises(DeckgenError) as caught:
        table(spec)
    return [p.display(spec.parent) for p in caught.value.problems]


def xlsx(path: Path, rows: list[list[Any]], title: str = "Drift") -> None:
    """A one-sheet workbook with the given rows."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    book.save(path)


def patch_sheet(path: Path, member: str, change: Any) -> None:
    """Rewrite one part of an .xlsx (zip) with change(text) -> text."""
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    parts[member] = change(parts[member].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w") as new:
        for name, data in parts.items():
            new.writestr(name, data)


# 1: Excel error values


def test_an_error_value_is_an_error_naming_the_cell_not_an_empty_cell(tmp_path: Path) -> None:
    xlsx(tmp_path / "t.xlsx", [["Post", "Beløp"], ["A", 10], ["B", "#N/A"], ["Sum", 10]])
    spec = write(tmp_path, "t.yaml", SPEC)
    assert problems(spec) == [
        "t.xlsx:3: celle B3 i arket «Drift» har feilverdien #N/A; rett cellen i Excel og "
        "lagre filen på nytt"
    ]


def test_a_formula_with_a_saved_error_names_the_error_not_a_missing_value(
    tmp_path: Path,
) -> None:
    xlsx(tmp_path / "t.xlsx", [["Post", "Beløp"], ["A", 10], ["B", "=B2/0"], ["Sum", 10]])
    patch_sheet(
        tmp_path / "t.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda text: re.sub(
            r'<c r="B3"([^>]*)><f>B2/0</f><v>[^<]*</v></c>|<c r="B3"([^>]*)><f>B2/0</f><v ?/></c>',
            '<c r="B3" t="e"><f>B2/0</f><v>#DIV/0!</v></c>',
            text,
        ),
    )
    spec = write(tmp_path, "t.yaml", SPEC)
    assert problems(spec) == [
        "t.xlsx:3: celle B3 i arket «Drift» har feilverdien #DIV/0!, regnet ut av formelen "
        "=B2/0; rett cellen i Excel og lagre filen på nytt"
    ]


# 2: a percentage in parentheses is a negative percentage


def test_a_percentage_in_parentheses_keeps_its_sign_and_percent(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "År;S;T\n2022;12,5 %;10,1\n2023;(0,5 %);(0,5 %)\n")
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: År\nkolonner:\n  - {navn: S, fra: S, format: prosent}\n"
        "  - {navn: T, fra: T, format: prosent, kildetall: prosent}\n",
    )
    assert cells(table(spec)[1]) == [
        ["År", "S", "T"],
        ["2022", "12,5 %", "10,1 %"],
        ["2023", "-0,5 %", "-0,5 %"],
    ]
