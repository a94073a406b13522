"""Realistic finance exports that used to give wrong figures with exit 0 (issue 9, the finance
adviser's report): totals spelt differently, sum-like rows, ratio rows, decimal points,
percent columns, negative numbers and the messages around them."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from deckgen.errors import DeckgenError

from .conftest import ROOTS, Ran, run_deckgen
from .test_tables import cells, table, write

AMOUNTS = "kilde: t.csv\netikett: Post\nenhet: kr\nkolonner: [{navn: Beløp, fra: Beløp}]\n"
PERCENT = "kilde: t.csv\netikett: År\nkolonner: [{navn: S, fra: S, format: prosent}]\n"


def problems(spec: Path) -> list[str]:
    """The messages a spec stops with, as printed (relative to the spec's folder)."""
    with pytest.raises(DeckgenError) as caught:
        table(spec)
    return [p.display(spec.parent) for p in caught.value.problems]


def warnings(spec: Path) -> list[str]:
    return [p.display(spec.parent) for p in table(spec)[0].warnings]


# 1: a total named like the export's total row but for a dash, spaces or case


def test_total_differing_only_by_dash_is_checked_and_said_in_a_note(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;1000\nB;2000\nRamme 2024–27;3005\n")
    spec = write(tmp_path, "t.yaml", AMOUNTS + "sum: Ramme 2024-27\n")
    computed, formatted = table(spec)
    assert cells(formatted)[1:] == [["A", "1.000"], ["B", "2.000"], ["Ramme 2024-27", "3.000"]]
    assert [m.display(spec.parent) for m in computed.mismatches] == [
        "t.csv:4: rad 4 «Ramme 2024-27», kolonne «Beløp»: oppgitt 3.005, beregnet 3.000 "
        "(alle tall i kr)"
    ]
    assert warnings(spec) == [
        "t.yaml:5: «Ramme 2024-27» (i eksporten «Ramme 2024–27», rad 4) er regnet som samme rad "
        "som i «t.csv», for navnene er like bortsett fra bindestrek (-) og tankestrek (–); "
        "tabellen viser navnet slik det står i t.yaml"
    ]


def test_total_differing_by_case_is_an_error_also_with_groups(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;1000\nB;2000\nSUM;3000\n")
    spec = write(tmp_path, "t.yaml", AMOUNTS + "grupper: [{rader: [A, B]}]\nsum: Sum\n")
    assert problems(spec) == [
        "t.yaml:6: sumraden «Sum» i t.yaml finnes ikke i kilden, men «SUM» (rad 4) gjør – bare "
        "store og små bokstaver er forskjellige; skriv navnet likt",
        "t.csv:4: raden «SUM» er ikke med i noen gruppe i «t.yaml»; den ligner «Sum» i t.yaml "
        "(bare store og små bokstaver er forskjellige): skriv navnet likt",
    ]


def test_subtotal_differing_by_spaces_around_a_dash_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;1000\nDrift – sum;1000\n")
    spec = write(tmp_path, "t.yaml", AMOUNTS + "grupper: [{rader: [A], delsum: Drift-sum}]\n")
    assert problems(spec)[0] == (
        "t.yaml:5: delsumraden «Drift-sum» i t.yaml finnes ikke i kilden, men «Drift – sum» "
        "(rad 3) gjør – bare bindestrek og tankestrek og mellomrom er forskjellige; skriv "
        "navnet likt"
    )


def test_non_breaking_and_double_spaces_in_labels_match(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;1000\nB;2000\nSum\u00a0drift;3000\n")
    spec = write(tmp_path, "t.yaml", AMOUNTS + "sum: Sum  drift\n")
    computed, formatted = table(spec)
    assert cells(formatted)[1:] == [["A", "1.000"], ["B", "2.000"], ["Sum drift", "3.000"]]
    assert computed.mismatches == []


def test_duplicate_row_differing_by_a_non_breaking_space_is_found(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nAndre tjenester;1\nAndre\u00a0tjenester;2\n")
    spec = write(tmp_path, "t.yaml", AMOUNTS)
    assert problems(spec)[0].startswith(
        "t.csv:3: raden «Andre tjenester» står to ganger i kilden (rad 2 og 3)"
    )


# 2: rows that look like totals are counted into the sum


def test_sum_like_rows_counted_into_the_total_warn(tmp_path: Path) -> None:
    write(
        tmp_path,
        "t.csv",
        "Post;Beløp\nA;1000\nSum drift;1000\nHerav lønn;500\nNetto finans;5\nI alt;1505\n",
    )
    spec = write(tmp_path, "t.yaml", AMOUNTS + "sum: Totalt\n")
    computed, formatted = table(spec)
    assert cells(formatted)[-1] == ["Totalt", "4.010"]
    assert [w.split(" ser ut")[0] for w in warnings(spec)] == [
        "t.csv:3: rad 3 «Sum drift»",
        "t.csv:4: rad 4 «Herav lønn»",
        "t.csv:6: rad 6 «I alt»",
    ]
    assert warnings(spec)[0] == (
        "t.csv:3: rad 3 «Sum drift» ser ut som en sumrad, men telles med i «Totalt»; er den en "
        "delsum av radene over, skriv den som delsum: i en gruppe (grupper:) i t.yaml; er den "
        "en vanlig rad, list radene i grupper: (en gruppe trenger ingen delsum), så telles den "
        "uten advarsel"
    )


def test_sum_like_rows_listed_in_a_group_or_without_a_total_do_not_warn(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;1000\nSum lønn;1000\n")
    assert warnings(write(tmp_path, "t.yaml", AMOUNTS)) == []
    spec = write(tmp_path, "t.yaml", AMOUNTS + "grupper: [{rader: [A, Sum lønn]}]\nsum: Sum\n")
    computed, formatted = table(spec)
    assert computed.warnings == []
    assert cells(formatted)[-1] == ["Sum", "2.000"]


# 3: ratio rows (kursiv:) are never summed


def test_ratio_rows_are_not_summed_and_follow_the_total(tmp_path: Path) -> None:
    write(
        tmp_path,
        "t.csv",
        "Post;Beløp\nA;1000000\nB;2000000\nNetto;3000000\nNetto i % av inntekter;0,021\n",
    )
    spec = write(
        tmp_path,
        "t.yaml",
        AMOUNTS.replace("enhet: kr", "enhet: 1000 kr").replace(
            "fra: Beløp", "fra: Beløp, desimaler: 3"
        )
        + "sum: Netto\nkursiv: [Netto i % av inntekter]\n",
    )
    computed, formatted = table(spec)
    assert cells(formatted)[1:] == [
        ["A", "1.000,000"],
        ["B", "2.000,000"],
        ["Netto", "3.000,000"],
        ["Netto i % av inntekter", "0,021"],
    ]
    assert computed.mismatches == []
    assert computed.warnings == []
    assert computed.value("t", "Netto i % av inntekter", "Beløp") == Decimal("0.021")


def test_ratio_rows_with_groups_are_shown_in_a_group_or_after_the_total(tmp_path: Path) -> None:
    write(
        tmp_path,
        "t.csv",
        "Post;Beløp\nA;1000\nResultatgrad;0,6\nB;2000\nSum;3000\nAndel;0,015\n",
    )
    spec = write(
        tmp_path,
        "t.yaml",
        AMOUNTS
        + "kursiv: [Resultatgrad, Andel]\n"
        + "grupper: [{rader: [A, Resultatgrad], delsum: D}, {rader: [B]}]\nsum: Sum\n",
    )
    computed, formatted = table(spec)
    assert cells(formatted)[1:] == [
        ["A", "1.000"],
        ["Resultatgrad", "1"],
        ["D", "1.000"],
        ["B", "2.000"],
        ["Sum", "3.000"],
        ["Andel", "0"],
    ]
    assert computed.mismatches == []
    assert warnings(spec) == [
        "t.csv:3: rad 3 «Resultatgrad», kolonne «Beløp»: kilden har «0,6», men tabellen viser 1 "
        "(kursiv rad i en beløpskolonne med 0 desimaler); sett desimaler: på kolonnen, eller "
        "vis andelen i en kolonne med format: prosent",
        "t.csv:6: rad 6 «Andel», kolonne «Beløp»: kilden har «0,015», men tabellen viser 0 "
        "(kursiv rad i en beløpskolonne med 0 desimaler); sett desimaler: på kolonnen, eller "
        "vis andelen i en kolonne med format: prosent",
    ]


def test_a_ratio_row_missing_from_the_source_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;1000\nResultatgrad;0,6\n")
    spec = write(tmp_path, "t.yaml", AMOUNTS + "kursiv: [Resultat grad]\n")
    assert problems(spec) == [
        "t.yaml:5: raden «Resultat grad» under kursiv: finnes ikke i «t.csv» (mente du "
        "«Resultatgrad»?)"
    ]


def test_groups_without_subtotal_still_count_in_the_total(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;1000\nB;2000\n")
    spec = write(
        tmp_path, "t.yaml", AMOUNTS + "grupper: [{rader: [A], delsum: D}, {rader: [B]}]\nsum: S\n"
    )
    assert cells(table(spec)[1])[-1] == ["S", "3.000"]


# 4: decimal points


@pytest.mark.parametrize("blank", ["", "\n", "\r\n\r\n"])
def test_comma_separated_csv_reads_unquoted_dots_as_decimal_points(
    tmp_path: Path, blank: str
) -> None:
    write(tmp_path, "t.csv", f'Post,Beløp\nA,0.146\n{blank}B,1234.50\nC,12.345\nD,"1,5"\n{blank}')
    spec = write(tmp_path, "t.yaml", AMOUNTS.replace("fra: Beløp", "fra: Beløp, desimaler: 3"))
    assert [r[1] for r in cells(table(spec)[1])[1:]] == ["0,146", "1.234,500", "12,345", "1,500"]


def test_a_number_starting_with_zero_point_is_a_decimal(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;0.146\nB;-0.5\n")
    spec = write(tmp_path, "t.yaml", AMOUNTS.replace("fra: Beløp", "fra: Beløp, desimaler: 3"))
    assert [r[1] for r in cells(table(spec)[1])[1:]] == ["0,146", "-0,500"]


@pytest.mark.parametrize(
    ("text", "later"),
    [
        ('Post,Beløp\nA,"1.216.746"\nB,1234.50\n', "«1234.50»"),
        ("Post;Beløp\nA;1.216.746\nB;1234.5\n", "«1234.5»"),
    ],
)
def test_a_column_mixing_both_readings_of_a_dot_is_an_error(
    tmp_path: Path, text: str, later: str
) -> None:
    write(tmp_path, "t.csv", text)
    spec = write(tmp_path, "t.yaml", AMOUNTS)
    assert problems(spec) == [
        "t.csv:3: kolonne «Beløp» har punktum både som tusenskille (rad 2: «1.216.746») og som "
        f"desimaltegn (rad 3: {later}); skriv alle tallene på samme måte, for eksempel uten "
        "tusenskille og med komma som desimaltegn (1234,5)"
    ]


def test_excel_numbers_are_numbers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Post", "Beløp"])
    book.active.append(["A", 12.345])
    book.active.append(["B", 1216746])
    book.save(tmp_path / "t.xlsx")
    spec = write(
        tmp_path,
        "t.yaml",
        AMOUNTS.replace("t.csv", "t.xlsx").replace("fra: Beløp", "fra: Beløp, desimaler: 3"),
    )
    assert [r[1] for r in cells(table(spec)[1])[1:]] == ["12,345", "1.216.746,000"]


# 5: percent columns with every value from -1 to 1


def test_small_plain_percent_values_are_refused_without_a_clear_reading(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "År;S\nNetto driftsresultat i % av inntekter;0,9\nB;0,6\n")
    spec = write(tmp_path, "t.yaml", PERCENT)
    assert problems(spec) == [
        "t.yaml:3: kolonne «S» i «t.csv» vises i prosent, men alle tallene uten «%» ligger fra "
        "-1 til 1 med høyst to desimaler (rad 2: «0,9»), så de kan være både andeler (90 %) og "
        "prosenttall (0,9 %); skriv kildetall: andel eller kildetall: prosent på kolonnen"
    ]


@pytest.mark.parametrize(
    ("header", "key", "shown"),
    [
        ("S", ", kildetall: prosent", ["0,9 %", "0,6 %"]),
        ("S", ", kildetall: andel", ["90,0 %", "60,0 %"]),
        ("S i %", "", ["0,9 %", "0,6 %"]),
        ("S prosent", "", ["0,9 %", "0,6 %"]),
    ],
)
def test_the_key_or_the_source_heading_settles_small_percent_values(
    tmp_path: Path, header: str, key: str, shown: list[str]
) -> None:
    write(tmp_path, "t.csv", f"År;{header}\nA;0,9\nB;0,6\n")
    spec = write(
        tmp_path,
        "t.yaml",
        PERCENT.replace("fra: S,", f"fra: {header},").replace("prosent}", f"prosent{key}}}"),
    )
    assert [r[1] for r in cells(table(spec)[1])[1:]] == shown


def test_kildetall_on_an_amount_column_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;1\n")
    spec = write(
        tmp_path, "t.yaml", AMOUNTS.replace("fra: Beløp}", "fra: Beløp, kildetall: andel}")
    )
    assert problems(spec) == [
        "t.yaml:4: kildetall: gjelder bare kolonner som vises i prosent; skriv format: prosent "
        "på «Beløp», eller fjern kildetall:"
    ]


def test_ratios_with_three_decimals_are_still_ratios(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "År;S\nA;0,146\nB;0,6\n")
    spec = write(tmp_path, "t.yaml", PERCENT)
    assert [r[1] for r in cells(table(spec)[1])[1:]] == ["14,6 %", "60,0 %"]


def test_excel_percent_cells_are_ratios_whatever_the_other_cells(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["År", "S"])
    sheet.append(["A", 0.9])
    sheet.append(["B", 14.6])
    sheet.append(["C", 0.5])
    sheet["B2"].number_format = "0.0%"
    sheet["B4"].number_format = '0.0" %"'  # a literal «%»: the number is a percentage
    book.save(tmp_path / "t.xlsx")
    spec = write(tmp_path, "t.yaml", PERCENT.replace("t.csv", "t.xlsx"))
    assert problems(spec) == [
        "t.xlsx:3: kolonne «S» vises i prosent, men har både andeler (rad 4: «0.5») og "
        "prosenttall (rad 3: «14.6») uten «%»; gi alle cellene prosentformat i Excel (da lagres "
        "14,6 % som 0,146), eller skriv alle som prosenttall (14,6)"
    ]
    sheet["B4"] = 5
    book.save(tmp_path / "t.xlsx")
    assert [r[1] for r in cells(table(spec)[1])[1:]] == ["90,0 %", "14,6 %", "5,0 %"]


# 6: no «Alle tall i 1000 kr» under a table without amounts


def test_percent_only_table_has_no_unit_caption(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "År;S\nA;14,6\n")
    assert table(write(tmp_path, "t.yaml", PERCENT))[1].caption == ""
    write(tmp_path, "t.csv", "Post;Beløp\nA;1000\n")
    assert table(write(tmp_path, "t.yaml", AMOUNTS))[1].caption == "Alle tall i kr"


# 7: negative numbers, and unreadable totals


def test_parentheses_trailing_and_unicode_minus_are_negative(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;(12 300)\nB;5.226-\nC;\u22121 000\nSum;(18 526,00)\n")
    spec = write(tmp_path, "t.yaml", AMOUNTS + "sum: Sum\n")
    computed, formatted = table(spec)
    assert cells(formatted)[1:] == [
        ["A", "-12.300"],
        ["B", "-5.226"],
        ["C", "-1.000"],
        ["Sum", "-18.526"],
    ]
    assert computed.mismatches == []


@pytest.mark.parametrize(
    ("csv", "spec", "message"),
    [
        (
            "Post;Beløp\nA;100\nB;200\nSum;tre hundre\n",
            AMOUNTS + "sum: Sum\n",
            "t.csv:4: rad 4, kolonne «Beløp»: «tre hundre» er ikke et tall",
        ),
        (
            "Post;Beløp;K\nA;100;x\nB;200;200\n",
            AMOUNTS.replace("}]", "}, {navn: S, sum: [Beløp], kontroll: K}]"),
            "t.csv:2: rad 2, kolonne «K»: «x» er ikke et tall",
        ),
    ],
)
def test_unreadable_total_or_control_is_an_error_not_a_mismatch(
    tmp_path: Path, csv: str, spec: str, message: str
) -> None:
    write(tmp_path, "t.csv", csv)
    assert problems(write(tmp_path, "t.yaml", spec)) == [message]


# 8: messages


def test_wrong_sheet_points_at_the_ark_line(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Drift"
    book.active.append(["Post", "Beløp"])
    book.active.append(["A", 1])
    book.save(tmp_path / "t.xlsx")
    spec = write(tmp_path, "t.yaml", AMOUNTS.replace("t.csv", "t.xlsx") + "ark: Investering\n")
    assert problems(spec) == [
        "t.yaml:5: arket «Investering» finnes ikke i «t.xlsx»; arkene er: Drift"
    ]


def test_empty_column_name_names_the_excel_letter_and_suggests_the_header_row(
    tmp_path: Path,
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Tittel"])
    book.active.append(["Post", "Beløp"])
    book.active.append(["A", 1])
    book.save(tmp_path / "t.xlsx")
    spec = write(tmp_path, "t.yaml", AMOUNTS.replace("t.csv", "t.xlsx"))
    assert problems(spec) == [
        "t.xlsx:1: kolonne B i arket «Sheet» mangler navn i overskriftsraden (rad 1), men har "
        "tall under seg; "
        "står kolonnenavnene på en annen rad, sett overskriftsrad: i tabellbeskrivelsen"
    ]


def test_a_name_split_by_a_comma_in_a_yaml_list_says_to_quote_it(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Beløp\nA;1\nAndre tjenester, diverse;2\n")
    spec = write(
        tmp_path, "t.yaml", AMOUNTS + "grupper: [{rader: [A, Andre tjenester, diverse]}]\n"
    )
    assert problems(spec)[1] == (
        "t.yaml:5: raden «diverse» finnes ikke i «t.csv»; i en liste i hakeparentes [ ] skiller "
        "komma navnene, så «Andre tjenester, diverse» ble to navn: skriv det i anførselstegn "
        '("Andre tjenester, diverse")'
    )


def run(*args: str) -> Ran:
    return run_deckgen(*args, cwd=Path.cwd())


def test_a_build_stopped_by_mismatches_still_prints_the_warnings(tmp_path: Path) -> None:
    root = tmp_path / "prosjekt"
    shutil.copytree(ROOTS / "ramme-avvik", root)
    tables = root / "content" / "tabeller"
    write(tables, "t.csv", "Post;Beløp\nA;1000\nB;400\nSum;9000\n")
    write(tables, "t.yaml", AMOUNTS.replace("enhet: kr", "enhet: 1000 kr") + "sum: Sum\n")
    write(root / "content", "ramme.md", "## Tabell\n\n![Tabell](tabeller/t.yaml)\n")
    for command in ("build", "check"):
        extra = ["--out", str(tmp_path / "ut")] if command == "build" else []
        done = run(command, "ramme", "--prosjekt", str(root), *extra)
        assert done.returncode == 1
        assert "content/tabeller/t.csv:3: rad 3 «B», kolonne «Beløp»: kilden har «400», men" in (
            done.stderr
        ), done.stderr
        assert "content/tabeller/t.csv:4: rad 4 «Sum»" in done.stderr


def test_a_ratio_row_the_export_marks_with_percent_is_shown_as_percent(tmp_path: Path) -> None:
    write(
        tmp_path,
        "t.csv",
        "Art;Budsjett;Regnskap\nInntekter;9123000;9200000\nUtgifter;-8900000;-9010000\n"
        "Netto driftsresultat i % av driftsinntekter;1,8 %;-0,4 %\n",
    )
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Art\nkolonner:\n  - {navn: Budsjett, fra: Budsjett}\n"
        "  - {navn: Regnskap, fra: Regnskap}\n"
        "kursiv: [Netto driftsresultat i % av driftsinntekter]\n",
    )
    computed, formatted = table(spec)
    assert cells(formatted)[-1] == [
        "Netto driftsresultat i % av driftsinntekter",
        "1,8 %",
        "-0,4 %",
    ]
    assert computed.warnings == []
    assert computed.value("t.yaml", "Netto driftsresultat i % av driftsinntekter", "Budsjett") == (
        Decimal("0.018")
    )
