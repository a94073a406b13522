"""Long exports (issue 13 item 4): `pivot:` turns one row per service and year into the table's
rows × columns, with exact cells, sums, duplicates and errors naming file and line."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from deckgen.errors import DeckgenError, ProblemKind

from .conftest import ROOTS, run_deckgen
from .test_tables import cells, table, write

LONG_CSV = (
    "Tjeneste;År;Beløp;Art\n"
    "P01 Skole;2023;1 218 837 300;drift\n"
    "P02 Barnehage;2023;918.156.600;drift\n"
    "P01 Skole;2024;1 250 000 500;drift\n"
    "P02 Barnehage;2024;930000000;drift\n"
    "P03 Kultur;2024;-5.226.000;drift\n"
    "Sum;2023;2 136 993 900;drift\n"
    "Sum;2024;2 174 774 500;drift\n"
)
SPEC = (
    "kilde: t.csv\n"
    "etikett: Tjeneste\n"
    "pivot: {rader: Tjeneste, kolonner: År, verdi: Beløp}\n"
    "kolonner:\n"
    '  - {navn: "2024", fra: "2024"}\n'
    '  - {navn: "2023", fra: "2023"}\n'
    "sum: Sum\n"
)


def problems(spec: Path) -> list[str]:
    """The messages a spec stops with, as printed (relative to the spec's folder)."""
    with pytest.raises(DeckgenError) as caught:
        table(spec)
    return [p.display(spec.parent) for p in caught.value.problems]


def test_long_csv_becomes_rows_by_first_appearance_and_columns_as_the_spec_lists_them(
    tmp_path: Path,
) -> None:
    write(tmp_path, "t.csv", LONG_CSV)
    spec = write(tmp_path, "t.yaml", SPEC)
    computed, formatted = table(spec)
    assert cells(formatted) == [
        ["Tjeneste", "2024", "2023"],
        ["P01 Skole", "1.250.001", "1.218.837"],
        ["P02 Barnehage", "930.000", "918.157"],
        ["P03 Kultur", "-5.226", ""],  # no 2023 row in the export: an empty cell
        ["Sum", "2.174.775", "2.136.994"],
    ]
    assert computed.mismatches == []  # the export's sum rows were checked, not shown twice
    assert computed.rows[0].values == [Decimal("1250000.5"), Decimal("1218837.3")]


def test_missing_pairs_are_zero_with_tomme_som_null_and_computed_columns_follow(
    tmp_path: Path,
) -> None:
    write(tmp_path, "t.csv", LONG_CSV)
    endring = '  - {navn: Endring, avvik: ["2024", "2023"]}\n'
    spec = write(
        tmp_path, "t.yaml", SPEC.replace("sum: Sum\n", endring + "sum: Sum\ntomme_som_null: true\n")
    )
    _, formatted = table(spec)
    assert cells(formatted) == [
        ["Tjeneste", "2024", "2023", "Endring"],
        ["P01 Skole", "1.250.001", "1.218.837", "31.163"],
        ["P02 Barnehage", "930.000", "918.157", "11.843"],
        ["P03 Kultur", "-5.226", "0", "-5.226"],
        ["Sum", "2.174.775", "2.136.994", "37.781"],
    ]


def test_long_xlsx_with_years_stored_as_numbers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Eksport"
    sheet.append(["Rapport fra økonomisystemet"])
    sheet.append(["Tjeneste", "År", "Beløp"])
    for row in [
        ["P01 Skole", 2024, 1250000500],
        ["P01 Skole", 2023, 1218837300],
        ["P02 Barnehage", 2023, "918 156 600"],
        ["P02 Barnehage", 2024, 930000000.0],
    ]:
        sheet.append(row)
    book.save(tmp_path / "t.xlsx")
    spec = write(
        tmp_path,
        "t.yaml",
        SPEC.replace("t.csv", "t.xlsx").replace("sum: Sum", "sum: I alt") + "overskriftsrad: 2\n",
    )
    computed, formatted = table(spec)
    assert cells(formatted) == [
        ["Tjeneste", "2024", "2023"],
        ["P01 Skole", "1.250.001", "1.218.837"],
        ["P02 Barnehage", "930.000", "918.157"],
        ["I alt", "2.180.001", "2.136.994"],
    ]
    assert computed.rows[-1].values == [Decimal("2180000.5"), Decimal("2136993.9")]


def test_a_printed_sum_that_does_not_add_up_is_a_mismatch(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", LONG_CSV.replace("2 174 774 500", "2 174 900 000"))
    spec = write(tmp_path, "t.yaml", SPEC)
    computed, _ = table(spec)
    assert [m.display(tmp_path) for m in computed.mismatches] == [
        "t.csv:7: rad 7 «Sum», kolonne «2024»: oppgitt 2.174.900, beregnet 2.174.775 "
        "(alle tall i 1000 kr)"
    ]


def test_duplicate_pairs_are_an_error_naming_the_file_and_both_rows(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", LONG_CSV + "P01 Skole;2024;100;investering\nP02 Barnehage;2023;1;x\n")
    spec = write(tmp_path, "t.yaml", SPEC)
    assert problems(spec) == [
        "t.csv:10: raden «P02 Barnehage» har to tall for «2023» i kolonnen «År» (rad 3 og 10); "
        "rett eksporten, eller skriv dubletter: summer under pivot: i t.yaml hvis tallene skal "
        "legges sammen",
        "t.csv:9: raden «P01 Skole» har to tall for «2024» i kolonnen «År» (rad 4 og 9); "
        "rett eksporten, eller skriv dubletter: summer under pivot: i t.yaml hvis tallene skal "
        "legges sammen",
    ]


def test_duplicate_pairs_are_summed_with_dubletter_summer(tmp_path: Path) -> None:
    write(
        tmp_path,
        "t.csv",
        LONG_CSV.replace("2 174 774 500", "2 174 775 000") + "P01 Skole;2024;500;investering\n",
    )
    spec = write(
        tmp_path, "t.yaml", SPEC.replace("verdi: Beløp}", "verdi: Beløp, dubletter: summer}")
    )
    computed, formatted = table(spec)
    assert cells(formatted)[1] == ["P01 Skole", "1.250.001", "1.218.837"]
    assert computed.rows[0].values[0] == Decimal("1250001")
    assert computed.mismatches == []
    notes = [w for w in computed.warnings if w.kind is ProblemKind.NOTE]
    assert [n.display(tmp_path) for n in notes] == [
        "t.csv:9: 1 celle(r) er summen av flere rader i eksporten (dubletter: summer): "
        "«P01 Skole» År «2024» (rad 4 og 9)"
    ]


def test_unknown_pivot_column_names_the_line_and_a_suggestion(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", LONG_CSV)
    spec = write(tmp_path, "t.yaml", SPEC.replace("verdi: Beløp", "verdi: Belop"))
    assert problems(spec) == [
        "t.yaml:3: kilden «t.csv» har ingen kolonne «Belop» (pivot: verdi:) (mente du «Beløp»?)"
    ]


def test_a_column_that_is_no_value_of_the_pivot_column_lists_the_values(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", LONG_CSV)
    spec = write(tmp_path, "t.yaml", SPEC.replace('fra: "2023"', 'fra: "2022"'))
    assert problems(spec) == [
        "t.yaml:6: «2022» finnes ikke i kolonnen «År» i «t.csv»; verdiene der er: «2023», «2024»"
    ]


def test_rader_other_than_etikett_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", LONG_CSV)
    spec = write(tmp_path, "t.yaml", SPEC.replace("rader: Tjeneste", "rader: Art"))
    assert problems(spec) == [
        "t.yaml:3: pivot: rader: «Art» og etikett: «Tjeneste» må være samme kolonne (kolonnen "
        "med radnavnene); skriv samme navn, eller fjern rader: under pivot:"
    ]


def test_unreadable_value_and_empty_year_name_their_export_rows(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", LONG_CSV + "P04 Helse;;12;x\nP04 Helse;2024;12 NOK;x\n")
    spec = write(tmp_path, "t.yaml", SPEC)
    assert problems(spec) == [
        "t.csv:9: rad 9: kolonnen «År» er tom",
        "t.csv:10: rad 10, kolonne «Beløp»: «12 NOK» er ikke et tall",
    ]


def test_check_stops_on_duplicate_pairs_with_exit_code_1(tmp_path: Path) -> None:
    root = tmp_path / "prosjekt"
    shutil.copytree(ROOTS / "ramme-avvik", root)
    tables = root / "content" / "tabeller"
    write(tables, "t.csv", LONG_CSV + "P03 Kultur;2024;1;x\n")
    write(tables, "t.yaml", SPEC)
    write(root / "content", "ramme.md", "## Tabell\n\n![Tabell](tabeller/t.yaml)\n")
    done = run_deckgen("check", "ramme", "--prosjekt", str(root), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "feil: content/tabeller/t.csv:9: raden «P03 Kultur» har to tall for «2024» i kolonnen "
        "«År» (rad 6 og 9); rett eksporten, eller skriv dubletter: summer under pivot: i t.yaml "
        "hvis tallene skal legges sammen"
    ]


def test_a_column_value_named_like_the_label_column_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", LONG_CSV + "P04 Helse;Tjeneste;1;x\n")
    spec = write(tmp_path, "t.yaml", SPEC)
    assert problems(spec) == [
        "t.csv:9: kolonnen «År» har verdien «Tjeneste», som er navnet på kolonnen med "
        "radnavnene (etikett:); gi den et annet navn i eksporten"
    ]


def test_unquoted_point_decimals_of_a_comma_separated_export_stay_decimals(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", 'Tjeneste,År,Beløp\nA,2023,12.345\nA,2024,"1,5"\nB,2023,1\n')
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Tjeneste\nenhet: kr\npivot: {kolonner: År, verdi: Beløp}\n"
        'kolonner: [{navn: a, fra: "2023", desimaler: 3}, {navn: b, fra: "2024", desimaler: 1}]\n',
    )
    assert cells(table(spec)[1]) == [
        ["Tjeneste", "a", "b"],
        ["A", "12,345", "1,5"],
        ["B", "1,000", ""],
    ]


def test_a_long_export_with_a_blank_header_over_the_service_column(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", ";År;Beløp\nA;2023;1000\nA;2024;2000\nB;2023;3000\n")
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: A\nenhet: kr\npivot: {kolonner: År, verdi: Beløp}\n"
        'kolonner: [{navn: "2023", fra: "2023"}, {navn: "2024", fra: "2024"}]\nsum: Sum\n',
    )
    assert cells(table(spec)[1]) == [
        ["", "2023", "2024"],
        ["A", "1.000", "2.000"],
        ["B", "3.000", ""],
        ["Sum", "4.000", "2.000"],
    ]
