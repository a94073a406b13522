"""Finance sources that used to build with a wrong or missing figure (issue 9, items 1, 13, 14)."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from deckgen.errors import DeckgenError

from .conftest import ROOTS, Ran, run_deckgen
from .test_tables import cells, table, write

AMOUNTS = "kilde: t.csv\netikett: Post\nenhet: kr\nkolonner: [{navn: Beløp, fra: Beløp}]\n"


def problems(spec: Path) -> list[str]:
    """The messages a spec stops with, as printed (relative to the spec's folder)."""
    with pytest.raises(DeckgenError) as caught:
        table(spec)
    return [p.display(spec.parent) for p in caught.value.problems]


# Item 1 and 14c: duplicate row labels, a second sum row


def test_duplicate_row_label_is_an_error_naming_both_rows(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;1000\nA;2000\nB;3000\n")
    spec = write(tmp_path, "t.yaml", AMOUNTS + "sum: Sum\n")
    assert problems(spec) == [
        "t.csv:3: raden «A» står to ganger i kilden (rad 2 og 3); gi radene ulike navn i "
        "eksporten, så summer, kontroller og oppslag i teksten vet hvilken rad som menes"
    ]


def test_distinct_labels_still_sum_every_row(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA1;1000\nA2;2000\nB;3000\n")
    spec = write(tmp_path, "t.yaml", AMOUNTS + "sum: Sum\n")
    assert cells(table(spec)[1])[1:] == [
        ["A1", "1.000"],
        ["A2", "2.000"],
        ["B", "3.000"],
        ["Sum", "6.000"],
    ]


def test_a_second_sum_row_in_the_source_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;1000\nSum;1000\nB;3000\nSum;4000\n")
    spec = write(tmp_path, "t.yaml", AMOUNTS + "sum: Sum\n")
    assert problems(spec) == [
        "t.csv:5: raden «Sum» står to ganger i kilden (rad 3 og 5); gi radene ulike navn i "
        "eksporten, så summer, kontroller og oppslag i teksten vet hvilken rad som menes"
    ]


def test_a_row_or_subtotal_named_twice_in_the_spec_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;1000\nB;2000\n")
    spec = write(
        tmp_path,
        "t.yaml",
        AMOUNTS
        + "grupper:\n"
        + "  - rader: [A, B]\n    delsum: Sum\n"
        + "  - rader: [B]\n    delsum: Delsum\n"
        + "sum: Sum\n",
    )
    assert problems(spec) == [
        "t.yaml:8: raden «B» står to ganger i tabellbeskrivelsen (i gruppe 1 og i gruppe 2); "
        "hver rad kan bare vises og summeres én gang",
        "t.yaml:10: raden «Sum» står to ganger i tabellbeskrivelsen (som delsum i gruppe 1 og "
        "som sum); hver rad kan bare vises og summeres én gang",
    ]


# Item 13: a figure that is not zero must not be shown as 0 without a word


RATIO_CSV = (
    "Post;Regnskap\nDriftsinntekter;1000000\nNetto driftsresultat;6000\n"
    "Resultatgrad;0,006\nResultatgrad i prosent;0,6 %\nNull;0\n"
)
RATIO_SPEC = (
    "kilde: t.csv\netikett: Post\nkursiv: [Resultatgrad, Resultatgrad i prosent]\n"
    "kolonner: [{navn: Regnskap, fra: Regnskap}]\n"
)


def test_ratio_row_in_an_amount_column_warns_with_file_and_row(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", RATIO_CSV)
    spec = write(tmp_path, "t.yaml", RATIO_SPEC)
    computed, formatted = table(spec)
    assert cells(formatted)[3:] == [
        ["Resultatgrad", "0"],
        ["Resultatgrad i prosent", "0,6 %"],  # the export says it is percent
        ["Null", "0"],
    ]
    assert [p.display(tmp_path) for p in computed.warnings] == [
        "t.csv:4: rad 4 «Resultatgrad», kolonne «Regnskap»: kilden har «0,006», men tabellen "
        "viser 0 (kursiv rad i en beløpskolonne med 0 desimaler); sett desimaler: på kolonnen, "
        "eller vis andelen i en kolonne med format: prosent",
    ]
    assert computed.mismatches == []


def test_small_amount_below_the_shown_unit_warns_but_a_shown_one_does_not(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;400\nB;500\nC;-400\n")
    spec = write(tmp_path, "t.yaml", AMOUNTS.replace("enhet: kr", "enhet: 1000 kr"))
    computed, formatted = table(spec)
    assert cells(formatted)[1:] == [["A", "0"], ["B", "1"], ["C", "0"]]
    assert [p.location.line for p in computed.warnings if p.location] == [2, 4]


def project_with_ratio_table(tmp_path: Path) -> Path:
    """A copy of the ramme-avvik project whose deck shows the ratio table."""
    root = tmp_path / "prosjekt"
    shutil.copytree(ROOTS / "ramme-avvik", root)
    tables = root / "content" / "tabeller"
    write(tables, "t.csv", RATIO_CSV)
    write(tables, "t.yaml", RATIO_SPEC)
    write(root / "content", "ramme.md", "## Resultatgrad\n\n![Resultatgrad](tabeller/t.yaml)\n")
    return root


def run(*args: str) -> Ran:
    return run_deckgen(*args, cwd=Path.cwd())


def test_build_prints_the_zero_warning_and_strict_refuses(tmp_path: Path) -> None:
    root = project_with_ratio_table(tmp_path)
    out = tmp_path / "ut"
    built = run("build", "ramme", "--prosjekt", str(root), "--out", str(out))
    assert built.returncode == 0, built.stderr
    warnings = [line for line in built.stderr.splitlines() if line.startswith("advarsel:")]
    assert [w.split(": rad ")[0] for w in warnings] == ["advarsel: content/tabeller/t.csv:4"]
    strict = run(
        "build", "ramme", "--strict", "--prosjekt", str(root), "--out", str(tmp_path / "streng")
    )
    assert strict.returncode == 1
    assert strict.stderr.splitlines() == [w.replace("advarsel:", "feil:", 1) for w in warnings]
    assert not (tmp_path / "streng" / "ramme.pptx").exists()


# Item 14a: Excel formulas without a saved value


def test_excel_formula_without_saved_value_names_the_cell(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Drift"
    sheet.append(["Post", "Budsjett", "Regnskap"])
    sheet.append(["A", 1000, 900])
    sheet.append(["B", 2000, 2100])
    sheet.append(["Sum", "=SUM(B2:B3)", "=SUM(C2:C3)"])
    book.save(tmp_path / "t.xlsx")
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.xlsx\netikett: Post\nenhet: kr\n"
        "kolonner: [{navn: Regnskap, fra: Regnskap}]\nsum: Sum\n",
    )
    assert problems(spec) == [
        "t.xlsx:4: celle C4 i arket «Drift» har en formel (=SUM(C2:C3)) uten lagret verdi; "
        "åpne filen i Excel og lagre den, så lagres verdiene"
    ]


def test_excel_formula_in_a_shown_row_and_in_an_unused_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Post", "Beløp", "Notat"])
    sheet.append(["A", 1000, '=CONCAT("x","y")'])
    sheet.append(["B", "=B2*2", None])
    book.save(tmp_path / "t.xlsx")
    spec = write(tmp_path, "t.yaml", AMOUNTS.replace("t.csv", "t.xlsx"))
    assert problems(spec) == [
        "t.xlsx:3: celle B3 i arket «Sheet» har en formel (=B2*2) uten lagret verdi; "
        "åpne filen i Excel og lagre den, så lagres verdiene"
    ]
    sheet["B3"] = 2000
    book.save(tmp_path / "t.xlsx")
    assert cells(table(spec)[1])[1:] == [["A", "1.000"], ["B", "2.000"]]


# Item 14b: percent columns written without «%»


PERCENT_SPEC = (
    "kilde: t.csv\netikett: År\nkolonner: [{navn: Sykefravær, fra: Sykefravær, format: prosent}]\n"
)


@pytest.mark.parametrize(
    ("rows", "shown"),
    [
        ("2022;14,6\n2023;8\n", ["14,6 %", "8,0 %"]),
        ("2022;0,146\n2023;0,08\n", ["14,6 %", "8,0 %"]),
        ("2022;14,6 %\n2023;0,085\n", ["14,6 %", "8,5 %"]),
        ("2022;14,6 %\n2023;8\n", ["14,6 %", "8,0 %"]),
        ("2022;14,6\n2023;0\n", ["14,6 %", "0,0 %"]),
        ("2022;14,6\n2023;1\n", ["14,6 %", "1,0 %"]),
        ("2022;0,125\n2023;1\n", ["12,5 %", "100,0 %"]),
    ],
)
def test_percent_column_reads_plain_numbers_by_the_column(
    tmp_path: Path, rows: str, shown: list[str]
) -> None:
    write(tmp_path, "t.csv", "År;Sykefravær\n" + rows)
    spec = write(tmp_path, "t.yaml", PERCENT_SPEC)
    assert [r[1] for r in cells(table(spec)[1])[1:]] == shown


def test_percent_column_mixing_ratios_and_percentages_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "År;Sykefravær\n2021;0,146\n2022;14,6\n2023;13,2\n")
    spec = write(tmp_path, "t.yaml", PERCENT_SPEC)
    assert problems(spec) == [
        "t.csv:3: kolonne «Sykefravær» vises i prosent, men har både andeler (rad 2: «0,146») "
        "og prosenttall (rad 3: «14,6») uten «%»; skriv alle som andeler (0,146) eller alle med "
        "prosenttegn (14,6 %)"
    ]


def test_percent_control_column_reads_the_same_way(tmp_path: Path) -> None:
    write(
        tmp_path,
        "t.csv",
        "Post;Budsjett;Regnskap;Avvik %\nA;1000;990;1,0\nB;2000;2100;-5,0\n",
    )
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Post\nenhet: kr\nkolonner:\n"
        "  - {navn: Budsjett, fra: Budsjett}\n  - {navn: Regnskap, fra: Regnskap}\n"
        "  - {navn: Avvik, avvik: [Budsjett, Regnskap]}\n"
        "  - {navn: Andel, andel: [Avvik, Budsjett], kontroll: Avvik %}\n",
    )
    computed, formatted = table(spec)
    assert [r[4] for r in cells(formatted)[1:]] == ["1,0 %", "-5,0 %"]
    assert computed.mismatches == []


# Item 14c: a source with a header and no rows


def test_header_only_csv_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\n")
    spec = write(tmp_path, "t.yaml", AMOUNTS)
    assert problems(spec) == [
        "t.csv:1: datafilen har overskriftsraden, men ingen rader med tall under den"
    ]


def test_header_only_excel_sheet_is_an_error(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Tittel"])
    book.active.append([])
    book.active.append(["Post", "Beløp"])
    book.save(tmp_path / "t.xlsx")
    spec = write(tmp_path, "t.yaml", AMOUNTS.replace("t.csv", "t.xlsx") + "overskriftsrad: 3\n")
    assert problems(spec) == [
        "t.xlsx:3: arket «Sheet» har overskriftsraden, men ingen rader med tall under den"
    ]


# Names: dashes, spaces and decomposed Unicode


def test_dash_mismatch_is_named_in_the_hint(tmp_path: Path) -> None:
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Post\nkolonner:\n  - {navn: R, fra: Ramme 2024-27}\n"
        "grupper:\n  - rader: [A, Sum  drift]\n",
    )
    write(tmp_path, "t.csv", "Post;Ramme 2024–27\nA;1000\nSum drift;1000\n")
    assert problems(spec) == [
        "t.yaml:4: kilden «t.csv» har ingen kolonne «Ramme 2024-27» (mente du «Ramme 2024–27»? "
        "navnene er like bortsett fra bindestrek (-) og tankestrek (–))",
    ]
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("Ramme 2024-27", "Ramme 2024–27"),
        encoding="utf-8",
    )
    assert cells(table(spec)[1])[1:] == [["A", "1"], ["Sum drift", "1"]]  # spaces are spaces


def test_decomposed_unicode_matches_composed_names(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Tjenesteområde;Beløp\nVåre skoler;1000\n")
    assert nfd != unicodedata.normalize("NFC", nfd)
    write(tmp_path, "t.csv", nfd)
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Tjenesteområde\nenhet: kr\n"
        "kolonner: [{navn: Beløp, fra: Beløp}]\nkursiv: [Våre skoler]\n",
    )
    computed, formatted = table(spec)
    assert cells(formatted) == [["Tjenesteområde", "Beløp"], ["Våre skoler", "1.000"]]
    assert cells(formatted)[1][0] == unicodedata.normalize("NFC", "Våre skoler")
    assert computed.rows[0].style.name == "RATIO"


def test_template_lookup_matches_nfd_names_and_explains_a_dash(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nRamme 2024–27;1000\n")
    spec = write(tmp_path, "t.yaml", AMOUNTS)
    computed, _ = table(spec)
    nfd = unicodedata.normalize("NFD", "Beløp")
    assert computed.value("t.yaml", "Ramme 2024–27", nfd) == 1000
    with pytest.raises(DeckgenError) as caught:
        computed.value("t.yaml", "Ramme 2024-27", "Beløp")
    assert str(caught.value) == (
        "tabellen «t.yaml» har ingen rad «Ramme 2024-27» (mente du «Ramme 2024–27»? "
        "navnene er like bortsett fra bindestrek (-) og tankestrek (–))"
    )


def test_report_build_prints_the_zero_warning(tmp_path: Path, no_libreoffice: str) -> None:
    root = tmp_path / "rapport"
    shutil.copytree(ROOTS / "rapport", root)
    tables = root / "content" / "k" / "tabeller"
    tables.mkdir()
    write(tables, "t.csv", RATIO_CSV)
    write(tables, "t.yaml", RATIO_SPEC)
    chapter = root / "content" / "k" / "01.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\n![Resultatgrad](tabeller/t.yaml)\n",
        encoding="utf-8",
    )
    built = run("build", "plan", "--prosjekt", str(root), "--out", str(tmp_path / "ut"))
    assert built.returncode == 0, built.stderr
    warnings = [line for line in built.stderr.splitlines() if line.startswith("advarsel:")]
    assert [w.split(": rad ")[0] for w in warnings] == ["advarsel: content/k/tabeller/t.csv:4"]


def test_a_source_file_named_in_the_other_unicode_form_is_found(tmp_path: Path) -> None:
    write(tmp_path, unicodedata.normalize("NFD", "ramme-hålogaland.csv"), "Post;Beløp\nA;1000\n")
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: ramme-hålogaland.csv\netikett: Post\nenhet: kr\n"
        "kolonner: [{navn: Beløp, fra: Beløp}]\n",
    )
    assert cells(table(spec)[1]) == [["Post", "Beløp"], ["A", "1.000"]]
