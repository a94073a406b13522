"""Row labels (issue 13 item 7): a label column with a blank header named by letter or position,
and spec row names that differ from the export only in hyphen, en dash or em dash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deckgen.errors import DeckgenError, ProblemKind

from .conftest import ROOTS, run_deckgen
from .test_tables import cells, table, write

COLUMNS = 'enhet: kr\nkolonner:\n  - {navn: "2023", fra: "2023"}\n  - {navn: "2024", fra: "2024"}\n'


def problems(spec: Path) -> list[str]:
    """The messages a spec stops with, as printed (relative to the spec's folder)."""
    with pytest.raises(DeckgenError) as caught:
        table(spec)
    return [p.display(spec.parent) for p in caught.value.problems]


def blank_header_workbook(path: Path) -> None:
    """An export whose label column (A) has no header, as many ERP exports have."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append([None, "2023", "2024"])
    book.active.append(["P01 Skole", 10, 20])
    book.active.append(["P02 Barnehage", 1, 2])
    book.save(path)


def test_blank_label_header_named_by_letter(tmp_path: Path) -> None:
    blank_header_workbook(tmp_path / "t.xlsx")
    spec = write(tmp_path, "t.yaml", "kilde: t.xlsx\netikett: A\nsum: Sum\n" + COLUMNS)
    _, formatted = table(spec)
    assert cells(formatted) == [
        ["", "2023", "2024"],
        ["P01 Skole", "10", "20"],
        ["P02 Barnehage", "1", "2"],
        ["Sum", "11", "22"],
    ]


def test_blank_label_header_named_by_position_with_its_own_heading(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", ";2023;2024\nP01 Skole;10;20\nP02 Barnehage;1;2\n")
    spec = write(
        tmp_path,
        "t.yaml",
        'kilde: t.csv\netikett: "1"\netikett_overskrift: Tjeneste\n' + COLUMNS,
    )
    _, formatted = table(spec)
    assert cells(formatted) == [
        ["Tjeneste", "2023", "2024"],
        ["P01 Skole", "10", "20"],
        ["P02 Barnehage", "1", "2"],
    ]


def test_a_blank_label_header_without_a_letter_says_how_to_name_it(tmp_path: Path) -> None:
    blank_header_workbook(tmp_path / "t.xlsx")
    spec = write(tmp_path, "t.yaml", "kilde: t.xlsx\netikett: Tjeneste\n" + COLUMNS)
    assert problems(spec) == [
        "t.xlsx:1: kolonne A i arket «Sheet» mangler navn i overskriftsraden (rad 1), men har "
        "tall under seg; står kolonnenavnene på en annen rad, sett overskriftsrad: i "
        "tabellbeskrivelsen; er det kolonnen med radnavnene, skriv etikett: A i "
        "tabellbeskrivelsen"
    ]


def test_a_column_named_like_a_letter_is_that_column(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Nr;A;2023;2024\n1;P01 Skole;10;20\n")
    spec = write(tmp_path, "t.yaml", "kilde: t.csv\netikett: A\n" + COLUMNS)
    assert cells(table(spec)[1]) == [["A", "2023", "2024"], ["P01 Skole", "10", "20"]]


def test_a_letter_over_a_named_column_is_not_taken_for_it(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Tjeneste;2023;2024\nP01 Skole;10;20\n")
    spec = write(tmp_path, "t.yaml", "kilde: t.csv\netikett: A\n" + COLUMNS)
    assert problems(spec) == [
        "t.yaml:2: kilden «t.csv» har ingen kolonne «A»; kolonnene er: «Tjeneste», «2023», «2024»"
    ]


DASHED = "Post;2023;2024\nSkole – oppvekst;10;20\nKultur-idrett;1;2\nSum — drift;11;22\n"


def test_dash_kinds_match_and_a_note_says_so_once(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", DASHED)
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Post\n"
        + COLUMNS
        + "grupper:\n  - rader: [Skole - oppvekst, Kultur–idrett]\nsum: Sum – drift\n",
    )
    computed, formatted = table(spec)
    assert cells(formatted) == [
        ["Post", "2023", "2024"],
        ["Skole - oppvekst", "10", "20"],
        ["Kultur–idrett", "1", "2"],
        ["Sum – drift", "11", "22"],
    ]
    assert computed.mismatches == []  # the export's total row was found and checked
    assert [(w.kind, w.display(tmp_path)) for w in computed.warnings] == [
        (
            ProblemKind.NOTE,
            "t.yaml:8: «Skole - oppvekst» (i eksporten «Skole – oppvekst», rad 2), «Kultur–idrett» "
            "(i eksporten «Kultur-idrett», rad 3), «Sum – drift» (i eksporten «Sum — drift», rad "
            "4) er regnet som samme rad som i «t.csv», for navnene er like bortsett fra "
            "bindestrek (-) og tankestrek (–); tabellen viser navnet slik det står i t.yaml",
        )
    ]


def test_a_dash_matched_total_is_still_checked(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", DASHED.replace("Sum — drift;11;22", "Sum — drift;11;25"))
    spec = write(
        tmp_path, "t.yaml", "kilde: t.csv\netikett: Post\n" + COLUMNS + "sum: Sum - drift\n"
    )
    computed, _ = table(spec)
    assert [m.display(tmp_path) for m in computed.mismatches] == [
        "t.csv:4: rad 4 «Sum - drift», kolonne «2024»: oppgitt 25, beregnet 22 (alle tall i kr)"
    ]


def test_two_export_rows_differing_only_in_dashes_are_not_guessed_between(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;2023;2024\nA-B;1;2\nA–B;3;4\n")
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Post\n" + COLUMNS + "grupper:\n  - rader: [A—B]\n",
    )
    assert problems(spec) == [
        "t.yaml:8: raden «A—B» finnes ikke i «t.csv» (mente du «A-B»? navnene er like bortsett "
        "fra bindestrek (-) og tankestrek (–))",
        "t.csv:2: raden «A-B» er ikke med i noen gruppe i «t.yaml»",
        "t.csv:3: raden «A–B» er ikke med i noen gruppe i «t.yaml»",
    ]


def test_a_row_the_spec_names_exactly_is_not_taken_by_another_spelling(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;2023;2024\nA-B;1;2\nA–B;3;4\n")
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Post\n" + COLUMNS + "grupper:\n  - rader: [A–B, A-B]\n",
    )
    computed, formatted = table(spec)
    assert cells(formatted)[1:] == [["A–B", "3", "4"], ["A-B", "1", "2"]]
    assert computed.warnings == []


def test_spaces_around_a_dash_still_differ_and_the_hint_says_so(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;2023;2024\nSkole – oppvekst;1;2\n")
    spec = write(
        tmp_path, "t.yaml", "kilde: t.csv\netikett: Post\n" + COLUMNS + "kursiv: [Skole-oppvekst]\n"
    )
    assert problems(spec) == [
        "t.yaml:7: raden «Skole-oppvekst» under kursiv: finnes ikke i «t.csv» (mente du «Skole – "
        "oppvekst»? navnene er like bortsett fra bindestrek og tankestrek og mellomrom)"
    ]


def test_check_prints_the_dash_note_and_exits_0(tmp_path: Path) -> None:
    root = tmp_path / "prosjekt"
    shutil.copytree(ROOTS / "ramme-avvik", root)
    tables = root / "content" / "tabeller"
    write(tables, "t.csv", DASHED)
    write(tables, "t.yaml", "kilde: t.csv\netikett: Post\n" + COLUMNS + "sum: Sum - drift\n")
    write(root / "content", "ramme.md", "## Tabell\n\n![Tabell](tabeller/t.yaml)\n")
    done = run_deckgen("check", "ramme", "--prosjekt", str(root), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (
        "merk: content/tabeller/t.yaml:7: «Sum - drift» (i eksporten «Sum — drift», rad 4) er "
        "regnet som samme rad som i «t.csv», for navnene er like bortsett fra bindestrek (-) og "
        "tankestrek (–); tabellen viser navnet slik det står i t.yaml"
    ) in (done.stdout + done.stderr).splitlines()
