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


# 5: hidden sheets, chart sheets and the sheet named in messages


def book_with_sheets(path: Path) -> None:
    """A hidden sheet with old figures first, then a cover sheet, the figures and a chart sheet."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    old = book.active
    old.title = "Gammel"
    for row in [["Post", "Beløp"], ["A", 1], ["Sum", 1]]:
        old.append(row)
    old.sheet_state = "hidden"
    book.create_sheet("Forside").append(["Budsjett 2024"])
    figures = book.create_sheet("Tall")
    for row in [["Post", "Beløp"], ["A", 500], ["Sum", 500]]:
        figures.append(row)
    chart = BarChart()
    chart.add_data(Reference(figures, min_col=2, min_row=1, max_row=3))
    book.create_chartsheet("Diagram", 0).add_chart(chart)
    book.save(path)


def test_without_ark_the_first_visible_worksheet_is_read_not_a_hidden_one(
    tmp_path: Path,
) -> None:
    book_with_sheets(tmp_path / "t.xlsx")
    spec = write(tmp_path, "t.yaml", SPEC)
    assert problems(spec) == [
        "t.xlsx:1: arket «Forside» har overskriftsraden, men ingen rader med tall under den; "
        "uten ark: leses det første synlige arket – skriv ark: med arket som har tallene "
        "(arkene er: Gammel (skjult), Forside, Tall)"
    ]
    spec.write_text(SPEC + "ark: Tall\n", encoding="utf-8")
    assert cells(table(spec)[1])[1:] == [["A", "500"], ["Sum", "500"]]


def test_a_sheet_too_short_says_which_sheet_was_read_and_which_there_are(
    tmp_path: Path,
) -> None:
    book_with_sheets(tmp_path / "t.xlsx")
    spec = write(tmp_path, "t.yaml", SPEC + "overskriftsrad: 3\n")
    assert problems(spec) == [
        "t.xlsx:1: arket «Forside» har ikke rad 3 (overskriftsraden); uten ark: leses det "
        "første synlige arket – skriv ark: med arket som har tallene (arkene er: "
        "Gammel (skjult), Forside, Tall)"
    ]


def test_ark_naming_a_chart_sheet_says_it_is_a_chart_sheet(tmp_path: Path) -> None:
    book_with_sheets(tmp_path / "t.xlsx")
    spec = write(tmp_path, "t.yaml", SPEC + "ark: Diagram\n")
    assert problems(spec) == [
        "t.yaml:6: arket «Diagram» i «t.xlsx» er et diagramark uten tabell; skriv navnet på "
        "arket med tallene i ark: (arkene med tabeller er: Gammel (skjult), Forside, Tall)"
    ]


# 6: a damaged sheet (a raw control byte or a bare «&» in its XML)


@pytest.mark.parametrize("damage", ["\x1a", "&"])
def test_a_damaged_sheet_says_the_file_is_damaged_in_norwegian(tmp_path: Path, damage: str) -> None:
    xlsx(tmp_path / "t.xlsx", [["Post", "Beløp"], ["A og B", 10], ["Sum", 10]])
    patch_sheet(
        tmp_path / "t.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda text: text.replace("A og B", f"A {damage} B"),
    )
    spec = write(tmp_path, "t.yaml", SPEC)
    assert problems(spec) == [
        "t.xlsx: Excel-filen er skadet (arket «Drift» kan ikke leses); åpne den i Excel og "
        "lagre den på nytt (eller eksporter den på nytt)"
    ]


# 7: a line break inside a quoted CSV cell or an Excel cell is a space


def test_a_line_break_in_a_quoted_csv_cell_becomes_a_space(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", 'Post;"Revidert\r\nbudsjett"\r\n"P03 Forebyggende\r\ntjenester";5\r\n')
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Post\nenhet: kr\n"
        "kolonner: [{navn: Budsjett, fra: Revidert budsjett}]\n",
    )
    assert cells(table(spec)[1]) == [["Post", "Budsjett"], ["P03 Forebyggende tjenester", "5"]]


def test_an_excel_line_break_escape_in_a_label_becomes_a_space(tmp_path: Path) -> None:
    xlsx(tmp_path / "t.xlsx", [["Post", "Beløp"], ["Skole_x000D__x000A_utstyr", 10], ["Sum", 10]])
    spec = write(tmp_path, "t.yaml", SPEC)
    assert cells(table(spec)[1])[1:] == [["Skole utstyr", "10"], ["Sum", "10"]]


# 8: a DOS codepage export is refused, typographic quotes in Windows-1252 are not


def test_typographic_quotes_in_a_windows_1252_export_are_not_taken_for_a_dos_codepage(
    tmp_path: Path,
) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\n‘Skole’ – Kari’s tiltak;5\n", encoding="cp1252")
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Post\nenhet: kr\nkolonner: [{navn: B, fra: Beløp}]\n",
    )
    assert cells(table(spec)[1])[1] == ["‘Skole’ – Kari’s tiltak", "5"]


# 9: the separator is guessed from the header row, not from a title line above it


def test_the_separator_comes_from_the_header_row_under_title_lines(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Rapport: Drift, 2023\n\nPost;Beløp\nA;1.234,5\nB;2\n")
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Post\nenhet: kr\noverskriftsrad: 3\n"
        "kolonner: [{navn: Beløp, fra: Beløp, desimaler: 1}]\n",
    )
    assert cells(table(spec)[1]) == [["Post", "Beløp"], ["A", "1.234,5"], ["B", "2,0"]]


# 10: empty cells at the end of a row or of the header row are no separator problem


def test_trailing_empty_cells_in_rows_and_header_are_ignored(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp;;\nA;5\nB;6;\nC;7;;;\n ; ;\n")
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Post\nenhet: kr\nkolonner: [{navn: Beløp, fra: Beløp}]\n",
    )
    assert cells(table(spec)[1]) == [["Post", "Beløp"], ["A", "5"], ["B", "6"], ["C", "7"]]


# 11: dates where numbers or column names are expected


def test_a_date_in_a_number_column_names_the_cell_and_the_date(tmp_path: Path) -> None:
    import datetime

    xlsx(
        tmp_path / "t.xlsx",
        [["Post", "Beløp"], ["A", 10], ["B", datetime.datetime(1905, 6, 23)], ["Sum", 10]],
    )
    spec = write(tmp_path, "t.yaml", SPEC)
    assert problems(spec) == [
        "t.xlsx:3: celle B3 i arket «Drift» er en dato (23.06.1905) i Excel, ikke et tall; gi "
        "cellen tallformat i Excel og lagre filen på nytt"
    ]


def test_a_missing_column_lists_the_columns_there_are_when_none_is_near(tmp_path: Path) -> None:
    import datetime

    xlsx(tmp_path / "t.xlsx", [["Post", datetime.datetime(2024, 1, 1)], ["A", 10], ["Sum", 10]])
    spec = write(
        tmp_path, "t.yaml", SPEC.replace("{navn: Beløp, fra: Beløp}", '{navn: a, fra: "2024"}')
    )
    assert problems(spec) == [
        "t.yaml:4: kilden «t.xlsx» (arket «Drift») har ingen kolonne «2024»; kolonnene er: "
        "«Post», «01.01.2024»"
    ]


# Hostile exports: a stray far cell, a zip bomb, a very long CSV cell


@pytest.mark.parametrize("far", ["XFD2", "B1048576"])
def test_a_stray_cell_far_outside_the_table_is_named_not_read(tmp_path: Path, far: str) -> None:
    xlsx(tmp_path / "t.xlsx", [["Post", "Beløp"], ["A", 10], ["Sum", 10]])
    row = far.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    stray = f'<c r="{far}" t="inlineStr"><is><t>x</t></is></c>'

    def add_stray(text: str) -> str:
        if row == "2":  # at the end of the second row
            first_end = text.index("</row>") + len("</row>")
            second_end = text.index("</row>", first_end)
            return text[:second_end] + stray + text[second_end:]
        return text.replace("</sheetData>", f'<row r="{row}">{stray}</row></sheetData>')

    patch_sheet(tmp_path / "t.xlsx", "xl/worksheets/sheet1.xml", add_stray)
    spec = write(tmp_path, "t.yaml", SPEC)
    assert problems(spec) == [
        f"t.xlsx: arket «Drift» har innhold i cellen {far}, langt utenfor tabellen (høyst 500 "
        "kolonner og 100.000 rader leses); slett cellen i Excel, eller flytt tabellen til et "
        "eget ark"
    ]


def test_an_excel_file_that_unpacks_to_more_than_200_mb_is_refused(tmp_path: Path) -> None:
    xlsx(tmp_path / "t.xlsx", [["Post", "Beløp"], ["A", 10], ["Sum", 10]])
    with zipfile.ZipFile(tmp_path / "t.xlsx") as old:
        parts = {name: old.read(name) for name in old.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"<sheetData>", b"<sheetData>" + b" " * (201 << 20))
    with zipfile.ZipFile(tmp_path / "t.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb:
        for name, data in parts.items():
            bomb.writestr(name, data)
    assert (tmp_path / "t.xlsx").stat().st_size < 1 << 20
    spec = write(tmp_path, "t.yaml", SPEC)
    assert problems(spec) == [
        "t.yaml:1: «t.xlsx» blir større enn 200 MB når Excel-filen pakkes ut; lagre bare arket "
        "med tabellen i en egen fil"
    ]


def test_a_csv_cell_longer_than_the_csv_module_default_is_read(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\n" + "A" * 140_000 + ";10\nSum;10\n")
    spec = write(tmp_path, "t.yaml", SPEC.replace("t.xlsx", "t.csv"))
    assert cells(table(spec)[1])[1][0] == "A" * 140_000
